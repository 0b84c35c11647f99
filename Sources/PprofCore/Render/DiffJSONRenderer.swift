import Foundation

/// `pprof-leak diff --format json`: one object, schema `pprof-leak/diff`, version 1. The field
/// names are a contract (documented in the man page); add fields, never rename or remove them.
public enum DiffJSONRenderer {
  public static let schemaVersion = 1

  struct Document: Encodable {
    var schema = "pprof-leak/diff"
    var schemaVersion = DiffJSONRenderer.schemaVersion
    var command = "diff"
    var profiles: [ProfileEntry]
    var sampleType: String
    var sampleUnit: String
    var thresholds: Thresholds
    var failOn: String
    var failed: Bool
    var summary: [String: Int]
    var findings: [Finding]
    var top: [TopRow]
    var changedStacks: Int
    var stacks: [StackEntry]
  }

  struct ProfileEntry: Encodable {
    var role: String
    var path: String
    var profileType: String
    var timeNanos: Int64
    var total: Int64
  }

  struct Thresholds: Encodable {
    var minGoroutines: Int64
    var minHeapBytes: Int64
    var minHeapObjects: Int64
    var minGrowth: Double
  }

  struct FrameEntry: Encodable {
    var function: String
    var file: String
    var line: Int64
  }

  struct Finding: Encodable {
    var rank: Int
    var severity: String
    var pattern: String
    var profileType: String
    var sampleType: String
    var unit: String
    var function: String?
    var file: String?
    var line: Int64?
    var attributionNote: String?
    var stack: [FrameEntry]
    var stackCount: Int
    var values: [Int64]
    var delta: Int64
    var summary: String
    var advice: String

    enum CodingKeys: String, CodingKey {
      case rank, severity, pattern, profileType, sampleType, unit, function, file, line
      case attributionNote, stack, stackCount, values, delta, summary, advice
    }

    /// Writes every key, with null for an absent responsible frame, so parsers see one shape.
    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(rank, forKey: .rank)
      try container.encode(severity, forKey: .severity)
      try container.encode(pattern, forKey: .pattern)
      try container.encode(profileType, forKey: .profileType)
      try container.encode(sampleType, forKey: .sampleType)
      try container.encode(unit, forKey: .unit)
      try container.encode(function, forKey: .function)
      try container.encode(file, forKey: .file)
      try container.encode(line, forKey: .line)
      try container.encode(attributionNote, forKey: .attributionNote)
      try container.encode(stack, forKey: .stack)
      try container.encode(stackCount, forKey: .stackCount)
      try container.encode(values, forKey: .values)
      try container.encode(delta, forKey: .delta)
      try container.encode(summary, forKey: .summary)
      try container.encode(advice, forKey: .advice)
    }
  }

  struct TopRow: Encodable {
    var function: String
    var flat: Int64
    var cum: Int64
    var flatPercent: Double
    var cumPercent: Double
  }

  struct StackEntry: Encodable {
    var stack: [FrameEntry]
    var values: [Int64]
    var delta: Int64
  }

  public static func render(_ report: DiffReport, failOn: Severity?) throws -> String {
    func frames(_ stack: [Frame]) -> [FrameEntry] {
      stack.map { FrameEntry(function: $0.function, file: $0.file, line: $0.line) }
    }
    func percent(_ value: Int64) -> Double {
      report.top.total == 0
        ? 0 : (Double(value) / Double(report.top.total) * 10000).rounded() / 100
    }
    let findings = report.findings.enumerated().map { index, finding in
      Finding(
        rank: index + 1, severity: finding.severity.rawValue, pattern: finding.pattern.rawValue,
        profileType: finding.profileKind, sampleType: finding.sampleType,
        unit: finding.sampleUnit, function: finding.responsible?.function,
        file: finding.responsible?.file, line: finding.responsible?.line,
        attributionNote: finding.attributionNote, stack: frames(finding.stack),
        stackCount: finding.stackCount, values: [finding.base, finding.new],
        delta: finding.delta, summary: finding.pattern.summary, advice: finding.advice)
    }
    var summary: [String: Int] = [:]
    for severity in Severity.allCases { summary[severity.rawValue] = report.count(severity) }
    let document = Document(
      profiles: [
        ProfileEntry(
          role: "base", path: report.base.path, profileType: report.base.kind,
          timeNanos: report.base.timeNanos, total: report.base.total),
        ProfileEntry(
          role: "new", path: report.new.path, profileType: report.new.kind,
          timeNanos: report.new.timeNanos, total: report.new.total),
      ],
      sampleType: report.sampleType, sampleUnit: report.sampleUnit,
      thresholds: Thresholds(
        minGoroutines: report.thresholds.minGoroutines,
        minHeapBytes: report.thresholds.minHeapBytes,
        minHeapObjects: report.thresholds.minHeapObjects,
        minGrowth: report.thresholds.minGrowthFraction),
      failOn: failOn?.rawValue ?? "never",
      failed: failOn.map { level in report.findings.contains { $0.severity >= level } } ?? false,
      summary: summary, findings: findings,
      top: report.top.rows.map {
        TopRow(
          function: $0.name, flat: $0.flat, cum: $0.cum, flatPercent: percent($0.flat),
          cumPercent: percent($0.cum))
      },
      changedStacks: report.changedStackCount,
      stacks: report.stacks.map {
        StackEntry(stack: frames($0.stack), values: [$0.base, $0.new], delta: $0.delta)
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
  }
}
