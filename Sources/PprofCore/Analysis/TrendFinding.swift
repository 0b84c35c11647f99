public import PprofProfile

/// A group of stacks followed over a series: its pattern, where to fix it, and how it grew.
public struct TrendFinding: Equatable, Sendable {
  /// Growth of the same responsible function in another profile kind, e.g. the heap held by
  /// the goroutines a function strands.
  public struct Companion: Equatable, Sendable {
    public var kind: String
    public var sampleType: String
    public var sampleUnit: String
    public var values: [Int64]
    public var statistics: GrowthStatistics
    /// The companion's growth per unit of the finding's growth (e.g. bytes per goroutine).
    public var perUnit: Double
  }

  public var severity: Severity
  public var pattern: LeakPattern
  public var profileKind: String
  public var sampleType: String
  public var sampleUnit: String
  public var responsible: Frame?
  public var attributionNote: String?
  /// The group's stack that grew most, leaf first.
  public var stack: [Frame]
  public var stackCount: Int
  /// The group's value in each snapshot of its series.
  public var values: [Int64]
  public var statistics: GrowthStatistics
  /// Growth over the series by the Theil–Sen slope (robust to noisy first and last points).
  public var trendGrowth: Double
  /// The ranking score: z × share of non-decreasing steps, quartered after a plateau.
  public var score: Double
  public var companion: Companion?
  /// What the last goroutine traceback of the series says about these goroutines.
  public var evidence: WaitEvidence?
  /// Already in the `--baseline` report: shown, but it does not fail the run.
  public var inBaseline = false

}

/// Thresholds of the trend rules (see `TrendDetector` and the man page).
public struct TrendThresholds: Equatable, Sendable {
  /// Growth must pass the same size thresholds as `diff` (goroutines, bytes, objects).
  public var sizes: LeakThresholds
  /// The Mann–Kendall p-value under which an increase is a leak (if the rest holds).
  public var leakPValue: Double
  /// The p-value under which an increase is reported at all.
  public var reportPValue: Double
  /// The least share of non-decreasing steps of a leak.
  public var minNonDecreasingShare: Double

  public init(
    sizes: LeakThresholds = LeakThresholds(), leakPValue: Double = 0.01,
    reportPValue: Double = 0.05, minNonDecreasingShare: Double = 0.6
  ) {
    self.sizes = sizes
    self.leakPValue = leakPValue
    self.reportPValue = reportPValue
    self.minNonDecreasingShare = minNonDecreasingShare
  }
}
