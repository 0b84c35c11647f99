import PprofUnits
public import PprofAnalysis

/// The part `top` adds for a goroutine traceback: goroutines waiting in a leak pattern, with
/// how long they have waited, who created them, and the fix for those the blocked rule rates.
public struct BlockedTextRenderer: Sendable {
  let style: TextStyle

  public init(colour: Bool) {
    style = TextStyle(colour: colour)
  }

  public func render(_ report: BlockedReport) -> String {
    let minutes = report.thresholds.minBlockedMinutes
    var lines = [
      "",
      style.bold("Goroutines in leak patterns") + " (rated when at least "
        + "\(report.thresholds.minGoroutines) have waited \(minutes) minute\(minutes == 1 ? "" : "s") "
        + "or more: --min-goroutines, --min-blocked; a leak whenever the Go runtime proved them leaked)",
    ]
    guard !report.entries.isEmpty else {
      lines.append("   none: no goroutine of \(report.path) waits in a known leak pattern")
      return lines.joined(separator: "\n") + "\n"
    }
    let indent = "   "
    for (index, entry) in report.entries.enumerated() {
      let label = entry.severity.map(style.severity) ?? style.dim("-      ")
      lines.append(
        "\(index + 1). \(label)  \(style.bold(entry.pattern.rawValue))  "
          + Quantity.goroutines(entry.evidence.goroutines))
      if let frame = entry.responsible {
        lines.append(indent + style.bold(frame.function) + "  " + TextStyle.location(frame))
      }
      if let note = entry.attributionNote {
        lines += TextStyle.noteLines(note, hasResponsible: entry.responsible != nil)
          .map { indent + $0 }
      }
      // A goroutineleak profile has no wait reasons or creators: its proof says it all.
      if !entry.evidence.waitReasons.isEmpty || entry.evidence.createdBy != nil {
        lines += style.evidenceLines(entry.evidence).map { indent + $0 }
      }
      if let proof = entry.proof {
        lines += style.proofLines(proof, pattern: entry.pattern).map { indent + $0 }
      }
      if entry.severity != nil {
        lines += TextStyle.wrap("fix: " + entry.pattern.advice(for: entry.evidence))
        .map { indent + $0 }
      }
    }
    lines.append("")
    lines.append(
      "Summary: " + Severity.tally(report.severities)
        + "  (for an exit status, run: pprof-leak trend \(report.path))")
    return lines.joined(separator: "\n") + "\n"
  }
}
