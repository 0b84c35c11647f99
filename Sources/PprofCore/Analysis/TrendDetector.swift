public import PprofProfile

/// Ranks the stacks of each series by monotonic growth and rates them.
///
/// Rules (also in the man page, TREND STATISTICS):
/// - Only goroutine series and heap inuse_space series are examined.
/// - Stacks are grouped by pattern and responsible frame, as in `diff`; a group's series is the
///   sum of its stacks' series.
/// - `leak`: Mann–Kendall p ≤ `leakPValue` (0.01), at least `minNonDecreasingShare` (60%) of
///   steps not going down, no plateau at the end, and a Theil–Sen growth over the series of at
///   least the size threshold (`--min-goroutines`, `--min-heap`). Any pattern can be a leak here,
///   unknown growth too: the series, not a signature, is the evidence.
/// - `suspect`: p ≤ `reportPValue` (0.05) and the size threshold passed, but not all of the rest
///   (a plateau: a cache or pool that filled; a rise with many falls).
/// - `info`: p ≤ `reportPValue` with growth under the size threshold.
/// - Anything else (flat, sawtooth, falling) is not reported.
public struct TrendDetector: Sendable {
  public var thresholds: TrendThresholds
  /// Where Go source is read from to classify debug=1 stacks; nil: never read source.
  public var sources: SourceResolver?

  public init(thresholds: TrendThresholds = TrendThresholds(), sources: SourceResolver? = nil) {
    self.thresholds = thresholds
    self.sources = sources
  }

  public static func examines(_ series: TrendSeries) -> Bool {
    series.kind == "goroutine" || (series.kind == "heap" && series.sampleType == "inuse_space")
  }

  /// Findings of every series, most severe first, then by score; a heap group whose
  /// responsible function matches a goroutine finding's is folded into it as its companion,
  /// and the finding takes the more severe of the two ratings.
  public func findings(in series: [TrendSeries], table: StackTable) -> [TrendFinding] {
    var byKind: [String: [TrendFinding]] = [:]
    for one in series where Self.examines(one) {
      byKind[one.kind] = findings(in: one, table: table)
    }
    var goroutine = byKind["goroutine"] ?? []
    var heap = byKind["heap"] ?? []
    // Every heap group allocated in a function whose goroutines grow becomes that goroutine
    // finding's companion: one finding, both pieces of evidence.
    let hours = series.first { $0.kind == "heap" }?.hours ?? []
    for index in goroutine.indices {
      guard let function = goroutine[index].responsible?.function,
        goroutine[index].trendGrowth > 0
      else { continue }
      let matches = heap.filter { $0.responsible?.function == function && $0.trendGrowth > 0 }
      guard let first = matches.first, hours.count == first.values.count else { continue }
      heap.removeAll { $0.responsible?.function == function && $0.trendGrowth > 0 }
      var values = first.values
      for match in matches.dropFirst() {
        for step in values.indices { values[step] &+= match.values[step] }
      }
      let statistics = GrowthStatistics(values: values, hours: hours)
      let span = (hours.last ?? 0) - (hours.first ?? 0)
      goroutine[index].companion = TrendFinding.Companion(
        kind: first.profileKind, sampleType: first.sampleType, sampleUnit: first.sampleUnit,
        values: values, statistics: statistics,
        perUnit: statistics.slopePerHour * span / goroutine[index].trendGrowth)
      goroutine[index].severity = max(
        goroutine[index].severity, matches.map(\.severity).max() ?? .info)
    }
    var all = goroutine + heap
    all.sort { left, right in
      if left.severity != right.severity { return left.severity > right.severity }
      if left.score != right.score { return left.score > right.score }
      if left.trendGrowth != right.trendGrowth { return left.trendGrowth > right.trendGrowth }
      return Self.tieBreak(left) < Self.tieBreak(right)
    }
    return all
  }

  /// Findings of one series.
  public func findings(in series: TrendSeries, table: StackTable) -> [TrendFinding] {
    let isGoroutine = series.kind == "goroutine"
    struct Group {
      var key: StackClassifier.GroupKey
      var note: String?
      var values: [Int64]
      var stack: StackTable.StackID
      var stackGrowth: Int64
      var stackCount: Int
    }
    // Stacks are grouped by integer keys; frames are resolved once per group.
    let classifier = StackClassifier(frames: table.frames, isGoroutine: isGoroutine, sources: sources)
    var groupIndex: [StackClassifier.GroupKey: Int] = [:]
    var groups: [Group] = []
    for (stack, values) in series.values.sorted(by: { $0.key < $1.key }) {
      let ids = table.frameIDs(of: stack)
      let key = classifier.key(ids)
      let growth = (values.last ?? 0) &- (values.first ?? 0)
      if let index = groupIndex[key] {
        for position in values.indices { groups[index].values[position] &+= values[position] }
        groups[index].stackCount += 1
        if growth > groups[index].stackGrowth {
          groups[index].stackGrowth = growth
          groups[index].stack = stack
        }
      } else {
        groupIndex[key] = groups.count
        groups.append(
          Group(
            key: key, note: classifier.classify(ids).note, values: values, stack: stack,
            stackGrowth: growth, stackCount: 1))
      }
    }
    let sizeThreshold: Double =
      isGoroutine ? Double(thresholds.sizes.minGoroutines) : Double(thresholds.sizes.minHeapBytes)
    let span = (series.hours.last ?? 0) - (series.hours.first ?? 0)
    let evidence =
      isGoroutine
      ? series.evidenceDump.map { WaitEvidence.index($0.dump, path: $0.path, sources: sources) }
        ?? [:] : [:]
    var findings: [TrendFinding] = []
    for group in groups {
      let key = evidence.isEmpty
        ? nil : classifier.findingKey(group.key, stack: table.frameIDs(of: group.stack))
      let responsible = group.key.responsible < 0 ? nil : table.frames[Int(group.key.responsible)]
      let statistics = GrowthStatistics(values: group.values, hours: series.hours)
      let trendGrowth = statistics.slopePerHour * span
      var severity: Severity?
      if statistics.pValue <= thresholds.reportPValue, statistics.slopePerHour > 0 {
        let passes = trendGrowth >= sizeThreshold
        if passes, statistics.pValue <= thresholds.leakPValue, !statistics.hasPlateaued,
          statistics.nonDecreasingShare >= thresholds.minNonDecreasingShare
        {
          severity = .leak
        } else {
          severity = passes ? .suspect : .info
        }
      }
      let blocked = key.flatMap { evidence[$0] }?.severity(
        pattern: group.key.pattern, thresholds: thresholds.sizes,
        minBlockedMinutes: minBlockedMinutes(series))
      guard let severity = [severity, blocked].compactMap({ $0 }).max() else { continue }
      let score =
        statistics.z * statistics.nonDecreasingShare * (statistics.hasPlateaued ? 0.25 : 1)
      findings.append(
        TrendFinding(
          severity: severity, pattern: group.key.pattern, profileKind: series.kind,
          sampleType: series.sampleType, sampleUnit: series.sampleUnit,
          responsible: responsible, attributionNote: group.note,
          stack: table.resolve(group.stack), stackCount: group.stackCount, values: group.values,
          statistics: statistics, trendGrowth: trendGrowth, score: score, companion: nil,
          evidence: key.flatMap { evidence[$0] }))
    }
    findings.sort { left, right in
      if left.severity != right.severity { return left.severity > right.severity }
      if left.score != right.score { return left.score > right.score }
      return Self.tieBreak(left) < Self.tieBreak(right)
    }
    return findings
  }

  /// The blocked rule's minutes for a series: `minBlockedMinutes`, or the series' span when
  /// that is shorter, since goroutines blocked for longer than the series spans were already
  /// stuck at its first snapshot and never moved.
  func minBlockedMinutes(_ series: TrendSeries) -> Int {
    let configured = thresholds.sizes.minBlockedMinutes
    guard series.hasRealTimes, let last = series.hours.last, last > 0 else { return configured }
    return min(configured, max(1, Int((last * 60).rounded(.up))))
  }

  /// A total order for findings that score the same, so output never changes between runs.
  static func tieBreak(_ finding: TrendFinding) -> String {
    let frame = finding.responsible ?? finding.stack.first
    return "\(finding.profileKind)|\(finding.pattern.rawValue)|\(frame?.function ?? "")|"
      + "\(frame?.file ?? "")|\(frame?.line ?? 0)|\(finding.stack.count)"
  }
}
