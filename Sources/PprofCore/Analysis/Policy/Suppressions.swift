public import PprofProfile

/// Findings the user has said to ignore, as goleak's options do: by the function at the top of
/// the stack, by any function on it, or by the function that started the goroutines. Each
/// pattern is a regular expression that must match a whole function name, so a plain name
/// (`main.worker`) matches itself. Suppressed findings are counted and listed, never dropped
/// silently.
public struct Suppressions: Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    /// The responsible function (the top user frame); without one, the top frame outside the
    /// runtime.
    case top = "ignore-top"
    /// Any function of the stack.
    case any = "ignore-any"
    /// The `created by` function of a goroutine traceback.
    case createdBy = "ignore-created-by"
  }

  public struct Rule: Sendable, CustomStringConvertible {
    public var kind: Kind
    public var pattern: String
    /// Where the rule came from: "the command line" or the config file's path.
    public var origin: String
    fileprivate let regex: WholeMatch

    /// As the user would write it: `--ignore-top 'main\.worker'`.
    public var description: String { "--\(kind.rawValue) \(pattern)" }
  }

  public private(set) var rules: [Rule] = []

  public init() {}

  /// Adds a rule; throws when `pattern` is not a valid regular expression.
  public mutating func add(_ kind: Kind, _ pattern: String, origin: String = "the command line")
    throws(SuppressionError)
  {
    let regex: WholeMatch
    do {
      regex = try WholeMatch(pattern)
    } catch {
      throw SuppressionError(pattern: pattern, kind: kind, origin: origin, reason: error.message)
    }
    rules.append(Rule(kind: kind, pattern: pattern, origin: origin, regex: regex))
  }

  public var isEmpty: Bool { rules.isEmpty }

  /// The first rule that matches `finding`, nil when none does.
  public func rule(matching finding: Finding) -> Rule? {
    rules.first { rule in
      switch rule.kind {
      case .top:
        // The responsible function; for stacks without one, the top frame outside the
        // runtime (which every parked goroutine has at its leaf), e.g.
        // internal/poll.runtime_pollWait.
        let top =
          finding.responsible
          ?? finding.stack.first { !LeakSignatures.isRuntime($0.function) }
        return top.map { rule.regex.matches($0.function) } ?? false
      case .any:
        return finding.stack.contains { rule.regex.matches($0.function) }
      case .createdBy:
        return finding.evidence?.createdBy.map { rule.regex.matches($0.function) } ?? false
      }
    }
  }

  /// Splits findings into those kept and those a rule suppresses.
  public func apply(to findings: [Finding]) -> (kept: [Finding], suppressed: [SuppressedFinding]) {
    var kept: [Finding] = []
    var suppressed: [SuppressedFinding] = []
    for finding in findings {
      if let rule = rule(matching: finding) {
        suppressed.append(SuppressedFinding(finding, rule: rule))
      } else {
        kept.append(finding)
      }
    }
    return (kept, suppressed)
  }
}

/// A finding a suppression rule hid: enough to say what it was and which rule hid it.
public struct SuppressedFinding: Equatable, Sendable {
  public var severity: Severity
  public var pattern: LeakPattern
  public var profileKind: ProfileKind
  public var responsible: Frame?
  public var headline: String
  /// The rule, as written on the command line (`--ignore-top main\.worker`).
  public var rule: String
  /// True when the `--baseline` report holds the same finding.
  public var inBaseline = false

  /// What it was about: the responsible function, else the profile kind.
  public var subject: String { responsible?.function ?? profileKind.name }

  public var identity: FindingIdentity { FindingIdentity(pattern: pattern, responsible: responsible) }

  init(_ finding: Finding, rule: Suppressions.Rule) {
    severity = finding.severity
    pattern = finding.pattern
    profileKind = finding.profileKind
    responsible = finding.responsible
    headline = finding.headline
    self.rule = rule.description
  }
}

/// A suppression pattern that is not a regular expression.
public struct SuppressionError: Error, Equatable, Sendable, CustomStringConvertible {
  public var pattern: String
  public var kind: Suppressions.Kind
  public var origin: String
  /// What is wrong with it ("missing closing )").
  public var reason: String

  public var description: String {
    "\(origin): --\(kind.rawValue) '\(pattern)' is not a valid regular expression: \(reason)"
  }
}

/// A regular expression (Go's syntax) that must match a whole function name; matching takes
/// time linear in the name, whatever the pattern.
package struct WholeMatch: Sendable {
  private let regex: LinearRegex

  /// Compiles `pattern`; throws why Go's syntax refuses it.
  package init(_ pattern: String) throws(LinearRegex.SyntaxError) {
    guard !pattern.isEmpty else { throw LinearRegex.SyntaxError(message: "empty pattern") }
    regex = try LinearRegex(pattern)
  }

  func matches(_ text: String) -> Bool {
    regex.wholeMatch(text)
  }
}
