public import PprofProfile
public import PprofGoroutine

/// Groups the stacks that grew into findings and rates them: one grouping (`StackGroups`) and
/// one rule per kind of evidence, for two snapshots and for a series alike. A finding takes the
/// most severe rating its evidence gives.
///
/// Rules (also in the man page):
/// - Only goroutine profiles and the `inuse_*` types of heap profiles are examined: other types
///   (alloc_*, CPU, block, mutex) count events, and their growth is not a leak.
/// - Stacks are grouped by pattern and responsible frame; a group's values are the sums of its
///   stacks'. Groups that did not grow are not reported.
/// - The **size rule** (two snapshots): a group *passes* when it gained at least
///   `minGoroutines` goroutines (or `minHeapBytes` / `minHeapObjects`) and the gain is at least
///   `minGrowthFraction` of its new value. `leak`: a known pattern (blocked send, sync wait on
///   a lock or WaitGroup, unclosed HTTP body, unstopped timer) that passes; goroutines waiting
///   where idle workers also wait (a receive, a select, `sync.Cond.Wait`) that pass are a
///   suspect, and a leak only with other evidence: at least `minGoroutines` of them waiting
///   `minBlockedMinutes` in NEW's traceback, a wait nothing can end, or the runtime's proof. `suspect`: a known pattern
///   below the thresholds (at least 2 goroutines, or a sixteenth of the heap threshold), or
///   growth with no known pattern that passes: two snapshots cannot tell a leak from a cache
///   warming up or a pool filling. `info`: any other growth of a known pattern, and unknown
///   growth of at least 2 goroutines or a sixteenth of the heap threshold.
/// - The **series rule** (`seriesSeverity`), for a series.
/// - The **blocked rule** (`WaitEvidence.severity`), where a goroutine traceback says how long
///   the goroutines have waited.
/// - The **proof rule** (`RuntimeProof.severity`): goroutines the Go runtime proved leaked are
///   a leak, at any count and age, grown or not.
public struct FindingDetector: Sendable {
  public var thresholds: Thresholds
  /// Where Go source is read from to classify debug=1 stacks; nil: never read source.
  public var sources: SourceResolver?

  public init(thresholds: Thresholds = Thresholds(), sources: SourceResolver? = nil) {
    self.thresholds = thresholds
    self.sources = sources
  }

  /// The note of a heap finding that only the runtime's goroutine bookkeeping explains.
  static let bookkeepingNote =
    "the runtime's descriptors and stacks of new goroutines (runtime.malg under runtime.newproc1): "
    + "they grow with the goroutines, whose leak is the one to fix"

  /// Marks a heap finding of the runtime's goroutine bookkeeping alone with its note.
  static func noteBookkeeping(_ finding: inout Finding) {
    guard finding.responsible == nil, LeakSignatures.isGoroutineBookkeeping(finding.stack) else { return }
    finding.attributionNote = bookkeepingNote
  }

  /// True when findings can come from this profile kind and sample type.
  public static func examines(kind: ProfileKind, sampleType: String) -> Bool {
    kind.countsGoroutines || sampleType == "inuse_space" || sampleType == "inuse_objects"
  }

  /// The findings of two snapshots, most severe first, then by growth. `newDump` is NEW's
  /// goroutine traceback, when NEW is one: its evidence is attached to the findings it
  /// explains, and the blocked rule rates them too. When NEW is a leak check of the runtime (a
  /// `goroutineleak` profile, a traceback with `(leaked)` goroutines), every goroutine group
  /// gets its proof, and the proved ones are findings even if they did not grow.
  public func findings(in diff: ProfileDiff, newDump: GoroutineDump? = nil, newPath: String = "")
    -> [Finding]
  {
    guard Self.examines(kind: diff.kind, sampleType: diff.sampleType) else { return [] }
    let isGoroutine = diff.kind.countsGoroutines
    let entries = diff.entries
    let groups = StackGroups(
      count: entries.count, steps: 2, stack: { entries[$0].stack },
      value: { row, step in step == 0 ? entries[row].base : entries[row].new }, table: diff.table,
      isGoroutine: isGoroutine, sources: sources)
    let evidence = isGoroutine ? newDump.map { WaitEvidence.index($0, path: newPath, sources: sources) } ?? [:] : [:]
    let isLeakCheck = diff.kind == .goroutineleak || (isGoroutine && newDump?.isLeakCheck == true)
    var findings: [Finding] = []
    for group in groups.groups {
      var finding = groups.finding(group, kind: diff.kind, sampleType: diff.sampleType, sampleUnit: diff.sampleUnit)
      finding.evidence = groups.evidence(of: group, in: evidence)
      if isLeakCheck {
        let leaked = diff.kind == .goroutineleak ? finding.new : Int64(finding.evidence?.leaked ?? 0)
        finding.proof = RuntimeProof(leaked: leaked, path: newPath)
      }
      guard finding.growth > 0 || finding.proof?.isProven == true else { continue }
      if !isGoroutine { Self.noteBookkeeping(&finding) }
      let blocked = finding.evidence?.severity(
        pattern: finding.pattern, thresholds: thresholds, minBlockedMinutes: thresholds.minBlockedMinutes)
      var rated = [sizeSeverity(finding, isGoroutine: isGoroutine), blocked, finding.proof?.severity]
      // Growth and a long wait together: goroutines that wait where idle workers wait, grew past
      // the thresholds and have waited --min-blocked are a leak.
      if blocked == .suspect, passes(finding, isGoroutine: isGoroutine),
        LeakSignatures.waitsLikeIdleWorkers(finding)
      {
        rated.append(.leak)
      }
      guard let severity = rated.compactMap({ $0 }).max() else { continue }
      finding.severity = severity
      findings.append(finding)
    }
    findings.sort { left, right in
      if left.severity != right.severity { return left.severity > right.severity }
      let (leftProved, rightProved) = (left.proof?.isProven == true, right.proof?.isProven == true)
      if leftProved != rightProved { return leftProved }
      if left.growth != right.growth { return left.growth > right.growth }
      return (left.responsible?.function ?? "") < (right.responsible?.function ?? "")
    }
    return findings
  }

  /// True when a group's growth between two snapshots passes the size thresholds.
  func passes(_ finding: Finding, isGoroutine: Bool) -> Bool {
    let threshold = thresholds.minGrowth(isGoroutine: isGoroutine, sampleType: finding.sampleType)
    return finding.growth >= threshold
      && Double(finding.growth) >= thresholds.minGrowthFraction * Double(max(finding.new, 1))
  }

  /// The size rule: what a group's growth between two snapshots says, nil for too little.
  func sizeSeverity(_ finding: Finding, isGoroutine: Bool) -> Severity? {
    let threshold = thresholds.minGrowth(isGoroutine: isGoroutine, sampleType: finding.sampleType)
    let weak: Int64 = isGoroutine ? 2 : max(threshold / 16, 1)
    let passes = passes(finding, isGoroutine: isGoroutine)
    let isKnown = finding.pattern != .goroutineGrowth && finding.pattern != .heapGrowth
    switch (isKnown, passes) {
    case (true, true):
      return LeakSignatures.waitsLikeIdleWorkers(finding) ? .suspect : .leak
    case (true, false): return finding.growth >= weak ? .suspect : .info
    case (false, true): return .suspect
    case (false, false): return finding.growth >= weak ? .info : nil
    }
  }
}
