import ArgumentParser
import PprofCore

/// Parses a size option ("1M", "512K", "1073741824") for ArgumentParser's `transform:`.
func parseSize(_ text: String) throws -> Int64 {
  guard let bytes = ByteCount.parse(text) else {
    throw ValidationError("'\(text)' is not a size: use bytes or a K, M or G suffix (e.g. 512K, 2G)")
  }
  return Int64(bytes)
}

/// How many goroutines, and blocked how long, make a finding: shared by `top` (for tracebacks),
/// `diff` and `trend`.
struct GoroutineThresholdOptions: ParsableArguments {
  @Option(
    name: .customLong("min-goroutines"),
    help: "Goroutines a stack group must gain (or, in a traceback, have blocked) to be rated a leak.")
  var minGoroutines: Int64 = LeakThresholds().minGoroutines

  @Option(
    name: .customLong("min-blocked"),
    help: ArgumentHelp(
      "How long a goroutine traceback must show goroutines blocked for that alone to rate "
        + "them (e.g. 15m, 2h; default 10m).",
      valueName: "duration"),
    transform: parseMinutes)
  var minBlockedMinutes: Int = LeakThresholds().minBlockedMinutes

  func validate() throws {
    guard minGoroutines >= 1 else { throw ValidationError("--min-goroutines must be 1 or more") }
  }

  /// The thresholds these options set; the rest keep their defaults.
  var leakThresholds: LeakThresholds {
    LeakThresholds(minGoroutines: minGoroutines, minBlockedMinutes: minBlockedMinutes)
  }
}

/// The growth a stack group needs, in goroutines or bytes: shared by `diff` and `trend`.
struct SizeThresholdOptions: ParsableArguments {
  @OptionGroup var goroutines: GoroutineThresholdOptions

  @Option(
    name: .customLong("min-heap"),
    help: ArgumentHelp("inuse_space a stack group must gain (e.g. 512K; default 1M).", valueName: "size"),
    transform: parseSize)
  var minHeapBytes: Int64 = LeakThresholds().minHeapBytes

  /// The thresholds these options set; the rest keep their defaults.
  var leakThresholds: LeakThresholds {
    var thresholds = goroutines.leakThresholds
    thresholds.minHeapBytes = minHeapBytes
    return thresholds
  }
}

/// Parses a duration in whole minutes: "15m", "2h", or a bare number of minutes.
func parseMinutes(_ text: String) throws -> Int {
  let unit = text.last.map { $0.isLetter ? $0 : "m" } ?? "m"
  let digits = text.last?.isLetter == true ? String(text.dropLast()) : text
  guard let value = Int(digits), value >= 1, value < 1_000_000,
    let factor = ["m": 1, "h": 60][String(unit)]
  else {
    throw ValidationError("'\(text)' is not a duration: use whole minutes or hours, e.g. 15m or 2h")
  }
  return value * factor
}

/// `diff`'s thresholds: the sizes, plus objects and the growth share.
struct ThresholdOptions: ParsableArguments {
  @OptionGroup var sizes: SizeThresholdOptions

  @Option(
    name: .customLong("min-objects"),
    help: "inuse_objects a stack group must gain.")
  var minHeapObjects: Int64 = LeakThresholds().minHeapObjects

  @Option(
    name: .customLong("min-growth"),
    help: ArgumentHelp(
      "The gain must also be at least this share of the group's new value (e.g. 10%, 0.1).",
      valueName: "share"),
    transform: { text in
      let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
      guard let value = Double(trimmed), value >= 0, value.isFinite else {
        throw ValidationError("'\(text)' is not a share: use e.g. 10% or 0.1")
      }
      return text.hasSuffix("%") ? value / 100 : value
    })
  var minGrowthFraction: Double = LeakThresholds().minGrowthFraction

  func validate() throws {
    guard minHeapObjects >= 1 else { throw ValidationError("--min-objects must be 1 or more") }
    guard minGrowthFraction <= 1 else {
      throw ValidationError("--min-growth must be at most 100%")
    }
  }

  var thresholds: LeakThresholds {
    var thresholds = sizes.leakThresholds
    thresholds.minHeapObjects = minHeapObjects
    thresholds.minGrowthFraction = minGrowthFraction
    return thresholds
  }
}

/// `--fail-on`, shared by the commands that report findings.
struct FailOnOption: ParsableArguments {
  @Option(
    name: .customLong("fail-on"),
    help: "Exit 1 when a finding is at least this severe: leak, suspect, info or never.")
  var failOn: FailOn = .leak

  var severity: Severity? { failOn.severity }

  /// Ends the command with status 1 when a finding reaches the level (after the report).
  func check(_ severities: [Severity]) throws {
    if Severity.fails(severities, failOn: severity) { throw ExitStatus.findings }
  }
}

/// `--fail-on`'s values: the least severe finding that makes the exit status 1.
enum FailOn: String, CaseIterable, ExpressibleByArgument {
  case leak, suspect, info, never

  var severity: Severity? {
    switch self {
    case .leak: .leak
    case .suspect: .suspect
    case .info: .info
    case .never: nil
    }
  }
}
