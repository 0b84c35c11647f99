import PprofUnits
public import PprofProfile
public import PprofAnalysis

/// The findings of a `diff` or `trend` as the CI formats (SARIF, JUnit, Markdown, GitHub
/// annotations) show them: with paths relative to the repository, what was checked, what was
/// suppressed, and which findings fail the run.
public struct CIReport: Sendable {
  public struct Item: Sendable {
    public var severity: Severity
    public var pattern: LeakPattern
    public var profileKind: ProfileKind
    public var responsible: Frame?
    /// The responsible file relative to the repository; nil when it is not in it.
    public var repositoryPath: String?
    public var attributionNote: String?
    /// "+175 goroutines (25 → 200)".
    public var headline: String
    public var values: [Int64]
    public var stack: [Frame]
    /// What the goroutines of `stack` wait on, when a traceback said.
    public var waitReason: String?
    public var evidence: WaitEvidence?
    /// What the runtime's leak check said of the goroutines.
    public var proof: RuntimeProof?
    public var inBaseline: Bool
    /// Where in the repository the finding is shown: the responsible line, else the first
    /// frame of the stack that is in the repository; nil when none is.
    public var place: Place?
    /// The `go` statement that created the goroutines (from a traceback), as "path:line" with
    /// the path in the repository when it is in it.
    public var createdAt: String?

    public var advice: String { pattern.advice(for: evidence, stack: stack) }

    init(_ finding: Finding, paths: PathMapper) {
      severity = finding.severity
      pattern = finding.pattern
      profileKind = finding.profileKind
      responsible = finding.responsible
      repositoryPath = finding.responsible.flatMap(paths.repositoryPath(of:))
      place = Place(responsible: finding.responsible, path: repositoryPath, stack: finding.stack, paths: paths)
      createdAt = finding.evidence?.createdBy.map { creator in
        paths.repositoryPath(of: creator).map { "\($0):\(creator.line)" } ?? TextStyle.location(creator)
      }
      attributionNote = finding.attributionNote
      headline = finding.headline
      values = finding.values
      stack = finding.stack
      waitReason = finding.waitReason
      evidence = finding.evidence
      proof = finding.proof
      inBaseline = finding.inBaseline
    }

    /// The proof in words, nil without a leak check.
    public var proofText: String? { proof.map { TextStyle.proofText($0, pattern: pattern) } }

    /// "blocked-send in main.sendResult: +175 goroutines (25 → 200): goroutines blocked…".
    public var message: String { CIReport.message(pattern: pattern, responsible: responsible, headline: headline) }

    /// The same finding in every run: its identity, with the file as the repository names it.
    public var fingerprint: String {
      FindingIdentity(pattern: pattern, responsible: responsible).fingerprint(file: repositoryPath)
    }
  }

  /// A line of a file in the repository.
  public struct Place: Sendable {
    public var frame: Frame
    /// `frame.file` relative to the repository.
    public var path: String

    init?(responsible: Frame?, path: String?, stack: [Frame], paths: PathMapper) {
      if let responsible, let path {
        (frame, self.path) = (responsible, path)
        return
      }
      for candidate in stack where !candidate.file.isEmpty {
        if let path = paths.repositoryPath(of: candidate) {
          (frame, self.path) = (candidate, path)
          return
        }
      }
      return nil
    }
  }

  /// A finding a suppression rule hid, with its place in the repository.
  public struct Suppressed: Sendable {
    public var finding: SuppressedFinding
    public var repositoryPath: String?
    public var place: Place?

    init(finding: SuppressedFinding, paths: PathMapper) {
      self.finding = finding
      repositoryPath = finding.responsible.flatMap(paths.repositoryPath(of:))
      place = Place(responsible: finding.responsible, path: repositoryPath, stack: [], paths: paths)
    }
  }

  /// "diff" or "trend".
  public var command: String
  /// The snapshots read, as given.
  public var inputs: [String]
  /// The profile kinds whose findings were looked for ("goroutine", "heap").
  public var kindsChecked: [ProfileKind]
  /// "goroutine 8 snapshots over 8.7 s, 28 → 203" per kind; the two paths for diff.
  public var scope: [String]
  public var items: [Item]
  public var suppressed: [Suppressed]
  public var failOn: Severity?
  public var baselinePath: String?
  public var toolVersion: String

  /// The findings of `report` as the CI formats show them.
  public init(_ report: LeakReport, failOn: Severity?, paths: PathMapper, toolVersion: String) {
    switch report {
    case .diff(let report): self.init(diff: report, failOn: failOn, paths: paths, toolVersion: toolVersion)
    case .trend(let report): self.init(trend: report, failOn: failOn, paths: paths, toolVersion: toolVersion)
    }
  }

  init(diff report: DiffReport, failOn: Severity?, paths: PathMapper, toolVersion: String) {
    let scope =
      "\(Quantity.measure(kind: report.new.kind.name, sampleType: report.sampleType)): "
      + "\(Quantity.plain(report.base.total, unit: report.sampleUnit)) → "
      + "\(Quantity.plain(report.new.total, unit: report.sampleUnit))"
    self.init(
      command: "diff", inputs: [report.base.path, report.new.path],
      kindsChecked: FindingDetector.examines(kind: report.new.kind, sampleType: report.sampleType)
        ? [report.new.kind] : [],
      scope: [scope], findings: report.findings, suppressed: report.suppressed,
      baselinePath: report.baselinePath, failOn: failOn, paths: paths, toolVersion: toolVersion)
  }

  init(trend report: TrendReport, failOn: Severity?, paths: PathMapper, toolVersion: String) {
    let scope = report.series.map { series in
      let span = series.hasRealTimes ? " over \(DurationText.format(hours: series.spanHours))" : ""
      let first = Quantity.plain(series.snapshots.first?.total ?? 0, unit: series.sampleUnit)
      let last = Quantity.plain(series.snapshots.last?.total ?? 0, unit: series.sampleUnit)
      return "\(series.kind): \(series.snapshots.count) snapshots\(span), \(series.sampleType) "
        + "\(first) → \(last) \(Sparkline.render(series.snapshots.map(\.total)))"
    }
    self.init(
      command: "trend", inputs: report.series.flatMap { $0.snapshots.map(\.path) },
      kindsChecked: report.series.filter(\.isExamined).map(\.kind), scope: scope,
      findings: report.findings, suppressed: report.suppressed,
      baselinePath: report.baselinePath, failOn: failOn, paths: paths, toolVersion: toolVersion)
  }

  private init(
    command: String, inputs: [String], kindsChecked: [ProfileKind], scope: [String],
    findings: [Finding], suppressed: [SuppressedFinding], baselinePath: String?,
    failOn: Severity?, paths: PathMapper, toolVersion: String
  ) {
    self.command = command
    self.inputs = inputs
    self.kindsChecked = kindsChecked
    self.scope = scope
    items = findings.map { Item($0, paths: paths) }
    self.suppressed = suppressed.map { Suppressed(finding: $0, paths: paths) }
    self.failOn = failOn
    self.baselinePath = baselinePath
    self.toolVersion = toolVersion
  }

  /// "1 leak, 0 suspect, 2 info", most severe first.
  public var tally: String { Severity.tally(items.map(\.severity)) }

  /// The tally with what the baseline knew and what was suppressed: "1 leak, 0 suspect,
  /// 2 info; 1 in the baseline; 2 suppressed".
  public var verdictTally: String {
    Severity.tally(items.map(\.severity), inBaseline: items.filter(\.inBaseline).count, suppressed: suppressed.count)
  }

  /// A finding's one-line message, for annotations and alerts, shown or suppressed alike:
  /// "blocked-send in main.sendResult: +175 goroutines (25 → 200): goroutines blocked…".
  static func message(pattern: LeakPattern, responsible: Frame?, headline: String) -> String {
    let place = responsible.map { " in \($0.function)" } ?? ""
    return "\(pattern.rawValue)\(place): \(headline): \(pattern.summary)."
  }

  /// True when `item` fails the run: at least `failOn` and not in the baseline.
  public func fails(_ item: Item) -> Bool {
    guard let failOn, !item.inBaseline else { return false }
    return item.severity >= failOn
  }

  public var failed: Bool { items.contains(where: fails) }

  /// The patterns looked for in a profile kind.
  public static func patterns(checkedIn kind: ProfileKind) -> [LeakPattern] {
    switch kind {
    case .goroutine, .goroutineleak:
      [.blockedSend, .blockedRecv, .blockedSelect, .syncWait, .unclosedHTTPBody, .blockedIO, .goroutineGrowth]
    case .heap:
      [.unstoppedTimer, .unclosedHTTPBody, .uncancelledContext, .heapGrowth]
    default:
      []
    }
  }
}

extension Severity {
  /// SARIF's and GitHub's word for the level: error, warning, note.
  public var annotationLevel: String {
    switch self {
    case .leak: "error"
    case .suspect: "warning"
    case .info: "note"
    }
  }
}
