public import PprofProfile
public import PprofGoroutine

/// Recognises leak patterns in the stacks that grew between two profiles and rates them.
///
/// Rules (also in the man page):
/// - Only goroutine profiles and the `inuse_*` types of heap profiles are examined: other
///   types (alloc_*, CPU, block, mutex) count events, and their growth is not a leak.
/// - Stacks are grouped by pattern and responsible frame; a group's growth is the sum of its
///   stacks' growth. Groups that did not grow are not reported.
/// - A group *passes the thresholds* when it gained at least `minGoroutines` goroutines (or
///   `minHeapBytes` / `minHeapObjects`) and the gain is at least `minGrowthFraction` of its new
///   value.
/// - `leak`: a known pattern (blocked send/receive/select, sync wait, unclosed HTTP body,
///   unstopped timer) that passes the thresholds.
/// - `suspect`: a known pattern below the thresholds (at least 2 goroutines, or a sixteenth
///   of the heap threshold), or growth with no known pattern that passes them: two snapshots
///   cannot tell a leak from a cache warming up or a pool filling, so only `trend` calls those
///   leaks.
/// - `info`: any other growth of a known pattern, and unknown growth of at least 2 goroutines
///   or a sixteenth of the heap threshold.
public struct LeakDetector: Sendable {
  public var thresholds: LeakThresholds
  /// Where Go source is read from to classify debug=1 stacks; nil: never read source.
  public var sources: SourceResolver?

  public init(thresholds: LeakThresholds = LeakThresholds(), sources: SourceResolver? = nil) {
    self.thresholds = thresholds
    self.sources = sources
  }

  /// True when `findings` can come from this sample type.
  public static func examines(kind: String, sampleType: String) -> Bool {
    kind == "goroutine" || sampleType == "inuse_space" || sampleType == "inuse_objects"
  }

  /// The findings of `diff`, most severe first, then by growth. `newDump` is NEW's goroutine
  /// traceback, when NEW is one: its evidence is attached to the findings it explains, and a
  /// finding whose goroutines have waited long enough is rated by the blocked rule too.
  public func findings(in diff: ProfileDiff, newDump: GoroutineDump? = nil, newPath: String = "")
    -> [LeakFinding]
  {
    guard Self.examines(kind: diff.kind, sampleType: diff.sampleType) else { return [] }
    let isGoroutine = diff.kind == "goroutine"

    // Stacks are grouped by integer keys; frames are resolved once per group.
    let classifier = StackClassifier(
      frames: diff.table.frames, isGoroutine: isGoroutine, sources: sources)
    struct Group {
      var key: StackClassifier.GroupKey
      var note: String?
      var base: Int64
      var new: Int64
      var stack: StackTable.StackID
      var bestDelta: Int64
      var stackCount: Int
    }
    var groupIndex: [StackClassifier.GroupKey: Int] = [:]
    var groups: [Group] = []
    for entry in diff.entries {
      let ids = diff.table.frameIDs(of: entry.stack)
      let key = classifier.key(ids)
      if let index = groupIndex[key] {
        groups[index].base &+= entry.base
        groups[index].new &+= entry.new
        groups[index].stackCount += 1
        if entry.delta > groups[index].bestDelta {
          groups[index].bestDelta = entry.delta
          groups[index].stack = entry.stack
        }
      } else {
        groupIndex[key] = groups.count
        groups.append(
          Group(
            key: key, note: classifier.classify(ids).note, base: entry.base, new: entry.new,
            stack: entry.stack, bestDelta: entry.delta, stackCount: 1))
      }
    }

    let threshold: Int64 =
      isGoroutine
      ? thresholds.minGoroutines
      : diff.sampleType == "inuse_objects" ? thresholds.minHeapObjects : thresholds.minHeapBytes
    let weak: Int64 = isGoroutine ? 2 : max(threshold / 16, 1)

    let evidence =
      isGoroutine
      ? newDump.map { WaitEvidence.index($0, path: newPath, sources: sources) } ?? [:] : [:]
    var findings: [LeakFinding] = []
    for group in groups where group.new &- group.base > 0 {
      var finding = LeakFinding(
        severity: .info, pattern: group.key.pattern, profileKind: diff.kind,
        sampleType: diff.sampleType, sampleUnit: diff.sampleUnit,
        responsible: group.key.responsible < 0 ? nil : diff.table.frames[Int(group.key.responsible)],
        attributionNote: group.note, stack: diff.table.resolve(group.stack),
        stackCount: group.stackCount, base: group.base, new: group.new)
      if !evidence.isEmpty {
        let key = classifier.findingKey(group.key, stack: diff.table.frameIDs(of: group.stack))
        finding.evidence = evidence[key]
      }
      let passes =
        finding.delta >= threshold
        && Double(finding.delta) >= thresholds.minGrowthFraction * Double(max(finding.new, 1))
      let isKnown = finding.pattern != .goroutineGrowth && finding.pattern != .heapGrowth
      let grown: Severity?
      switch (isKnown, passes) {
      case (true, true): grown = .leak
      case (true, false): grown = finding.delta >= weak ? .suspect : .info
      case (false, true): grown = .suspect
      case (false, false): grown = finding.delta >= weak ? .info : nil
      }
      let blocked = finding.evidence?.severity(
        pattern: finding.pattern, thresholds: thresholds,
        minBlockedMinutes: thresholds.minBlockedMinutes)
      guard let severity = [grown, blocked].compactMap({ $0 }).max() else { continue }
      finding.severity = severity
      findings.append(finding)
    }
    findings.sort { left, right in
      if left.severity != right.severity { return left.severity > right.severity }
      if left.delta != right.delta { return left.delta > right.delta }
      return (left.responsible?.function ?? "") < (right.responsible?.function ?? "")
    }
    return findings
  }

  /// The pattern of a goroutine stack (leaf first) and its responsible frame: from the
  /// runtime frames of binary profiles, the wait-reason pseudo-frame of tracebacks, or, for
  /// debug=1 dumps (which hide both), the statement on the leaf's source line.
  static func classifyGoroutine(_ frames: [Frame], sources: SourceResolver? = nil)
    -> (LeakPattern, Frame?, String?)
  {
    let classifier = StackClassifier(frames: frames, isGoroutine: true, sources: sources)
    let (pattern, responsible, note) = classifier.classify(Int32(0)..<Int32(frames.count))
    return (pattern, responsible.map { frames[Int($0)] }, note)
  }

  /// A stack whose leaf is the user's own code: a debug=1 dump, which hides the runtime frames
  /// (chansend, selectgo, …) that say what the goroutine waits on. The line it waits on says.
  static func recoverFromSource(_ leaf: Frame, sources: SourceResolver?)
    -> (LeakPattern, Frame?, String?)
  {
    let place = "\(leaf.file.split(separator: "/").last.map(String.init) ?? leaf.file):\(leaf.line)"
    let hidden = "debug=1 dumps hide the runtime frames that say what a goroutine waits on"
    guard let text = sources?.line(leaf.line, of: leaf.file) else {
      return (
        .goroutineGrowth, leaf,
        "\(hidden), and \(place) could not be read to tell: give --source-root DIR (the "
          + "checkout the binary was built from), or capture ?debug=2"
      )
    }
    let statement = SourceStatement.code(of: text)
    guard let pattern = SourceStatement.pattern(of: text) else {
      return (
        .goroutineGrowth, leaf,
        "\(hidden), and the source line \(place) (`\(statement)`) is not a channel operation, "
          + "select, lock or wait"
      )
    }
    return (pattern, leaf, "pattern read from the source line \(place): `\(statement)` (\(hidden))")
  }

  /// The pattern of a heap allocation stack (leaf first) and its responsible frame.
  static func classifyHeap(_ frames: [Frame]) -> (LeakPattern, Frame?, String?) {
    let classifier = StackClassifier(frames: frames, isGoroutine: false, sources: nil)
    let (pattern, responsible, note) = classifier.classify(Int32(0)..<Int32(frames.count))
    return (pattern, responsible.map { frames[Int($0)] }, note)
  }

  /// Where to look when an HTTP connection's stacks hold no frame of the code that made the
  /// requests (the transport dials and runs each connection in goroutines of its own).
  static let httpNote =
    "these stacks belong to the HTTP client's connections, not to the code that made the "
    + "requests: look for http.Get/Post/Do calls whose resp.Body is not closed"

}
