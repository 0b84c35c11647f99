import PprofUnits
import PprofProfile
import PprofAnalysis

/// `--format sarif`: SARIF 2.1.0 for code scanning. One rule per leak pattern (its summary and
/// advice as help), one result per finding at the responsible line (else the first line of its
/// stack in the repository), with the path relative to the repository (`%SRCROOT%`) so the
/// alert lands on the right line. Findings with no frame in the repository are notifications
/// of the invocation; suppressed findings are results with a suppression; with a baseline,
/// every result has a `baselineState`.
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
    var toolExecutionNotifications: [Notification]?
  }

  struct Notification: Encodable {
    var level: String
    var message: Text
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
    /// "runtime" when the Go runtime proved the goroutines leaked, "none" when its leak check
    /// did not; absent without a check.
    var proof: String?
  }

  struct Suppression: Encodable {
    var kind = "external"
    var justification: String
  }

  struct Location: Encodable {
    var physicalLocation: PhysicalLocation
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
    // Code scanning needs a file of the repository for every result: findings with no frame
    // in it are said in a notification instead.
    var results = report.items.compactMap { item -> Result? in
      guard let place = item.place else { return nil }
      return Result(
        ruleId: item.pattern.rawValue, ruleIndex: patterns.firstIndex(of: item.pattern) ?? 0,
        level: item.severity.annotationLevel, message: Text(text: message(item)),
        locations: [location(place, function: item.responsible?.function)],
        partialFingerprints: ["pprofLeakFinding/v1": item.fingerprint],
        baselineState: hasBaseline ? (item.inBaseline ? "unchanged" : "new") : nil,
        suppressions: nil,
        properties: ResultProperties(
          severity: item.severity.rawValue, profileType: item.profileKind.name, values: item.values,
          waitReason: WaitEvidence.namedWaitReason(item.evidence, stack: item.waitReason),
          proof: item.proof.map { $0.isProven ? "runtime" : "none" }))
    }
    results += report.suppressed.compactMap { hidden -> Result? in
      guard let place = hidden.place else { return nil }
      let finding = hidden.finding
      return Result(
        ruleId: finding.pattern.rawValue, ruleIndex: patterns.firstIndex(of: finding.pattern) ?? 0,
        level: finding.severity.annotationLevel,
        message: Text(
          text: CIReport.message(pattern: finding.pattern, responsible: finding.responsible, headline: finding.headline)),
        locations: [location(place, function: finding.responsible?.function)],
        partialFingerprints: ["pprofLeakFinding/v1": finding.identity.fingerprint(file: place.path)],
        baselineState: hasBaseline ? (finding.inBaseline ? "unchanged" : "new") : nil,
        suppressions: [Suppression(justification: finding.rule)],
        properties: ResultProperties(
          severity: finding.severity.rawValue, profileType: finding.profileKind.name, values: nil,
          waitReason: nil, proof: nil))
    }
    let outside = report.items.filter { $0.place == nil }
    let notifications = outside.map { item in
      Notification(
        level: item.severity.annotationLevel,
        message: Text(text: "not in this log (no frame in the repository): \(message(item))"))
    }
    let root = repositoryRoot.hasSuffix("/") ? repositoryRoot : repositoryRoot + "/"
    let log = Log(runs: [
      Run(
        tool: Tool(
          driver: Driver(version: report.toolVersion, semanticVersion: report.toolVersion, rules: rules)),
        originalUriBaseIds: ["%SRCROOT%": ArtifactLocation(uri: fileURI(root), uriBaseId: nil)],
        invocations: [
          Invocation(
            executionSuccessful: true, exitCode: report.failed ? 1 : 0,
            toolExecutionNotifications: notifications.isEmpty ? nil : notifications)
        ],
        results: results,
        automationDetails: AutomationDetails(id: "pprof-leak/\(report.command)/"))
    ])
    return try JSONOutput.encode(log)
  }

  static func message(_ item: CIReport.Item) -> String {
    var text = item.message
    if let evidence = item.evidence, !evidence.waitReasons.isEmpty {
      text += " Waiting: \(TextStyle.waiting(evidence))."
      if let creator = evidence.createdBy {
        text += " Created by \(creator.function) at \(item.createdAt ?? TextStyle.location(creator))."
      }
    }
    if let proof = item.proofText { text += " Proof: \(proof)." }
    if let note = item.attributionNote { text += " \(note)" }
    return text + " Fix: \(item.advice)"
  }

  static func location(_ place: CIReport.Place, function: String?) -> Location {
    Location(
      physicalLocation: PhysicalLocation(
        artifactLocation: ArtifactLocation(uri: percentEncoded(place.path), uriBaseId: "%SRCROOT%"),
        region: place.frame.line > 0 ? Region(startLine: place.frame.line) : nil),
      logicalLocations: function.map { [LogicalLocation(fullyQualifiedName: $0)] })
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
