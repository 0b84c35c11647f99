public import PprofProfile

/// Goroutines read from a text dump: `/debug/pprof/goroutine?debug=2`, a crash or SIGQUIT
/// traceback (one goroutine per header), or `?debug=1` (stacks already counted by the runtime).
/// Goroutines with the same stack, state and creator are grouped with a count, as panicparse does.
public struct GoroutineDump: Equatable, Sendable {
  /// The text form the dump was read from.
  public enum Format: String, Equatable, Sendable {
    /// `goroutine N [state]:` blocks: debug=2, panics, fatal errors, SIGQUIT dumps.
    case traceback
    /// `goroutine profile: total N` with `N @ 0x…` records (or another count profile's
    /// `NAME profile: total N`, such as `goroutineleak`).
    case debug1
  }

  /// Goroutines that share a stack, a state and a creator.
  public struct Group: Equatable, Sendable, BlockedMinutesCounting {
    /// How many goroutines the group holds.
    public var count: Int
    /// The wait reason in the header (`chan send`, `select`, `IO wait`, `running`, …); empty
    /// for debug=1, which has none.
    public var waitReason: String
    /// The Go runtime proved these goroutines leaked: `(leaked)` in their header (its leak
    /// check, Go 1.26+), or blocked in a synctest bubble the runtime found deadlocked.
    public var leaked = false
    /// Goroutines by the minutes the header says they have been blocked; 0 counts those whose
    /// header says nothing (blocked under a minute, or never seen blocked by a GC). Empty for
    /// debug=1.
    public var minutesBlockedCounts: [Int: Int]
    public var lockedToThread: Bool
    /// Frames, leaf first.
    public var frames: [Frame]
    /// Frames the runtime left out (`...N frames elided...`); -1 when it did not say how many
    /// (`...additional frames elided...`, Go before 1.21).
    public var elidedFrames: Int
    /// The `created by` function and its call site (the `go` statement).
    public var createdBy: Frame?
    /// debug=1 `# labels: {...}` text, as written.
    public var labels: String
  }

  public var format: Format
  /// The number of goroutines (debug=1: the `total N` line).
  public var total: Int
  public var groups: [Group]
  /// 1-based line of the dump's first goroutine header (or debug=1 total line) in its file.
  public var firstLine: Int
  /// What was wrong but not fatal, e.g. a dump cut off in the middle of a goroutine.
  public var warnings: [String]
  /// What was done to read it, e.g. a log tool's line prefix cut off.
  public var notes: [String] = []
  /// The runtime printed the dump after `fatal error: all goroutines are asleep - deadlock!`:
  /// it found that none of them can ever run again.
  public var deadlocked = false
  /// The profile a debug=1 dump counts (`goroutine`, `goroutineleak`, `threadcreate`);
  /// `goroutine` for tracebacks.
  public var profileName = "goroutine"
  /// The runtime checked these goroutines for leaks: a `goroutineleak` page, a traceback with
  /// `(leaked)` goroutines, or synctest's deadlock panic. A goroutine such a dump does not mark
  /// leaked is one the runtime could not prove leaked.
  public var isLeakCheck = false
}

/// A text file that is not a goroutine dump, or not all of one.
public struct GoroutineDumpError: Error, Equatable, Sendable, CustomStringConvertible {
  /// 1-based line number of the first line that did not parse.
  public var line: Int
  public var text: String
  public var reason: String

  public var description: String { "line \(line): \(detail)" }

  /// The reason and the line's text (cut at 60 characters), without the line number.
  public var detail: String {
    "\(reason): \"\(DumpParser.shown(text))\""
  }
}

/// Goroutines counted by the minutes their headers say they have been blocked (0: under a
/// minute, or not said).
public protocol BlockedMinutesCounting {
  var minutesBlockedCounts: [Int: Int] { get }
}

extension BlockedMinutesCounting {
  /// The fewest and most minutes any of the goroutines has been blocked; nil when no header
  /// gave a time.
  public var minutesBlocked: ClosedRange<Int>? {
    guard let most = minutesBlockedCounts.keys.max(), most > 0,
      let least = minutesBlockedCounts.keys.min()
    else { return nil }
    return least...most
  }

  /// How many of the goroutines have been blocked at least `minutes` minutes.
  public func count(blockedAtLeast minutes: Int) -> Int {
    minutesBlockedCounts.reduce(0) { $0 + ($1.key >= minutes ? $1.value : 0) }
  }
}
