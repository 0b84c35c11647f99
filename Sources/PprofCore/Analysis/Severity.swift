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

  /// "1 leak, 0 suspect, 2 info", most severe first.
  public static func tally(_ severities: [Severity]) -> String {
    let counts = counts(severities)
    return allCases.reversed().map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue)" }
      .joined(separator: ", ")
  }

  /// The verdict's count, as every report says it: "1 leak, 0 suspect, 2 info; 1 in the
  /// baseline; 2 suppressed".
  public static func tally(_ findings: [Finding], suppressed: Int) -> String {
    tally(findings.map(\.severity), inBaseline: findings.filter(\.inBaseline).count, suppressed: suppressed)
  }

  public static func tally(_ severities: [Severity], inBaseline: Int, suppressed: Int) -> String {
    var text = tally(severities)
    if inBaseline > 0 { text += "; \(inBaseline) in the baseline" }
    if suppressed > 0 { text += "; \(suppressed) suppressed" }
    return text
  }

  /// How many findings have each severity, by name (every severity present, 0 included).
  public static func counts(_ severities: [Severity]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for severity in allCases { counts[severity.rawValue] = severities.filter { $0 == severity }.count }
    return counts
  }
}
