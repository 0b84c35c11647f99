public import PprofAnalysis

/// `--fail-on`: the least severe finding that makes the exit status 1.
public enum FailOn: String, CaseIterable, Sendable {
  case leak, suspect, info, never

  /// The severity that fails the run; nil for `never`.
  public var severity: Severity? {
    switch self {
    case .leak: .leak
    case .suspect: .suspect
    case .info: .info
    case .never: nil
    }
  }
}
