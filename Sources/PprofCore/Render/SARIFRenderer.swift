/// `--format sarif`: SARIF 2.1.0 for code scanning. One rule per leak pattern (its summary and
/// advice as help), one result per finding at the responsible line, with the path relative to
/// the repository (`%SRCROOT%`) so the alert lands on the right line; suppressed findings are
/// results with a suppression, and with a baseline every result has a `baselineState`.
public enum SARIFRenderer {
  public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

  struct Log: Encodable {
    var schema = SARIFRenderer.schemaURI
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case version, runs
    }
  }

  struct Run: Encodable {
    var tool: Tool
    var originalUriBaseIds: [String: ArtifactLocation]
    var invocations: [Invocation]
    var results: [Result]
    var automationDetails: AutomationDetails
  }

  struct AutomationDetails: Encodable {
    var id: String
  }

  struct Tool: Encodable {
    var driver: Driver
  }

  struct Driver: Encodable {
    var name = "pprof-leak"
    var version: String
    var semanticVersion: String
    var rules: [Rule]
  }

  struct Rule: Encodable {
    var id: String
    var name: String
    var shortDescription: Text
    var fullDescription: Text
    var help: Help
    var defaultConfiguration: Configuration
    var properties: RuleProperties
  }

  struct RuleProperties: Encodable {
    var tags: [String]
  }

  struct Text: Encodable {
    var text: String
  }

  struct Help: Encodable {
    var text: String
    var markdown: String
  }

  struct Configuration: Encodable {
    var level: String
  }

  struct Invocation: Encodable {
    var executionSuccessful: Bool
    var exitCode: Int
  }

  struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Text
    var locations: [Location]
    var partialFingerprints: [String: String]
    var baselineState: String?
    var suppressions: [Suppression]?
    var properties: ResultProperties
  }

  struct ResultProperties: Encodable {
    var severity: String
    var profileType: String
    var values: [Int64]?
    var waitReason: String?
  }

  struct Suppression: Encodable {
    var kind = "external"
    var justification: String
  }

  struct Location: Encodable {
    var physicalLocation: PhysicalLocation?
    var logicalLocations: [LogicalLocation]?
  }

  struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region?
  }

  struct ArtifactLocation: Encodable {
    var uri: String
    var uriBaseId: String?
  }

  struct Region: Encodable {
    var startLine: Int64
  }

  struct LogicalLocation: Encodable {
    var fullyQualifiedName: String
    var kind = "function"
  }

  /// The SARIF log of `report`; `repositoryRoot` becomes `%SRCROOT%`.
  public static func render(_ report: CIReport, repositoryRoot: String) throws -> String {
    let patterns = LeakPattern.allCases
    let rules = patterns.map { pattern in
      Rule(
        id: pattern.rawValue, name: ruleName(pattern),
        shortDescription: Text(text: pattern.summary), fullDescription: Text(text: pattern.summary),
        help: Help(text: pattern.advice, markdown: "**\(pattern.rawValue)**: \(pattern.advice)"),
        defaultConfiguration: Configuration(
          level: pattern == .goroutineGrowth || pattern == .heapGrowth ? "warning" : "error"),
        properties: RuleProperties(tags: ["memory", "leak", "go", "pprof"]))
    }
    let hasBaseline = report.baselinePath != nil
    var results = report.items.map { item in
      Result(
        ruleId: item.pattern.rawValue, ruleIndex: patterns.firstIndex(of: item.pattern) ?? 0,
        level: item.severity.annotationLevel, message: Text(text: message(item)),
        locations: [location(item.responsible, repositoryPath: item.repositoryPath)],
        partialFingerprints: ["pprofLeakFinding/v1": item.fingerprint],
        baselineState: hasBaseline ? (item.inBaseline ? "unchanged" : "new") : nil,
        suppressions: nil,
        properties: ResultProperties(
          severity: item.severity.rawValue, profileType: item.profileKind, values: item.values,
          waitReason: item.evidence?.waitReasons.first))
    }
    results += report.suppressed.map { hidden in
      let finding = hidden.finding
      return Result(
        ruleId: finding.pattern.rawValue, ruleIndex: patterns.firstIndex(of: finding.pattern) ?? 0,
        level: finding.severity.annotationLevel,
        message: Text(
          text: "\(finding.pattern.rawValue)"
            + (finding.responsible.map { " in \($0.function)" } ?? "")
            + ": \(finding.headline): \(finding.pattern.summary)."),
        locations: [location(finding.responsible, repositoryPath: hidden.repositoryPath)],
        partialFingerprints: [
          "pprofLeakFinding/v1": [
            finding.pattern.rawValue, finding.responsible?.function ?? "",
            hidden.repositoryPath ?? finding.responsible?.file ?? "",
          ].joined(separator: "|")
        ],
        baselineState: nil, suppressions: [Suppression(justification: finding.rule)],
        properties: ResultProperties(
          severity: finding.severity.rawValue, profileType: finding.profileKind, values: nil,
          waitReason: nil))
    }
    let root = repositoryRoot.hasSuffix("/") ? repositoryRoot : repositoryRoot + "/"
    let log = Log(runs: [
      Run(
        tool: Tool(
          driver: Driver(version: report.toolVersion, semanticVersion: report.toolVersion, rules: rules)),
        originalUriBaseIds: ["%SRCROOT%": ArtifactLocation(uri: fileURI(root), uriBaseId: nil)],
        invocations: [Invocation(executionSuccessful: true, exitCode: report.failed ? 1 : 0)],
        results: results,
        automationDetails: AutomationDetails(id: "pprof-leak/\(report.command)/"))
    ])
    return try JSONOutput.encode(log)
  }

  static func message(_ item: CIReport.Item) -> String {
    var text = item.message
    if let evidence = item.evidence, let reason = evidence.waitReasons.first {
      text += " \(evidence.goroutines) goroutines in \(reason)"
      if let minutes = evidence.minutesBlocked { text += ", blocked up to \(minutes.upperBound) min" }
      text += "."
      if let creator = evidence.createdBy {
        text += " Created by \(creator.function) at \(TextStyle.location(creator))."
      }
    }
    if let note = item.attributionNote { text += " \(note)" }
    return text + " Fix: \(item.pattern.advice)"
  }

  static func location(_ frame: Frame?, repositoryPath: String?) -> Location {
    let logical = frame.map { [LogicalLocation(fullyQualifiedName: $0.function)] }
    guard let frame, !frame.file.isEmpty else {
      return Location(physicalLocation: nil, logicalLocations: logical)
    }
    let artifact =
      repositoryPath.map { ArtifactLocation(uri: percentEncoded($0), uriBaseId: "%SRCROOT%") }
      ?? ArtifactLocation(
        uri: frame.file.hasPrefix("/") ? fileURI(frame.file) : percentEncoded(frame.file),
        uriBaseId: nil)
    return Location(
      physicalLocation: PhysicalLocation(
        artifactLocation: artifact, region: frame.line > 0 ? Region(startLine: frame.line) : nil),
      logicalLocations: logical)
  }

  /// "blocked-send" → "BlockedSend".
  static func ruleName(_ pattern: LeakPattern) -> String {
    pattern.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
      .joined()
  }

  static func fileURI(_ absolutePath: String) -> String { "file://" + percentEncoded(absolutePath) }

  /// Percent-encodes what a URI path may not hold as is.
  static func percentEncoded(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      let scalar = Unicode.Scalar(byte)
      if (scalar.properties.isAlphabetic && byte < 0x80) || (0x30...0x39).contains(byte)
        || "-._~/!$&'()*+,;=:@".utf8.contains(byte)
      {
        result.unicodeScalars.append(scalar)
      } else {
        result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return result
  }
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
