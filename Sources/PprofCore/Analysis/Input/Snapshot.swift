public import PprofProfile
public import PprofGoroutine

/// One snapshot read from a file: a decoded profile, or one goroutine text dump turned into a
/// goroutine profile (a log file can hold several dumps, each its own snapshot).
public struct Snapshot: Sendable {
  /// The form the snapshot was written in.
  public enum Source: String, Sendable, Comparable {
    /// A `profile.proto`, gzip-compressed or plain.
    case protobuf
    /// `goroutine N [state]:` blocks: `?debug=2`, panics, fatal errors, SIGQUIT dumps.
    case traceback
    /// `?debug=1`: counted stacks without states.
    case debug1
    /// The heap, allocs, mutex and block `?debug=1` pages (see `LegacyTextProfile`).
    case textPage

    /// How a goroutine series prefers its sources: binary profiles have timestamps and every
    /// runtime frame; tracebacks have states; debug=1 has neither.
    private var preference: Int {
      switch self {
      case .protobuf: 0
      case .traceback: 1
      case .debug1: 2
      case .textPage: 3
      }
    }

    public static func < (lhs: Source, rhs: Source) -> Bool { lhs.preference < rhs.preference }

    /// As users call it, for `count` files.
    public func name(count: Int) -> String {
      let plural = count == 1 ? "" : "s"
      switch self {
      case .protobuf: return "binary profile\(plural)"
      case .traceback: return "goroutine traceback\(plural) (debug=2)"
      case .debug1: return "goroutine dump\(plural) (debug=1)"
      case .textPage: return "text profile page\(plural) (debug=1)"
      }
    }
  }

  public var profile: Profile
  public var source: Source
  /// The dump the profile was made from; nil for binary profiles.
  public var dump: GoroutineDump?
  /// The file as given, with `#N` appended for the Nth dump of a file that holds several.
  public var path: String

  public init(profile: Profile, source: Source, dump: GoroutineDump?, path: String) {
    self.profile = profile
    self.source = source
    self.dump = dump
    self.path = path
  }
}

/// Where a snapshot came from: a file, and the dump it was read from, if any.
public protocol SnapshotOrigin {
  /// The file as given, with `#N` appended for the Nth dump of a file that holds several.
  var path: String { get }
  /// The dump the snapshot was made from; nil for binary profiles and text profile pages.
  var dump: GoroutineDump? { get }
}

extension Snapshot: SnapshotOrigin {}

extension SnapshotOrigin {
  /// Problems the file had that did not stop it being read (a dump cut off mid-goroutine).
  public var warnings: [String] { dump?.warnings ?? [] }

  /// What was done to read the file (a log tool's line prefix cut off).
  public var notes: [String] { dump?.notes ?? [] }
}

/// `Snapshot.Source` by a name that `TrendSeries.Snapshot` does not shadow.
public typealias SnapshotSource = Snapshot.Source
