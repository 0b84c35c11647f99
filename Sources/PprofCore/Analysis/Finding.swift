import PprofUnits
public import PprofProfile

/// One growing group of stacks, from two snapshots (`diff`) or a series (`trend`): what pattern
/// it is, where to fix it, how it grew, and the evidence its severity rests on. Every rule,
/// policy and format takes this one type.
public struct Finding: Equatable, Sendable {
  /// What a series says of the group's growth (`trend` only).
  public struct Trend: Equatable, Sendable {
    public var statistics: GrowthStatistics
    /// Growth over the series by the Theil–Sen slope (robust to noisy first and last points).
    public var trendGrowth: Double
    /// The ranking score: z × share of non-decreasing steps, quartered after a plateau.
    public var score: Double
  }

  /// Growth of the same responsible function in another profile kind, e.g. the heap held by
  /// the goroutines a function strands.
  public struct Companion: Equatable, Sendable {
    public var kind: ProfileKind
    public var sampleType: String
    public var sampleUnit: String
    public var values: [Int64]
    public var statistics: GrowthStatistics
    /// The companion's growth per unit of the finding's growth (e.g. bytes per goroutine).
    public var perUnit: Double
  }

  public var severity: Severity
  public var pattern: LeakPattern
  /// The profile kind ("goroutine", "heap") and the sample type compared.
  public var profileKind: ProfileKind
  public var sampleType: String
  public var sampleUnit: String
  /// The frame to fix: the first outside the runtime and standard library (for timers, the
  /// caller of the time function); nil when the stacks hold no such frame.
  public var responsible: Frame?
  /// Said instead of (or next to) the responsible frame, e.g. where an HTTP request was made.
  public var attributionNote: String?
  /// The stack that grew most in this group, leaf first.
  public var stack: [Frame]
  /// What the goroutines of that stack wait on, when a traceback said (`chan send`).
  public var waitReason: String?
  /// How many distinct stacks the group holds.
  public var stackCount: Int
  /// The group's value per snapshot: base and new for `diff`, the series for `trend`.
  public var values: [Int64]
  /// The series' statistics; nil for two snapshots.
  public var trend: Trend?
  public var companion: Companion?
  /// The heap the runtime keeps for new goroutines (their descriptors and stacks), folded into
  /// the goroutine finding that grows with it: one leak, one finding (`trend`).
  public var goroutineMemory: Companion?
  /// What a goroutine traceback says about these goroutines (wait reasons, minutes, creator).
  public var evidence: WaitEvidence?
  /// What the Go runtime's leak check says of these goroutines; nil when no check was read.
  public var proof: RuntimeProof?
  /// Already in the `--baseline` report: shown, but it does not fail the run.
  public var inBaseline = false

  public init(
    severity: Severity, pattern: LeakPattern, profileKind: ProfileKind, sampleType: String,
    sampleUnit: String, responsible: Frame?, attributionNote: String?, stack: [Frame],
    waitReason: String? = nil, stackCount: Int, values: [Int64], trend: Trend? = nil, companion: Companion? = nil,
    evidence: WaitEvidence? = nil, proof: RuntimeProof? = nil
  ) {
    self.severity = severity
    self.pattern = pattern
    self.profileKind = profileKind
    self.sampleType = sampleType
    self.sampleUnit = sampleUnit
    self.responsible = responsible
    self.attributionNote = attributionNote
    self.stack = stack
    self.waitReason = waitReason
    self.stackCount = stackCount
    self.values = values
    self.trend = trend
    self.companion = companion
    self.evidence = evidence
    self.proof = proof
  }

  /// The first and last values: BASE and NEW for `diff`.
  public var base: Int64 { values.first ?? 0 }
  public var new: Int64 { values.last ?? 0 }
  /// Last value minus first.
  public var growth: Int64 { new &- base }

  /// What to do about it (a nil channel's goroutines get their own advice).
  public var advice: String { pattern.advice(for: evidence, stack: stack) }

  /// The growth as people say it: "+175 goroutines", "+17.8 MiB inuse_space".
  public var growthText: String {
    Quantity.signed(growth, unit: sampleUnit, sampleType: sampleType)
  }

  /// One line for an annotation or a table cell: "+175 goroutines (25 → 200)".
  public var headline: String {
    "\(growthText) (\(Quantity.plain(base, unit: sampleUnit)) → \(Quantity.plain(new, unit: sampleUnit)))"
  }
}

extension Severity {
  /// True when a finding not already in the baseline is at least as severe as `failOn`.
  public static func fails(_ findings: [Finding], failOn: Severity?) -> Bool {
    fails(findings.filter { !$0.inBaseline }.map(\.severity), failOn: failOn)
  }
}
