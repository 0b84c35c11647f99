extension Profile {
  /// The label that carries what a goroutine waits on (`chan send`, `select`, …) in the profile
  /// of a goroutine traceback, whose stacks hide the runtime frames that would say it. In the
  /// `::` namespace pprof keeps for labels of its own (`pprof::base`), so that no label of the
  /// program's is taken for it; `go tool pprof -tags` lists it.
  public static let waitReasonLabel = "pprof-leak::wait_reason"

  /// The string id of `waitReasonLabel`, nil when no sample can carry it.
  var waitReasonKey: StringID? {
    stringTable.firstIndex(of: Self.waitReasonLabel).map { StringID(Int64($0)) }
  }
}
