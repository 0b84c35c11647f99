import PprofAnalysis

/// `pprof-leak diff --format json`: one object, schema `pprof-leak/diff`, version 1. The field
/// names are a contract (documented in the man page); add fields, never rename or remove them.
enum DiffJSONRenderer {

  /// The fields only a diff document has.
  struct Document: Encodable {
    var profiles: [ProfileEntry]
    var sampleType: String
    var sampleUnit: String
    var thresholds: ThresholdsEntry
    var top: [TopRow]
    var changedStacks: Int
    var stacks: [StackEntry]
  }

  /// A diff finding's own field: NEW − BASE.
  struct Delta: Encodable {
    var delta: Int64
  }

  struct ProfileEntry: Encodable {
    var role: String
    var path: String
    var profileType: String
    var timeNanos: Int64
    var total: Int64
  }

  struct ThresholdsEntry: Encodable {
    var minGoroutines: Int64
    var minHeapBytes: Int64
    var minHeapObjects: Int64
    var minGrowth: Double
  }

  struct TopRow: Encodable {
    var function: String
    var flat: Int64
    var cum: Int64
    var flatPercent: Double
    var cumPercent: Double
  }

  struct StackEntry: Encodable {
    var stack: [FindingJSON.FrameEntry]
    /// What the stack's goroutines wait on, when a traceback said.
    var waitReason: Nullable<String>
    var values: [Int64]
    var delta: Int64
  }

  static func render(_ report: DiffReport, failOn: Severity?, singleLine: Bool = false) throws -> String {
    func percent(_ value: Int64) -> Double {
      report.top.total == 0
        ? 0 : (Double(value) / Double(report.top.total) * 10000).rounded() / 100
    }
    let body = Document(
      profiles: [
        ProfileEntry(
          role: "base", path: report.base.path, profileType: report.base.kind.name,
          timeNanos: report.base.timeNanos, total: report.base.total),
        ProfileEntry(
          role: "new", path: report.new.path, profileType: report.new.kind.name,
          timeNanos: report.new.timeNanos, total: report.new.total),
      ],
      sampleType: report.sampleType, sampleUnit: report.sampleUnit,
      thresholds: ThresholdsEntry(
        minGoroutines: report.thresholds.minGoroutines,
        minHeapBytes: report.thresholds.minHeapBytes,
        minHeapObjects: report.thresholds.minHeapObjects,
        minGrowth: report.thresholds.minGrowthFraction),
      top: report.top.rows.map {
        TopRow(
          function: $0.name, flat: $0.flat, cum: $0.cum, flatPercent: percent($0.flat),
          cumPercent: percent($0.cum))
      },
      changedStacks: report.changedStackCount,
      stacks: report.stacks.map {
        StackEntry(
          stack: $0.stack.map(FindingJSON.FrameEntry.init), waitReason: Nullable($0.waitReason),
          values: [$0.base, $0.new], delta: $0.delta)
      })
    let verdict = VerdictJSON(
      report.findings, suppressed: report.suppressed, baselinePath: report.baselinePath, failOn: failOn
    ) { Delta(delta: $0.growth) }
    return try JSONOutput.encode(
      Envelope(schema: "pprof-leak/diff", schemaVersion: JSONRenderer.schemaVersion, command: "diff", body: body, verdict: verdict),
      singleLine: singleLine)
  }
}
