public import PprofAnalysis

/// The terminal report of `diff` or `trend`: the findings, ranked, each with its pattern,
/// severity, the line to fix, its growth, its stack and the fix; for two snapshots then the
/// pprof-style table, for a series a line per kind first.
public struct TextRenderer: Sendable {
  /// Use ANSI colours (only on a terminal, and never with NO_COLOR).
  public var colour: Bool
  /// The `--fail-on` severity, to say in the summary what the exit status will be.
  public var failOn: Severity?
  /// `diff --traces`: append every kept changed stack with its values.
  public var showStacks: Bool

  public init(colour: Bool = false, failOn: Severity? = .leak, showStacks: Bool = false) {
    self.colour = colour
    self.failOn = failOn
    self.showStacks = showStacks
  }

  public func render(_ report: LeakReport) -> String {
    switch report {
    case .diff(let report):
      DiffTextRenderer(colour: colour, failOn: failOn, showStacks: showStacks).render(report)
    case .trend(let report):
      TrendTextRenderer(colour: colour, failOn: failOn).render(report)
    }
  }
}
