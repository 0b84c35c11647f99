public import PprofProfile

extension FindingDetector {
  /// The findings of every series, most severe first, then by score; a heap group whose
  /// responsible function matches a goroutine finding's is folded into it as its companion,
  /// and the finding takes the more severe of the two ratings. A `goroutineleak` series (the
  /// runtime's leak checks) proves goroutine findings by key; proved goroutines that no
  /// goroutine series shows are findings of their own, so no goroutine is counted twice.
  public func findings(in series: [TrendSeries], table: StackTable) -> [Finding] {
    let leakSeries = series.first { $0.kind == .goroutineleak }
    let leakGroups = leakSeries.map { groups(of: $0, table: table) }
    let proofs = leakSeries.flatMap { leak in
      leakGroups.map { ProofIndex($0, path: leak.snapshots.last?.path ?? "") }
    }
    var byKind: [ProfileKind: [Finding]] = [:]
    var proved = Set<FindingKey>()
    for one in series
    where one.kind != .goroutineleak && Self.examines(kind: one.kind, sampleType: one.sampleType) {
      byKind[one.kind] = findings(in: one, table: table, proofs: one.kind == .goroutine ? proofs : nil, proved: &proved)
    }
    var goroutine = byKind[.goroutine] ?? []
    var heap = byKind[.heap] ?? []
    if let leakSeries, let leakGroups, let proofs {
      for group in leakGroups.groups {
        let key = leakGroups.findingKey(of: group)
        guard !proved.contains(key), (group.values.last ?? 0) > 0 else { continue }
        var finding = leakGroups.finding(
          group, kind: leakSeries.kind, sampleType: leakSeries.sampleType, sampleUnit: leakSeries.sampleUnit)
        finding.proof = proofs.proof(key)
        finding.severity = .leak
        finding.trend = trend(group.values, series: leakSeries)
        goroutine.append(finding)
      }
    }
    // Every heap group allocated in a function whose goroutines grow becomes that goroutine
    // finding's companion: one finding, both pieces of evidence.
    let hours = series.first { $0.kind == .heap }?.hours ?? []
    for index in goroutine.indices {
      guard let function = goroutine[index].responsible?.function,
        let trendGrowth = goroutine[index].trend?.trendGrowth, trendGrowth > 0
      else { continue }
      let grows = { (finding: Finding) in
        finding.responsible?.function == function && (finding.trend?.trendGrowth ?? 0) > 0
      }
      let matches = heap.filter(grows)
      guard let companion = Self.companion(of: matches, hours: hours, perGrowth: trendGrowth) else { continue }
      heap.removeAll(where: grows)
      goroutine[index].companion = companion
      goroutine[index].severity = max(goroutine[index].severity, matches.map(\.severity).max() ?? .info)
    }
    Self.attributeUnclosedBodies(&goroutine, heap: &heap, hours: hours)
    Self.foldGoroutineMemory(into: &goroutine, heap: &heap, hours: hours)
    var all = goroutine + heap
    all.sort(by: Self.seriesOrder)
    return all
  }

  /// The findings of one series, most severe first, then by score.
  public func findings(in series: TrendSeries, table: StackTable) -> [Finding] {
    var proved = Set<FindingKey>()
    return findings(in: series, table: table, proofs: nil, proved: &proved)
  }

  /// The findings of one series; `proofs` are the runtime's leak checks of a `goroutineleak`
  /// series, else those of the series' traceback when it marks goroutines `(leaked)`. The keys
  /// of proved findings are added to `proved`.
  func findings(
    in series: TrendSeries, table: StackTable, proofs: ProofIndex?, proved: inout Set<FindingKey>
  ) -> [Finding] {
    let isGoroutine = series.kind.countsGoroutines
    let groups = groups(of: series, table: table)
    let evidence =
      isGoroutine
      ? series.evidenceDump.map { WaitEvidence.index($0.dump, path: $0.path, sources: sources) } ?? [:] : [:]
    var proofs = proofs
    if proofs == nil, isGoroutine, let dump = series.evidenceDump, dump.dump.isLeakCheck {
      proofs = ProofIndex(evidence: evidence, path: dump.path)
    }
    var findings: [Finding] = []
    for group in groups.groups {
      var finding = groups.finding(group, kind: series.kind, sampleType: series.sampleType, sampleUnit: series.sampleUnit)
      finding.evidence = groups.evidence(of: group, in: evidence)
      if let proofs {
        let key = groups.findingKey(of: group)
        finding.proof = proofs.proof(key)
        if finding.proof?.isProven == true { proved.insert(key) }
      }
      let blocked = finding.evidence?.severity(
        pattern: group.key.pattern, thresholds: thresholds, minBlockedMinutes: minBlockedMinutes(series))
      // A group no rule can rate is no finding: the series rule needs a significant rise, and
      // the Mann–Kendall test is cheap next to the slopes of a long series.
      guard blocked != nil || finding.proof?.isProven == true
        || GrowthStatistics.risesSignificantly(group.values, pValue: thresholds.reportPValue)
      else { continue }
      let trend = trend(group.values, series: series)
      let rated = seriesSeverity(trend.statistics, trendGrowth: trend.trendGrowth, isGoroutine: isGoroutine)
      guard let severity = [rated, blocked, finding.proof?.severity].compactMap({ $0 }).max() else { continue }
      finding.severity = severity
      finding.trend = trend
      findings.append(finding)
    }
    findings.sort(by: Self.seriesOrder)
    return findings
  }

  /// The stacks of `series` grouped into would-be findings.
  private func groups(of series: TrendSeries, table: StackTable) -> StackGroups {
    let rows = series.values.sorted { $0.key < $1.key }
    return StackGroups(
      count: rows.count, steps: rows.first?.value.count ?? 0, stack: { rows[$0].key },
      value: { row, step in rows[row].value[step] }, table: table,
      isGoroutine: series.kind.countsGoroutines, sources: sources)
  }

  /// What `series` says of a group's `values`: statistics, growth over the series, score.
  private func trend(_ values: [Int64], series: TrendSeries) -> Finding.Trend {
    let statistics = GrowthStatistics(values: values, hours: series.hours)
    let span = (series.hours.last ?? 0) - (series.hours.first ?? 0)
    return Finding.Trend(
      statistics: statistics, trendGrowth: statistics.slopePerHour * span,
      score: statistics.z * statistics.nonDecreasingShare * (statistics.hasPlateaued ? 0.25 : 1))
  }

  /// The series rule (also in the man page, TREND STATISTICS):
  /// - `leak`: Mann–Kendall p ≤ `leakPValue` (0.01), at least `minNonDecreasingShare` (60%) of
  ///   steps not going down, no plateau at the end, and a Theil–Sen growth over the series of
  ///   at least the size threshold (`--min-goroutines`, `--min-heap`). Any pattern can be a
  ///   leak here, unknown growth too: the series, not a signature, is the evidence.
  /// - `suspect`: p ≤ `reportPValue` (0.05) and the size threshold passed, but not all of the
  ///   rest (a plateau: a cache or pool that filled; a rise with many falls).
  /// - `info`: p ≤ `reportPValue` with growth under the size threshold.
  /// - nil for anything else (flat, sawtooth, falling).
  func seriesSeverity(_ statistics: GrowthStatistics, trendGrowth: Double, isGoroutine: Bool) -> Severity? {
    guard statistics.pValue <= thresholds.reportPValue, statistics.slopePerHour > 0 else { return nil }
    let size = Double(isGoroutine ? thresholds.minGoroutines : thresholds.minHeapBytes)
    let passes = trendGrowth >= size
    if passes, statistics.pValue <= thresholds.leakPValue, !statistics.hasPlateaued,
      statistics.nonDecreasingShare >= thresholds.minNonDecreasingShare
    {
      return .leak
    }
    return passes ? .suspect : .info
  }

  /// The blocked rule's minutes for a series: `minBlockedMinutes`, or the series' span when
  /// that is shorter, since goroutines blocked for longer than the series spans were already
  /// stuck at its first snapshot and never moved.
  func minBlockedMinutes(_ series: TrendSeries) -> Int {
    let configured = thresholds.minBlockedMinutes
    guard series.hasRealTimes, let last = series.hours.last, last > 0 else { return configured }
    return min(configured, max(1, Int((last * 60).rounded(.up))))
  }

  /// Most severe first, then by score, then trend growth, then a total order on what the
  /// finding is, so output never changes between runs.
  static func seriesOrder(_ left: Finding, _ right: Finding) -> Bool {
    if left.severity != right.severity { return left.severity > right.severity }
    // The runtime's proof is the strongest evidence there is.
    let (leftProved, rightProved) = (left.proof?.isProven == true, right.proof?.isProven == true)
    if leftProved != rightProved { return leftProved }
    let (leftScore, rightScore) = (left.trend?.score ?? 0, right.trend?.score ?? 0)
    if leftScore != rightScore { return leftScore > rightScore }
    let (leftGrowth, rightGrowth) = (left.trend?.trendGrowth ?? 0, right.trend?.trendGrowth ?? 0)
    if leftGrowth != rightGrowth { return leftGrowth > rightGrowth }
    return tieBreak(left) < tieBreak(right)
  }

  static func tieBreak(_ finding: Finding) -> String {
    let frame = finding.responsible ?? finding.stack.first
    return "\(finding.profileKind)|\(finding.pattern.rawValue)|\(frame?.function ?? "")|"
      + "\(frame?.file ?? "")|\(frame?.line ?? 0)|\(finding.stack.count)"
  }
}
