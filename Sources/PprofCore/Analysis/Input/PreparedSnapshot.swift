public import PprofProfile
public import PprofGoroutine

/// A snapshot whose samples are already prepared for a `StackTable`, what a series is built
/// from: the loader prepares them on its decoding threads (`ProfileLoader.loadPrepared`), so
/// that the series only interns them. The samples are in `stacks`, never in `header`.
public struct PreparedSnapshot: Sendable, SnapshotOrigin {
  /// The profile without its samples: sample types, times, mappings, functions, strings.
  public var header: Profile
  /// The profile's samples, as stacks to intern.
  public var stacks: PreparedStacks
  public var source: Snapshot.Source
  public var dump: GoroutineDump?
  public var path: String

  /// A profile decoded straight into its stacks (`Profile.decodingStacks`).
  public init(header: Profile, stacks: PreparedStacks, source: Snapshot.Source, path: String) {
    var header = header
    header.samples = []
    self.header = header
    self.stacks = stacks
    self.source = source
    self.path = path
  }

  /// `snapshot`, its samples prepared.
  public init(_ snapshot: Snapshot) {
    self.init(
      header: snapshot.profile, stacks: PreparedStacks(snapshot.profile), source: snapshot.source,
      path: snapshot.path)
    dump = snapshot.dump
  }
}
