import PprofAnalysis

/// `--format markdown`: a compact summary for `$GITHUB_STEP_SUMMARY` or a merge-request
/// comment: the verdict, what was read, a table of findings with sparklines, and the fixes.
public enum MarkdownRenderer {
  public static func render(_ report: CIReport) -> String {
    let verdict = report.failed ? "fails" : "passes"
    var lines = [
      "### pprof-leak \(report.command): \(report.tally) — \(verdict) `--fail-on \(report.failOn?.rawValue ?? "never")`",
      "",
    ]
    lines += report.scope.map { "- \(cell($0))" }
    var extras: [String] = []
    let known = report.items.filter(\.inBaseline).count
    if let baseline = report.baselinePath {
      extras.append("\(known) in the baseline (`\(cell(baseline))`)")
    }
    if !report.suppressed.isEmpty { extras.append("\(report.suppressed.count) suppressed") }
    if !extras.isEmpty { lines.append("- " + extras.joined(separator: ", ")) }
    lines.append("")
    if report.items.isEmpty {
      lines.append(
        report.kindsChecked.isEmpty
          ? "No goroutine or heap in-use profile to check."
          : "No leak found in \(report.kindsChecked.map(\.name).joined(separator: " and ")) profiles.")
    } else {
      lines.append("| | Pattern | Growth | Trend | Where |")
      lines.append("|---|---|---|---|---|")
      for item in report.items {
        let status = item.inBaseline ? " (baseline)" : ""
        let proved = item.proof?.isProven == true ? ", proved by the Go runtime" : ""
        let place = item.responsible.map { frame in
          "`\(cell(frame.function))` `\(cell(item.repositoryPath ?? frame.file)):\(frame.line)`"
        } ?? cell(item.attributionNote ?? "no user frame")
        lines.append(
          "| **\(item.severity.rawValue.uppercased())**\(status) | `\(item.pattern.rawValue)`\(proved) "
            + "| \(cell(item.headline)) | \(Sparkline.render(item.values)) | \(place) |")
      }
      let patterns = report.items.map(\.pattern).reduce(into: [LeakPattern]()) {
        if !$0.contains($1) { $0.append($1) }
      }
      lines.append("")
      lines.append("<details><summary>How to fix</summary>")
      lines.append("")
      for pattern in patterns {
        lines.append("- **\(pattern.rawValue)**: \(pattern.advice)")
      }
      lines.append("")
      lines.append("</details>")
    }
    if !report.suppressed.isEmpty {
      lines.append("")
      lines.append("<details><summary>Suppressed</summary>")
      lines.append("")
      for hidden in report.suppressed.map(\.finding) {
        lines.append(
          "- `\(hidden.pattern.rawValue)` \(cell(hidden.subject)) "
            + "\(cell(hidden.headline)) by `\(cell(hidden.rule))`")
      }
      lines.append("")
      lines.append("</details>")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Text safe inside a table cell or inline code: no pipes, backticks or newlines.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
      .replacingOccurrences(of: "\n", with: " ")
  }
}
