/// Renders a `TopReport` as JSON (schema `pprof-leak/top`, version 1): raw integer values in the
/// sample unit, percentages as numbers, and the formatted values pprof would print.
public enum TopJSONRenderer {
  public static let schemaVersion = 1

  struct Document: Encodable {
    var schema = "pprof-leak/top"
    var schemaVersion = TopJSONRenderer.schemaVersion
    var file: String
    var sampleType: String
    var sampleUnit: String
    var outputUnit: String
    var total: Int64
    var timeNanos: Int64
    var durationNanos: Int64
    var droppedNodes: Int
    var nodesBeforeLimit: Int
    var rows: [Row]
  }

  struct Row: Encodable {
    var function: String
    var inline: String?
    var flat: Int64
    var flatPercent: Double
    var sumPercent: Double
    var cum: Int64
    var cumPercent: Double
    var flatFormatted: String
    var cumFormatted: String
  }

  /// `path` is the input as the user named it.
  public static func render(_ report: TopReport, path: String) throws -> String {
    var flatSum: Int64 = 0
    func percent(_ value: Int64) -> Double {
      report.total == 0 ? 0 : (Double(value) / Double(report.total) * 10000).rounded() / 100
    }
    let rows = report.rows.map { row in
      flatSum &+= row.flat
      return Row(
        function: row.name, inline: row.inlineLabel.isEmpty ? nil : row.inlineLabel,
        flat: row.flat, flatPercent: percent(row.flat), sumPercent: percent(flatSum),
        cum: row.cum, cumPercent: percent(row.cum), flatFormatted: report.format(row.flat),
        cumFormatted: report.format(row.cum))
    }
    let document = Document(
      file: path, sampleType: report.sampleType, sampleUnit: report.sampleUnit,
      outputUnit: report.outputUnit, total: report.total, timeNanos: report.timeNanos,
      durationNanos: report.durationNanos, droppedNodes: report.droppedNodes,
      nodesBeforeLimit: report.nodesBeforeLimit, rows: rows)
    return try JSONOutput.encode(document)
  }
}
