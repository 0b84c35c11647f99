import Foundation
import PprofUnits
public import PprofAnalysis

/// Renders a `TopReport` in the layout of `go tool pprof -top`, line for line.
public enum TopTextRenderer {
  public static func render(_ report: TopReport) -> String {
    var lines = headerLines(report)
    lines.append(
      pad("flat", 10) + " " + pad("flat", 5) + "% " + pad("sum", 5) + "% " + pad("cum", 10) + " "
        + pad("cum", 5) + "%")
    var flatSum: Int64 = 0
    for row in report.rows {
      flatSum &+= row.flat
      let inline = row.inlineLabel.isEmpty ? "" : " " + row.inlineLabel
      lines.append(
        pad(report.format(row.flat), 10) + " "
          + Measurement.percentage(row.flat, of: report.total) + " "
          + Measurement.percentage(flatSum, of: report.total) + " "
          + pad(report.format(row.cum), 10) + " "
          + Measurement.percentage(row.cum, of: report.total) + "  " + row.name + inline)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// pprof's ProfileLabels followed by its report labels.
  static func headerLines(_ report: TopReport) -> [String] {
    var lines: [String] = []
    if !report.fileName.isEmpty { lines.append("File: " + report.fileName) }
    if !report.buildID.isEmpty { lines.append("Build ID: " + report.buildID) }
    lines += report.comments.filter { !$0.hasPrefix("#") }
    if !report.sampleType.isEmpty { lines.append("Type: " + report.sampleType) }
    if report.timeNanos != 0 { lines.append("Time: " + formatTime(report.timeNanos)) }
    if report.durationNanos != 0 {
      let duration = Measurement.scaledLabel(report.durationNanos, from: "nanoseconds", to: "auto")
      let (totalNanos, totalUnit) = Measurement.scale(
        report.total, from: report.sampleUnit, to: "nanoseconds")
      var ratio = ""
      if totalUnit == "ns", totalNanos != 0 {
        let nanos = abs(totalNanos) < 0x1p63 ? Int64(totalNanos) : Int64.max
        ratio = "(" + Measurement.percentage(nanos, of: report.durationNanos) + ")"
      }
      lines.append(
        "Duration: \(duration), Total samples = \(report.format(report.total)) \(ratio)")
    }
    let shown = report.shownFlat
    lines.append(
      "Showing nodes accounting for \(report.format(shown)), "
        + "\(Measurement.percentage(shown, of: report.total).trimmingSpaces()) of "
        + "\(report.format(report.total)) total")
    if report.total != 0 {
      if report.droppedNodes > 0 {
        let noun = report.droppedNodes > 1 ? "nodes" : "node"
        lines.append(
          "Dropped \(report.droppedNodes) \(noun) (cum <= \(report.format(report.nodeCutoff)))")
      }
      if !report.rows.isEmpty, report.rows.count < report.nodesBeforeLimit {
        lines.append("Showing top \(report.rows.count) nodes out of \(report.nodesBeforeLimit)")
      }
    }
    return lines
  }

  /// Right-aligns `text` in `width` columns (Go's %Ns).
  static func pad(_ text: String, _ width: Int) -> String {
    let count = text.count
    return count >= width ? text : String(repeating: " ", count: width - count) + text
  }

  /// pprof's time layout "Jan 2, 2006 at 3:04pm (MST)", in local time.
  static func formatTime(_ nanos: Int64) -> String {
    let date = Date(timeIntervalSince1970: Double(nanos) / 1e9)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "MMM d, yyyy 'at' h:mma (zzz)"
    formatter.amSymbol = "am"
    formatter.pmSymbol = "pm"
    return formatter.string(from: date)
  }
}
