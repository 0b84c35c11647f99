/// What `diff` or `trend` found: the one report type every renderer and policy takes. Two
/// snapshots and a series keep their own shapes (a pprof table and changed stacks; series
/// summaries and skipped files), and share their findings, which are one type.
public enum LeakReport: Sendable {
  case diff(DiffReport)
  case trend(TrendReport)

  /// "diff" or "trend".
  public var command: String {
    switch self {
    case .diff: "diff"
    case .trend: "trend"
    }
  }

  public var findings: [Finding] {
    switch self {
    case .diff(let report): report.findings
    case .trend(let report): report.findings
    }
  }

  public var suppressed: [SuppressedFinding] {
    switch self {
    case .diff(let report): report.suppressed
    case .trend(let report): report.suppressed
    }
  }

  public var baselinePath: String? {
    switch self {
    case .diff(let report): report.baselinePath
    case .trend(let report): report.baselinePath
    }
  }

  /// Every stack's values, per examined kind, when the run kept them.
  public var growths: [Growth] {
    switch self {
    case .diff(let report): report.growth.map { [$0] } ?? []
    case .trend(let report): report.growths
    }
  }
}
