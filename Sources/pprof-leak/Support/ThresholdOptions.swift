import ArgumentParser
import PprofCore

/// Parses a size option ("1M", "512K", "1073741824") for ArgumentParser's `transform:`.
func parseSize(_ text: String) throws -> Int64 {
  guard let bytes = OptionValue.bytes(text) else {
    throw ValidationError("'\(text)' is not a size: use bytes or a K, M or G suffix (e.g. 512K, 2G)")
  }
  return Int64(bytes)
}

/// How many goroutines, and blocked how long, make a finding: shared by `top` (for tracebacks),
/// `diff` and `trend`. Unset options take `.pprof-leak.yaml`'s value, then the default.
struct GoroutineThresholdOptions: ParsableArguments {
  @Option(
    name: .customLong("min-goroutines"),
    help: ArgumentHelp(
      "Goroutines a stack group must gain (or, in a traceback, have blocked) to be rated a "
        + "leak (default 10)."))
  var minGoroutines: Int64?

  @Option(
    name: .customLong("min-blocked"),
    help: ArgumentHelp(
      "How long a goroutine traceback must show goroutines blocked for that alone to rate "
        + "them (e.g. 15m, 2h; default 10m).",
      valueName: "duration"),
    transform: parseMinutes)
  var minBlockedMinutes: Int?

  func validate() throws {
    if let minGoroutines, minGoroutines < 1 {
      throw ValidationError("--min-goroutines must be 1 or more")
    }
  }

  func apply(to settings: inout AnalysisSettings) {
    settings.minGoroutines = minGoroutines
    settings.minBlockedMinutes = minBlockedMinutes
  }
}

/// The growth a stack group needs, in goroutines or bytes: shared by `diff` and `trend`.
struct SizeThresholdOptions: ParsableArguments {
  @OptionGroup var goroutines: GoroutineThresholdOptions

  @Option(
    name: .customLong("min-heap"),
    help: ArgumentHelp("inuse_space a stack group must gain (e.g. 512K; default 1M).", valueName: "size"),
    transform: parseSize)
  var minHeapBytes: Int64?

  func apply(to settings: inout AnalysisSettings) {
    goroutines.apply(to: &settings)
    settings.minHeapBytes = minHeapBytes
  }
}

/// Parses a duration in whole minutes: "15m", "2h", or a bare number of minutes.
func parseMinutes(_ text: String) throws -> Int {
  guard let minutes = OptionValue.minutes(text) else {
    throw ValidationError("'\(text)' is not a duration: use whole minutes or hours, e.g. 15m or 2h")
  }
  return minutes
}

/// `diff`'s thresholds: the sizes, plus objects and the growth share.
struct ThresholdOptions: ParsableArguments {
  @OptionGroup var sizes: SizeThresholdOptions

  @Option(
    name: .customLong("min-objects"),
    help: "inuse_objects a stack group must gain (default 1000).")
  var minHeapObjects: Int64?

  @Option(
    name: .customLong("min-growth"),
    help: ArgumentHelp(
      "The gain must also be at least this share of the group's new value (e.g. 10%, 0.1; "
        + "default 10%).",
      valueName: "share"),
    transform: { text in
      guard let share = OptionValue.share(text) else {
        throw ValidationError("'\(text)' is not a share: use e.g. 10% or 0.1, at most 100%")
      }
      return share
    })
  var minGrowthFraction: Double?

  func validate() throws {
    if let minHeapObjects, minHeapObjects < 1 {
      throw ValidationError("--min-objects must be 1 or more")
    }
  }

  func apply(to settings: inout AnalysisSettings) {
    sizes.apply(to: &settings)
    settings.minHeapObjects = minHeapObjects
    settings.minGrowthFraction = minGrowthFraction
  }
}

/// `--fail-on`, shared by the commands that report findings.
struct FailOnOption: ParsableArguments {
  @Option(
    name: .customLong("fail-on"),
    help: ArgumentHelp(
      "Exit 1 when a finding is at least this severe: leak, suspect, info or never "
        + "(default leak)."))
  var failOn: FailOn?

  /// Ends the command with status 1 when a finding not in the baseline reaches the level
  /// (after the report).
  static func check(_ findings: [Finding], settings: AnalysisSettings) throws {
    if Severity.fails(findings, failOn: settings.failingSeverity) { throw ExitStatus.findings }
  }
}

