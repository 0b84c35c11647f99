/// What the user asked to be done with findings before they are reported: suppressions hide
/// (and count) some, a baseline marks those already known so they do not fail the run.
public struct FindingPolicy: Sendable {
  public var suppressions: Suppressions
  public var baseline: Baseline?

  public init(suppressions: Suppressions = Suppressions(), baseline: Baseline? = nil) {
    self.suppressions = suppressions
    self.baseline = baseline
  }

  /// Removes the suppressed findings (returned) and marks those in the baseline.
  func apply(to findings: inout [Finding]) -> [SuppressedFinding] {
    var (kept, suppressed) = suppressions.apply(to: findings)
    findings = kept
    baseline?.mark(&findings)
    baseline?.mark(&suppressed)
    return suppressed
  }
}

extension DiffReport {
  /// Applies suppressions and the baseline to the findings.
  public mutating func apply(_ policy: FindingPolicy) {
    suppressed += policy.apply(to: &findings)
    baselinePath = policy.baseline?.path
  }
}

extension TrendReport {
  /// Applies suppressions and the baseline to the findings.
  public mutating func apply(_ policy: FindingPolicy) {
    suppressed += policy.apply(to: &findings)
    baselinePath = policy.baseline?.path
  }
}
