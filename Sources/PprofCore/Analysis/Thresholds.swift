/// The thresholds that turn growth into a severity, for every rule: the size rule of `diff`,
/// the series rule of `trend`, and the blocked rule of a goroutine traceback (see
/// `FindingDetector` and the man page).
public struct Thresholds: Equatable, Sendable {
  /// Goroutines a stack group must gain to be a leak (or, with no known pattern, a suspect).
  public var minGoroutines: Int64
  /// Bytes of inuse_space a group must gain.
  public var minHeapBytes: Int64
  /// Objects of inuse_objects a group must gain.
  public var minHeapObjects: Int64
  /// In `diff`, the gain must also be at least this fraction of the group's new value.
  public var minGrowthFraction: Double
  /// Minutes a goroutine traceback must show goroutines blocked for the blocked rule
  /// (`WaitEvidence.severity`).
  public var minBlockedMinutes: Int
  /// In `trend`, the Mann–Kendall p-value under which an increase is a leak (if the rest holds).
  public var leakPValue: Double
  /// In `trend`, the p-value under which an increase is reported at all.
  public var reportPValue: Double
  /// In `trend`, the least share of non-decreasing steps of a leak.
  public var minNonDecreasingShare: Double

  public init(
    minGoroutines: Int64 = 10, minHeapBytes: Int64 = 1 << 20, minHeapObjects: Int64 = 1000,
    minGrowthFraction: Double = 0.1, minBlockedMinutes: Int = 10, leakPValue: Double = 0.01,
    reportPValue: Double = 0.05, minNonDecreasingShare: Double = 0.6
  ) {
    self.minGoroutines = minGoroutines
    self.minHeapBytes = minHeapBytes
    self.minHeapObjects = minHeapObjects
    self.minGrowthFraction = minGrowthFraction
    self.minBlockedMinutes = minBlockedMinutes
    self.leakPValue = leakPValue
    self.reportPValue = reportPValue
    self.minNonDecreasingShare = minNonDecreasingShare
  }

  /// The gain a group of `sampleType` must reach: goroutines, objects or bytes.
  func minGrowth(isGoroutine: Bool, sampleType: String) -> Int64 {
    isGoroutine ? minGoroutines : sampleType == "inuse_objects" ? minHeapObjects : minHeapBytes
  }
}
