public import PprofProfile

/// How sure a finding is.
public enum Severity: String, CaseIterable, Comparable, Codable, Sendable {
  /// Growth worth knowing about, below every threshold.
  case info
  /// Growth over the thresholds that two snapshots cannot tell from a warming cache or a
  /// filling pool, or a known pattern below the thresholds.
  case suspect
  /// A known leak pattern growing over the thresholds.
  case leak

  private var order: Int {
    switch self {
    case .info: 0
    case .suspect: 1
    case .leak: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.order < rhs.order }

  /// True when a finding is at least as severe as `failOn` (nil: `--fail-on never`): the rule
  /// behind exit status 1.
  public static func fails(_ severities: [Severity], failOn: Severity?) -> Bool {
    guard let failOn else { return false }
    return severities.contains { $0 >= failOn }
  }

  /// How many findings have each severity, by name (every severity present, 0 included).
  public static func counts(_ severities: [Severity]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for severity in allCases { counts[severity.rawValue] = severities.filter { $0 == severity }.count }
    return counts
  }
}

/// One growing group of stacks: what pattern it is, where to fix it, by how much it grew.
public struct LeakFinding: Equatable, Sendable {
  public var severity: Severity
  public var pattern: LeakPattern
  /// The profile kind ("goroutine", "heap") and the sample type compared.
  public var profileKind: String
  public var sampleType: String
  public var sampleUnit: String
  /// The frame to fix: the first outside the runtime and standard library (for timers, the
  /// caller of the time function); nil when the stacks hold no such frame.
  public var responsible: Frame?
  /// Said instead of (or next to) the responsible frame, e.g. where an HTTP request was made.
  public var attributionNote: String?
  /// The stack that grew most in this group, leaf first.
  public var stack: [Frame]
  /// How many distinct stacks the group holds.
  public var stackCount: Int
  /// The group's sums in the base and new profiles.
  public var base: Int64
  public var new: Int64
  public var delta: Int64 { new &- base }
  /// What the NEW snapshot's goroutine traceback says about these goroutines (text dumps only).
  public var evidence: WaitEvidence?
  /// Already in the `--baseline` report: shown, but it does not fail the run.
  public var inBaseline = false

}

/// The thresholds that turn growth into a severity; see `LeakDetector` and the man page.
public struct LeakThresholds: Equatable, Sendable {
  /// Goroutines a stack group must gain to be a leak (or, with no known pattern, a suspect).
  public var minGoroutines: Int64
  /// Bytes of inuse_space a group must gain.
  public var minHeapBytes: Int64
  /// Objects of inuse_objects a group must gain.
  public var minHeapObjects: Int64
  /// The gain must also be at least this fraction of the group's new value.
  public var minGrowthFraction: Double
  /// Minutes a goroutine traceback must show goroutines blocked for the blocked rule
  /// (`WaitEvidence.severity`).
  public var minBlockedMinutes: Int

  public init(
    minGoroutines: Int64 = 10, minHeapBytes: Int64 = 1 << 20, minHeapObjects: Int64 = 1000,
    minGrowthFraction: Double = 0.1, minBlockedMinutes: Int = 10
  ) {
    self.minGoroutines = minGoroutines
    self.minHeapBytes = minHeapBytes
    self.minHeapObjects = minHeapObjects
    self.minGrowthFraction = minGrowthFraction
    self.minBlockedMinutes = minBlockedMinutes
  }
}
