/// The profiled executable, as pprof names it: the first mapping's file name and build id.
public struct MainBinary: Equatable, Sendable {
  /// `Mapping.filename`, e.g. `/usr/local/bin/server`.
  public var filename: String
  /// `Mapping.build_id`.
  public var buildID: String

  public init(filename: String, buildID: String) {
    self.filename = filename
    self.buildID = buildID
  }
}

extension Profile {
  /// The executable of the first mapping; nil when the profile has none or it has no file name
  /// (goroutine text dumps, profiles pprof-leak made).
  public var mainBinary: MainBinary? {
    guard let first = mappings.first, first.filename != .empty else { return nil }
    return MainBinary(filename: string(first.filename), buildID: string(first.buildID))
  }
}
