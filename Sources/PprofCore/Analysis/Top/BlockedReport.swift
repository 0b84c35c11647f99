public import PprofProfile
public import PprofGoroutine

/// What one goroutine traceback shows without any other snapshot: goroutines waiting in a leak
/// pattern, grouped as findings are, each rated by the blocked rule (`WaitEvidence.severity`)
/// and the proof rule (`RuntimeProof`) where the runtime checked them for leaks. `top` adds it
/// for a traceback and for a `goroutineleak` profile; `trend` applies the same rules.
public struct BlockedReport: Sendable {
  public struct Entry: Equatable, Sendable {
    /// nil when the goroutines have not waited long enough, or are too few, to be rated.
    public var severity: Severity?
    public var pattern: LeakPattern
    public var responsible: Frame?
    public var attributionNote: String?
    public var evidence: WaitEvidence
    /// What the runtime's leak check says of the goroutines; nil when the dump is not one.
    public var proof: RuntimeProof?
  }

  public var path: String
  /// Goroutines in the dump.
  public var goroutines: Int
  public var thresholds: Thresholds
  /// Entries of every pattern but `goroutine-growth`, rated first, then by goroutines.
  public var entries: [Entry]

  public init(
    dump: GoroutineDump, path: String, thresholds: Thresholds = Thresholds(),
    sources: SourceResolver? = nil
  ) {
    self.path = path
    self.thresholds = thresholds
    goroutines = dump.total
    entries = WaitEvidence.index(dump, path: path, sources: sources).compactMap { key, evidence in
      let proof = dump.isLeakCheck ? RuntimeProof(leaked: Int64(evidence.leaked), path: path) : nil
      guard key.pattern != .goroutineGrowth || proof?.isProven == true else { return nil }
      let blocked = evidence.severity(
        pattern: key.pattern, thresholds: thresholds, minBlockedMinutes: thresholds.minBlockedMinutes)
      return Entry(
        severity: [blocked, proof?.severity].compactMap { $0 }.max(),
        pattern: key.pattern, responsible: key.responsible, attributionNote: evidence.note,
        evidence: evidence, proof: proof)
    }
    entries.sort { left, right in
      if left.severity != right.severity {
        return Self.rank(left.severity) > Self.rank(right.severity)
      }
      if left.evidence.goroutines != right.evidence.goroutines {
        return left.evidence.goroutines > right.evidence.goroutines
      }
      let none = Frame(function: "", file: "", line: 0)
      return (left.pattern.rawValue, left.responsible ?? none)
        < (right.pattern.rawValue, right.responsible ?? none)
    }
  }

  private static func rank(_ severity: Severity?) -> Int {
    switch severity {
    case .leak: 3
    case .suspect: 2
    case .info: 1
    case nil: 0
    }
  }

  /// The severities of the rated entries.
  public var severities: [Severity] { entries.compactMap(\.severity) }
}
