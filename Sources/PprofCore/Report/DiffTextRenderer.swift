import PprofUnits
import PprofAnalysis

/// The terminal report of `pprof-leak diff`: findings first, ranked, each with its pattern,
/// severity, responsible line, growth, trimmed stack and advice; then the pprof-style table.
struct DiffTextRenderer: Sendable {
  /// Use ANSI colours (only on a terminal, and never with NO_COLOR).
  var colour: Bool

  var style: TextStyle { TextStyle(colour: colour) }
  /// The `--fail-on` severity, to say in the summary what the exit status will be.
  var failOn: Severity?

  /// Append every kept changed stack with its values (like pprof's -traces on a diff).
  var showStacks: Bool

  init(colour: Bool = false, failOn: Severity? = .leak, showStacks: Bool = false) {
    self.colour = colour
    self.failOn = failOn
    self.showStacks = showStacks
  }

  func render(_ report: DiffReport) -> String {
    var lines: [String] = []
    lines.append(
      style.bold("pprof-leak diff") + ": \(report.new.kind) profiles, \(report.sampleType)"
        + " (\(report.sampleUnit))")
    let largest = max(report.base.total, report.new.total)
    for (label, input) in [("base", report.base), ("new ", report.new)] {
      lines.append(
        "  \(label)  \(input.path)  total \(Quantity.amount(input.total, unit: report.sampleUnit, sampleType: report.sampleType))"
          + "  \(Bar.render(input.total, of: largest))")
    }
    lines.append("")
    if report.findings.isEmpty {
      let examined = FindingDetector.examines(kind: report.new.kind, sampleType: report.sampleType)
      lines.append(
        examined
          ? "No growth found."
          : "No leak check for \(report.sampleType): only goroutine profiles and the inuse_space"
            + " and inuse_objects types of heap profiles are checked.")
      lines.append("")
    }
    for (rank, finding) in report.findings.enumerated() {
      lines += render(finding, rank: rank + 1)
      lines.append("")
    }
    lines += summary(report)
    lines.append("")
    lines.append(style.dim("go tool pprof -top -diff_base (percentages of the base total):"))
    lines.append(TopTextRenderer.render(report.top).trimmingTrailingNewlines())
    if showStacks { lines += stackLines(report) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The changed stacks, largest change first, each with its base → new values.
  func stackLines(_ report: DiffReport) -> [String] {
    var lines = [
      "",
      style.dim(
        "Changed stacks (\(report.stacks.count) of \(report.changedStackCount), largest change"
          + " first, leaf first):"),
    ]
    for stack in report.stacks {
      lines.append(
        "-----------+-------------------------------------------------------")
      lines.append(
        Quantity.growth(
          base: stack.base, new: stack.new, unit: report.sampleUnit,
          sampleType: report.sampleType) + TextStyle.waitTag(stack.waitReason))
      for frame in stack.stack { lines.append("    \(frame.function)  \(TextStyle.location(frame))") }
    }
    return lines
  }

  func render(_ finding: Finding, rank: Int) -> [String] {
    let label = style.severity(finding.severity)
    let lines = [
      "\(rank). \(label)  \(style.bold(finding.pattern.rawValue))  "
        + Quantity.growth(
          base: finding.base, new: finding.new, unit: finding.sampleUnit,
          sampleType: finding.sampleType) + style.baselineTag(finding)
    ]
    let grouped =
      finding.stackCount > 1
      ? [style.dim("(\(finding.stackCount) stacks in this group; the one that grew most)")] : []
    return lines + style.findingBody(finding, afterStack: grouped)
  }

  func summary(_ report: DiffReport) -> [String] {
    style.summary(report.findings, suppressed: report.suppressed, failOn: failOn)
  }



}

extension String {
  func trimmingTrailingNewlines() -> String {
    var text = self
    while text.hasSuffix("\n") { text.removeLast() }
    return text
  }
}
