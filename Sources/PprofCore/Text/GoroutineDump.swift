/// Goroutines read from a text dump: `/debug/pprof/goroutine?debug=2`, a crash or SIGQUIT
/// traceback (one goroutine per header), or `?debug=1` (stacks already counted by the runtime).
/// Goroutines with the same stack, state and creator are grouped with a count, as panicparse does.
public struct GoroutineDump: Equatable, Sendable {
  /// The text form the dump was read from.
  public enum Format: String, Equatable, Sendable {
    /// `goroutine N [state]:` blocks: debug=2, panics, fatal errors, SIGQUIT dumps.
    case traceback
    /// `goroutine profile: total N` with `N @ 0x…` records.
    case debug1
  }

  /// Goroutines that share a stack, a state and a creator.
  public struct Group: Equatable, Sendable {
    /// How many goroutines the group holds.
    public var count: Int
    /// The wait reason in the header (`chan send`, `select`, `IO wait`, `running`, …); empty
    /// for debug=1, which has none.
    public var waitReason: String
    /// How long the group's goroutines have been blocked, from the header's `N minutes`
    /// (nil where the runtime did not say: under a minute, or debug=1).
    public var minutesBlocked: ClosedRange<Int>?
    public var lockedToThread: Bool
    /// Frames, leaf first.
    public var frames: [Frame]
    /// Frames the runtime left out (`...N frames elided...`).
    public var elidedFrames: Int
    /// The `created by` function and its call site.
    public var createdBy: Frame?
    /// debug=1 `# labels: {...}` text, as written.
    public var labels: String
  }

  public var format: Format
  /// The number of goroutines (debug=1: the `total N` line).
  public var total: Int
  public var groups: [Group]
}

/// A text file that is not a goroutine dump, or not all of one.
public struct GoroutineDumpError: Error, Equatable, Sendable, CustomStringConvertible {
  /// 1-based line number of the first line that did not parse.
  public var line: Int
  public var text: String
  public var reason: String

  public var description: String {
    let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
    return "line \(line): \(reason): \"\(shown)\""
  }
}
