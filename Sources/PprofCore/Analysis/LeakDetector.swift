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

    var groups: [FindingKey: LeakFinding] = [:]
    var order: [FindingKey] = []
    var bestDelta: [FindingKey: Int64] = [:]
    for entry in diff.entries {
      let frames = diff.frames(of: entry)
      let (key, note) = FindingKey.classify(frames, isGoroutine: isGoroutine, sources: sources)
      let (pattern, responsible) = (key.pattern, key.responsible)
      if var group = groups[key] {
        group.base &+= entry.base
        group.new &+= entry.new
        group.stackCount += 1
        if entry.delta > bestDelta[key, default: .min] {
          bestDelta[key] = entry.delta
          group.stack = frames
        }
        groups[key] = group
      } else {
        order.append(key)
        bestDelta[key] = entry.delta
        groups[key] = LeakFinding(
          severity: .info, pattern: pattern, profileKind: diff.kind,
          sampleType: diff.sampleType, sampleUnit: diff.sampleUnit, responsible: responsible,
          attributionNote: note, stack: frames, stackCount: 1, base: entry.base, new: entry.new)
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
    for key in order {
      guard var finding = groups[key], finding.delta > 0 else { continue }
      finding.evidence = evidence[key]
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
    let responsible = frames.first { !LeakSignatures.isStandardLibrary($0.function) }
    if frames.contains(where: { LeakSignatures.httpClientConnection.contains($0.function) }) {
      return (.unclosedHTTPBody, responsible, responsible == nil ? httpNote : nil)
    }
    for frame in frames {
      if let reason = LeakSignatures.waitReason(of: frame) {
        if let pattern = LeakSignatures.pattern(forWaitReason: reason) {
          return (pattern, responsible, nil)
        }
        continue
      }
      if !LeakSignatures.isStandardLibrary(frame.function) { break }
      for (pattern, functions) in LeakSignatures.blocking
      where functions.contains(frame.function) {
        return (pattern, responsible, nil)
      }
    }
    if let leaf = frames.first, let responsible, leaf == responsible {
      return recoverFromSource(responsible, sources: sources)
    }
    let note =
      responsible == nil
      ? "these goroutines run only runtime and standard library code, started in "
        + "\(frames.last?.function ?? "an unknown function"): look for what starts them"
      : nil
    return (.goroutineGrowth, responsible, note)
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

  /// What groups stacks that hold no frame of the user's code: a goroutine's entry function
  /// (the root-most frame), or a heap allocation's leaf.
  static func anchor(_ frames: [Frame], isGoroutine: Bool) -> String {
    (isGoroutine ? frames.last : frames.first)?.function ?? ""
  }

  /// The pattern of a heap allocation stack (leaf first) and its responsible frame.
  static func classifyHeap(_ frames: [Frame]) -> (LeakPattern, Frame?, String?) {
    if let timer = frames.firstIndex(where: {
      LeakSignatures.timerConstructors.contains($0.function)
    }) {
      // The caller of the time function: skip the rest of package time, then any standard
      // library frames, to the first frame the user wrote.
      var index = timer
      while index < frames.count, LeakSignatures.packagePath(of: frames[index].function) == "time" {
        index += 1
      }
      let caller = frames[index...].first { !LeakSignatures.isStandardLibrary($0.function) }
      return (.unstoppedTimer, caller, nil)
    }
    let responsible = frames.first { !LeakSignatures.isStandardLibrary($0.function) }
    if frames.contains(where: {
      LeakSignatures.httpClientConnectionAllocation.contains($0.function)
    }) {
      return (.unclosedHTTPBody, responsible, responsible == nil ? httpNote : nil)
    }
    return (.heapGrowth, responsible, nil)
  }

  /// Where to look when an HTTP connection's stacks hold no frame of the code that made the
  /// requests (the transport dials and runs each connection in goroutines of its own).
  static let httpNote =
    "these stacks belong to the HTTP client's connections, not to the code that made the "
    + "requests: look for http.Get/Post/Do calls whose resp.Body is not closed"

}
