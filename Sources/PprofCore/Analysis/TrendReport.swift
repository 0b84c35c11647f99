public import PprofProfile

/// Everything `pprof-leak trend` reports: one summary per profile kind, ranked findings, and
/// the files that were skipped.
public struct TrendReport: Sendable {
  /// When the heap would reach a memory limit at its current in-use slope.
  public struct Projection: Equatable, Sendable {
    public var limitBytes: Int64
    /// Theil–Sen slope of the heap's total inuse_space, bytes per hour.
    public var slopePerHour: Double
    /// Hours from the last snapshot until the limit; nil when the heap is not growing, 0 when
    /// it is already over.
    public var hoursToLimit: Double?
  }

  public struct SeriesSummary: Equatable, Sendable {
    public var kind: ProfileKind
    public var sampleType: String
    public var sampleUnit: String
    public var snapshots: [TrendSeries.Snapshot]
    /// Hours from the first snapshot to the last (0 without real times).
    public var spanHours: Double
    public var hasRealTimes: Bool
    public var notes: [String]
    public var totalStatistics: GrowthStatistics
    public var projection: Projection?
    /// Whether findings are looked for in this kind.
    public var isExamined: Bool
    /// The form the series was read from.
    public var source: Snapshot.Source
  }

  /// A file that was read but is not a profile (or not a usable one).
  public struct Skipped: Equatable, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  public var series: [SeriesSummary]
  public var findings: [Finding]
  public var skipped: [Skipped]
  public var thresholds: Thresholds
  /// Per examined kind, every stack's first and last values, when asked for (`keepGrowth`).
  public var growths: [Growth] = []
  /// Findings a suppression rule hid (see `apply(_:)`).
  public var suppressed: [SuppressedFinding] = []
  /// The `--baseline` report the findings were matched against.
  public var baselinePath: String?

  /// Snapshots needed before a series can show a significant trend at the leak level.
  public static let minimumSnapshotsForLeak = 6

  public init(
    builder: TrendBuilder, order: TrendOrder = .time, thresholds: Thresholds = Thresholds(),
    memoryLimitBytes: Int64? = nil, skipped: [Skipped] = [], sources: SourceResolver? = nil,
    keepGrowth: Bool = false
  ) {
    let series = builder.series(order: order)
    if keepGrowth {
      growths = series.filter { FindingDetector.examines(kind: $0.kind, sampleType: $0.sampleType) }
        .map { one in
          Growth(
            kind: one.kind, sampleType: one.sampleType, sampleUnit: one.sampleUnit,
            label: "\(one.snapshots.first?.path ?? "") → \(one.snapshots.last?.path ?? "")",
            frames: builder.table.frames, waitReasons: builder.table.waitReasons,
            stacks: one.values.sorted { $0.key < $1.key }.map { stack, values in
              Growth.Stack(stack, in: builder.table, before: values.first ?? 0, after: values.last ?? 0)
            }, sources: sources, inlinedCalls: builder.table.inlinedCalls,
            timesNanos: (one.snapshots.first?.timeNanos ?? 0, one.snapshots.last?.timeNanos ?? 0),
            mainBinary: one.mainBinary)
        }
    }
    self.thresholds = thresholds
    self.skipped = skipped
    findings = FindingDetector(thresholds: thresholds, sources: sources).findings(in: series, table: builder.table)
    self.series = series.map { one in
      let statistics = GrowthStatistics(values: one.totals, hours: one.hours)
      var projection: Projection?
      if one.kind == .heap, one.sampleType == "inuse_space", let limit = memoryLimitBytes,
        one.hasRealTimes
      {
        let last = one.totals.last ?? 0
        let slope = statistics.slopePerHour
        let hours: Double? =
          last >= limit ? 0 : slope > 0 ? (Double(limit) - Double(last)) / slope : nil
        projection = Projection(limitBytes: limit, slopePerHour: slope, hoursToLimit: hours)
      }
      var notes = one.notes
      // The runtime's leak checks prove leaks from one snapshot: no trend needed.
      if one.snapshots.count < Self.minimumSnapshotsForLeak, one.kind != .goroutineleak,
        FindingDetector.examines(kind: one.kind, sampleType: one.sampleType)
      {
        notes.append(
          "only \(one.snapshots.count) snapshot\(one.snapshots.count == 1 ? "" : "s"): a trend needs at least "
            + "\(Self.minimumSnapshotsForLeak) to be called a leak (for two, diff compares them)"
            + (one.evidenceDump == nil
              ? "" : "; goroutines are also judged by how long the traceback shows them blocked"))
      }
      return SeriesSummary(
        kind: one.kind, sampleType: one.sampleType, sampleUnit: one.sampleUnit,
        snapshots: one.snapshots, spanHours: one.hasRealTimes ? (one.hours.last ?? 0) : 0,
        hasRealTimes: one.hasRealTimes, notes: notes, totalStatistics: statistics,
        projection: projection, isExamined: FindingDetector.examines(kind: one.kind, sampleType: one.sampleType), source: one.source)
    }
  }


  public func count(_ severity: Severity) -> Int {
    findings.filter { $0.severity == severity }.count
  }
}
