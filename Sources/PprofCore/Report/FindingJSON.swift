import PprofProfile
import PprofAnalysis

/// The JSON fields `diff` and `trend` findings share, under the same names (see the man page,
/// JSON OUTPUT). Absent values are written as null, so every finding has one shape.
struct FindingJSON: Encodable {
  struct FrameEntry: Encodable {
    var function: String
    var file: String
    var line: Int64

    init(_ frame: Frame) {
      function = frame.function
      file = frame.file
      line = frame.line
    }
  }

  var rank: Int
  var severity: Severity
  var pattern: LeakPattern
  var profileType: String
  var sampleType: String
  var unit: String
  var responsible: Frame?
  var attributionNote: String?
  var stack: [Frame]
  /// What the goroutines of `stack` wait on, when a traceback said.
  var waitReason: String?
  var stackCount: Int
  /// What a goroutine traceback showed about the finding's goroutines.
  var evidence: WaitEvidence?
  /// What the runtime's leak check said of them.
  var proof: RuntimeProof?
  var inBaseline: Bool

  init(rank: Int, _ finding: Finding) {
    self.rank = rank
    severity = finding.severity
    pattern = finding.pattern
    profileType = finding.profileKind.name
    sampleType = finding.sampleType
    unit = finding.sampleUnit
    responsible = finding.responsible
    attributionNote = finding.attributionNote
    stack = finding.stack
    waitReason = finding.waitReason
    stackCount = finding.stackCount
    evidence = finding.evidence
    proof = finding.proof
    inBaseline = finding.inBaseline
  }

  struct MinutesEntry: Encodable {
    var min: Int
    var max: Int
  }

  enum CodingKeys: String, CodingKey {
    case rank, severity, pattern, profileType, sampleType, unit, function, file, line
    case attributionNote, stack, stackCount, summary, advice
    case waitReason, waitReasons, minutesBlocked, createdBy, lockedToThread, tracebackGoroutines
    case tracebackPath, proof, provedGoroutines, provedValues, proofPath, proofSummary
    case inBaseline
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(rank, forKey: .rank)
    try container.encode(severity.rawValue, forKey: .severity)
    try container.encode(pattern.rawValue, forKey: .pattern)
    try container.encode(profileType, forKey: .profileType)
    try container.encode(sampleType, forKey: .sampleType)
    try container.encode(unit, forKey: .unit)
    try container.encode(responsible?.function, forKey: .function)
    try container.encode(responsible?.file, forKey: .file)
    try container.encode(responsible?.line, forKey: .line)
    try container.encode(attributionNote, forKey: .attributionNote)
    try container.encode(stack.map(FrameEntry.init), forKey: .stack)
    try container.encode(stackCount, forKey: .stackCount)
    try container.encode(pattern.summary, forKey: .summary)
    try container.encode(pattern.advice(for: evidence, stack: stack), forKey: .advice)
    try container.encode(WaitEvidence.namedWaitReason(evidence, stack: waitReason), forKey: .waitReason)
    try container.encode(evidence?.waitReasons, forKey: .waitReasons)
    try container.encode(
      evidence?.minutesBlocked.map { MinutesEntry(min: $0.lowerBound, max: $0.upperBound) },
      forKey: .minutesBlocked)
    try container.encode(evidence?.createdBy.map(FrameEntry.init), forKey: .createdBy)
    try container.encode(evidence?.lockedToThread, forKey: .lockedToThread)
    try container.encode(evidence?.goroutines, forKey: .tracebackGoroutines)
    try container.encode(evidence?.path, forKey: .tracebackPath)
    try Self.encode(proof, pattern: pattern, into: &container)
    try container.encode(inBaseline, forKey: .inBaseline)
  }
}

extension FindingJSON {
  /// The proof fields, null without a leak check: `proof` "runtime" (proved) or "none" (checked,
  /// not proved), `provedGoroutines`, `provedValues` (per check of a series), `proofPath`, and
  /// `proofSummary` in words.
  static func encode<Key: CodingKey>(
    _ proof: RuntimeProof?, pattern: LeakPattern, into container: inout KeyedEncodingContainer<Key>
  ) throws {
    func key(_ name: String) -> Key { Key(stringValue: name)! }
    try container.encode(proof.map { $0.isProven ? "runtime" : "none" }, forKey: key("proof"))
    try container.encode(proof?.leaked, forKey: key("provedGoroutines"))
    try container.encode(proof.map { $0.values.isEmpty ? [$0.leaked] : $0.values }, forKey: key("provedValues"))
    try container.encode(proof?.path, forKey: key("proofPath"))
    try container.encode(
      proof.map { TextStyle.proofText($0, pattern: pattern) }, forKey: key("proofSummary"))
  }
}

/// The JSON of a finding a suppression rule hid.
struct SuppressedJSON: Encodable {
  var severity: String
  var pattern: String
  var profileType: String
  var function: String?
  var file: String?
  var line: Int64?
  var growth: String
  var rule: String

  init(_ hidden: SuppressedFinding) {
    severity = hidden.severity.rawValue
    pattern = hidden.pattern.rawValue
    profileType = hidden.profileKind.name
    function = hidden.responsible?.function
    file = hidden.responsible?.file
    line = hidden.responsible?.line
    growth = hidden.headline
    rule = hidden.rule
  }

  enum CodingKeys: String, CodingKey {
    case severity, pattern, profileType, function, file, line, growth, rule
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(severity, forKey: .severity)
    try container.encode(pattern, forKey: .pattern)
    try container.encode(profileType, forKey: .profileType)
    try container.encode(function, forKey: .function)
    try container.encode(file, forKey: .file)
    try container.encode(line, forKey: .line)
    try container.encode(growth, forKey: .growth)
    try container.encode(rule, forKey: .rule)
  }
}

/// The fields of every `diff` and `trend` document about its verdict and findings, written
/// into the document's own object.
struct VerdictJSON<Extra: Encodable>: Encodable {
  /// One finding: the shared fields, its values, and what only its command has.
  struct Entry: Encodable {
    var common: FindingJSON
    var values: [Int64]
    var extra: Extra

    enum CodingKeys: String, CodingKey { case values }

    func encode(to encoder: any Encoder) throws {
      try common.encode(to: encoder)
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(values, forKey: .values)
      try extra.encode(to: encoder)
    }
  }

  var failOn: String
  var failed: Bool
  var summary: [String: Int]
  var findings: [Entry]
  /// Findings hidden by --ignore-* rules, with the rule.
  var suppressed: [SuppressedJSON]
  /// The --baseline report findings were matched against (null without one).
  var baseline: Nullable<String>

  init(
    _ findings: [Finding], suppressed: [SuppressedFinding], baselinePath: String?, failOn: Severity?,
    extra: (Finding) -> Extra
  ) {
    self.failOn = failOn?.rawValue ?? "never"
    failed = Severity.fails(findings, failOn: failOn)
    summary = Severity.counts(findings.map(\.severity))
    self.findings = findings.enumerated().map { index, finding in
      Entry(common: FindingJSON(rank: index + 1, finding), values: finding.values, extra: extra(finding))
    }
    self.suppressed = suppressed.map(SuppressedJSON.init)
    baseline = Nullable(baselinePath)
  }
}

/// A `diff` or `trend` document: its schema, its command's own fields and the verdict, in one
/// object.
struct Envelope<Body: Encodable, Extra: Encodable>: Encodable {
  var schema: String
  var schemaVersion: Int
  var command: String
  var body: Body
  var verdict: VerdictJSON<Extra>

  enum CodingKeys: String, CodingKey { case schema, schemaVersion, command }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(schema, forKey: .schema)
    try container.encode(schemaVersion, forKey: .schemaVersion)
    try container.encode(command, forKey: .command)
    try body.encode(to: encoder)
    try verdict.encode(to: encoder)
  }
}
