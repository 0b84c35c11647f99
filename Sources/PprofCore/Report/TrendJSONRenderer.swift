import PprofAnalysis

/// `pprof-leak trend --format json`: schema `pprof-leak/trend`, version 1, with the same
/// finding fields as `diff` where they mean the same, `values` holding one value per snapshot.
enum TrendJSONRenderer {

  /// The fields only a trend document has.
  struct Document: Encodable {
    var profiles: [ProfileEntry]
    var series: [SeriesEntry]
    var skipped: [SkippedEntry]
    var thresholds: ThresholdsEntry
  }

  struct ProfileEntry: Encodable {
    var path: String
    var profileType: String
    var timeNanos: Int64
  }

  struct SeriesEntry: Encodable {
    var profileType: String
    var sampleType: String
    var sampleUnit: String
    var snapshots: Int
    var spanHours: Double
    var realTimes: Bool
    var totals: [Int64]
    var examined: Bool
    var notes: [String]
    var projection: Projection?
  }

  struct Projection: Encodable {
    var limitBytes: Int64
    var slopePerHour: Double
    var hoursToLimit: Double?
  }

  struct SkippedEntry: Encodable {
    var path: String
    var reason: String
  }

  struct ThresholdsEntry: Encodable {
    var minGoroutines: Int64
    var minHeapBytes: Int64
    var leakPValue: Double
    var reportPValue: Double
    var minNonDecreasingShare: Double
  }

  struct Statistics: Encodable {
    var mannKendallS: Int
    var z: Double
    var pValue: Double
    var slopePerHour: Double
    var nonDecreasingShare: Double
    var growth: Int64
    var relativeGrowth: Double
    var plateau: Bool
    var trendGrowth: Double
    var score: Double
  }

  struct Companion: Encodable {
    var profileType: String
    var sampleType: String
    var unit: String
    var values: [Int64]
    var slopePerHour: Double
    var pValue: Double
    var perUnit: Double
  }

  /// A trend finding's own fields: its statistics (always there), companion and the heap of its
  /// goroutines' descriptors and stacks.
  struct SeriesFields: Encodable {
    var statistics: Statistics?
    var companion: Companion?
    var goroutineMemory: Companion?

    enum CodingKeys: String, CodingKey { case statistics, companion, goroutineMemory }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(statistics, forKey: .statistics)
      try container.encode(companion, forKey: .companion)
      try container.encode(goroutineMemory, forKey: .goroutineMemory)
    }
  }

  /// Finite numbers only: JSON has no NaN or infinity.
  static func finite(_ value: Double) -> Double { value.isFinite ? value : 0 }

  /// The report as a `pprof-leak/trend` document; `singleLine`: on one line (`watch` piped).
  static func render(_ report: TrendReport, failOn: Severity?, singleLine: Bool = false)
    throws -> String
  {
    let body = Document(
      profiles: report.series.flatMap { series in
        series.snapshots.map {
          ProfileEntry(path: $0.path, profileType: series.kind.name, timeNanos: $0.timeNanos)
        }
      },
      series: report.series.map { series in
        SeriesEntry(
          profileType: series.kind.name, sampleType: series.sampleType, sampleUnit: series.sampleUnit,
          snapshots: series.snapshots.count, spanHours: finite(series.spanHours),
          realTimes: series.hasRealTimes, totals: series.snapshots.map(\.total),
          examined: series.isExamined, notes: series.notes,
          projection: series.projection.map {
            Projection(
              limitBytes: $0.limitBytes, slopePerHour: finite($0.slopePerHour),
              hoursToLimit: $0.hoursToLimit.map(finite))
          })
      },
      skipped: report.skipped.map { SkippedEntry(path: $0.path, reason: $0.reason) },
      thresholds: ThresholdsEntry(
        minGoroutines: report.thresholds.minGoroutines,
        minHeapBytes: report.thresholds.minHeapBytes,
        leakPValue: report.thresholds.leakPValue, reportPValue: report.thresholds.reportPValue,
        minNonDecreasingShare: report.thresholds.minNonDecreasingShare))
    let verdict = VerdictJSON(
      report.findings, suppressed: report.suppressed, baselinePath: report.baselinePath,
      failOn: failOn, extra: seriesFields)
    return try JSONOutput.encode(
      Envelope(schema: "pprof-leak/trend", schemaVersion: JSONRenderer.schemaVersion, command: "trend", body: body, verdict: verdict),
      singleLine: singleLine)
  }

  /// A trend finding's statistics and companion, finite numbers only.
  static func seriesFields(_ finding: Finding) -> SeriesFields {
    SeriesFields(
      statistics: finding.trend.map { trend in
        let stats = trend.statistics
        return Statistics(
          mannKendallS: stats.mannKendallS, z: finite(stats.z), pValue: finite(stats.pValue),
          slopePerHour: finite(stats.slopePerHour),
          nonDecreasingShare: finite(stats.nonDecreasingShare), growth: stats.growth,
          relativeGrowth: finite(stats.relativeGrowth), plateau: stats.hasPlateaued,
          trendGrowth: finite(trend.trendGrowth), score: finite(trend.score))
      },
      companion: finding.companion.map(companion), goroutineMemory: finding.goroutineMemory.map(companion))
  }

  static func companion(_ companion: Finding.Companion) -> Companion {
    Companion(
      profileType: companion.kind.name, sampleType: companion.sampleType, unit: companion.sampleUnit,
      values: companion.values, slopePerHour: finite(companion.statistics.slopePerHour),
      pValue: finite(companion.statistics.pValue), perUnit: finite(companion.perUnit))
  }
}
