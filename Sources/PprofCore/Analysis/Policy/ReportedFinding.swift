public import PprofUnits
public import PprofProfile

/// What `diff` and `trend` findings share, for the rules that apply to both (suppressions,
/// baselines) and the formats that show both (SARIF, JUnit, Markdown, GitHub annotations).
public protocol ReportedFinding: Sendable {
  var severity: Severity { get }
  var pattern: LeakPattern { get }
  var profileKind: String { get }
  var sampleType: String { get }
  var sampleUnit: String { get }
  var responsible: Frame? { get }
  var attributionNote: String? { get }
  /// The stack that grew most, leaf first.
  var stack: [Frame] { get }
  /// How many distinct stacks the group holds.
  var stackCount: Int { get }
  var evidence: WaitEvidence? { get }
  /// The group's value per snapshot: base and new for `diff`, the series for `trend`.
  var values: [Int64] { get }
  /// How much the group grew (`diff`: new − base; `trend`: the Theil–Sen growth).
  var growth: Int64 { get }
  /// Set when a `--baseline` report already held this finding: it is shown, but does not fail.
  var inBaseline: Bool { get set }
}

extension ReportedFinding {
  /// What to do about it (a nil channel's goroutines get their own advice).
  public var advice: String { pattern.advice(for: evidence) }

  /// The growth as people say it: "+175 goroutines", "+17.8 MiB inuse_space".
  public var growthText: String {
    Quantity.signed(growth, unit: sampleUnit, sampleType: sampleType)
  }

  /// One line for an annotation or a table cell: "+175 goroutines (25 → 200) in main.f".
  public var headline: String {
    let first = Quantity.plain(values.first ?? 0, unit: sampleUnit)
    let last = Quantity.plain(values.last ?? 0, unit: sampleUnit)
    return "\(growthText) (\(first) → \(last))"
  }
}

extension LeakFinding: ReportedFinding {
  public var values: [Int64] { [base, new] }
  public var growth: Int64 { delta }
}

extension TrendFinding: ReportedFinding {
  public var growth: Int64 { statistics.growth }
}

extension Severity {
  /// True when a finding not already in the baseline is at least as severe as `failOn`.
  public static func fails(_ findings: [some ReportedFinding], failOn: Severity?) -> Bool {
    fails(findings.filter { !$0.inBaseline }.map(\.severity), failOn: failOn)
  }
}
