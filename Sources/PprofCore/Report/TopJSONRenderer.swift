public import PprofAnalysis

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
    /// For a goroutine traceback: goroutines in leak patterns (see `BlockedReport`).
    var blocked: [BlockedEntry]?
  }

  struct BlockedEntry: Encodable {
    var severity: Severity?
    var pattern: LeakPattern
    var goroutines: Int
    var function: String?
    var file: String?
    var line: Int64?
    var attributionNote: String?
    var waitReasons: [String]
    var minutesBlocked: FindingJSON.MinutesEntry?
    var createdBy: FindingJSON.FrameEntry?
    var lockedToThread: Int
    var summary: String
    var advice: String
    var proof: RuntimeProof?

    init(_ entry: BlockedReport.Entry) {
      severity = entry.severity
      pattern = entry.pattern
      goroutines = entry.evidence.goroutines
      function = entry.responsible?.function
      file = entry.responsible?.file
      line = entry.responsible?.line
      attributionNote = entry.attributionNote
      waitReasons = entry.evidence.waitReasons
      minutesBlocked = entry.evidence.minutesBlocked.map {
        FindingJSON.MinutesEntry(min: $0.lowerBound, max: $0.upperBound)
      }
      createdBy = entry.evidence.createdBy.map(FindingJSON.FrameEntry.init)
      lockedToThread = entry.evidence.lockedToThread
      summary = entry.pattern.summary
      advice = entry.pattern.advice(for: entry.evidence)
      proof = entry.proof
    }

    enum CodingKeys: String, CodingKey {
      case severity, pattern, goroutines, function, file, line, attributionNote, waitReason
      case waitReasons, minutesBlocked, createdBy, lockedToThread, summary, advice
      case proof, provedGoroutines, provedValues, proofPath, proofSummary
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(severity?.rawValue, forKey: .severity)
      try container.encode(pattern.rawValue, forKey: .pattern)
      try container.encode(goroutines, forKey: .goroutines)
      try container.encode(function, forKey: .function)
      try container.encode(file, forKey: .file)
      try container.encode(line, forKey: .line)
      try container.encode(attributionNote, forKey: .attributionNote)
      // The most common first, as in the findings of diff and trend.
      try container.encode(waitReasons.first, forKey: .waitReason)
      try container.encode(waitReasons, forKey: .waitReasons)
      try container.encode(minutesBlocked, forKey: .minutesBlocked)
      try container.encode(createdBy, forKey: .createdBy)
      try container.encode(lockedToThread, forKey: .lockedToThread)
      try container.encode(summary, forKey: .summary)
      try container.encode(advice, forKey: .advice)
      try FindingJSON.encode(proof, pattern: pattern, into: &container)
    }
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
  public static func render(_ report: TopReport, path: String, blocked: BlockedReport? = nil)
    throws -> String
  {
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
      nodesBeforeLimit: report.nodesBeforeLimit, rows: rows,
      blocked: blocked?.entries.map(BlockedEntry.init))
    return try JSONOutput.encode(document)
  }
}
