import Foundation
import PprofUnits
public import PprofAnalysis

/// `--format html`: one self-contained page (inline CSS, JavaScript and SVG; no network) with
/// the summary, a chart per kind's total and per finding (points over real time, the Theil–Sen
/// line, the memory limit and its projected crossing), and a diff flame graph per kind: width
/// is the size after, colour the growth (red) or shrink (blue), hover for exact numbers, click or
/// Enter to zoom, a search box. The data is embedded as JSON and drawn by the page's script.
public enum HTMLRenderer {
  struct Page: Encodable {
    var title: String
    var command: String
    var verdict: String
    var failed: Bool
    var scope: [String]
    var notes: [String]
    var charts: [Chart]
    var findings: [FindingEntry]
    var flames: [Flame]
    /// `Quantity.byteUnits`: the script scales sizes by the same table as the text report.
    var byteUnits: [ByteUnit] = Quantity.byteUnits.map { ByteUnit(name: $0.name, bytes: $0.bytes) }
  }

  struct ByteUnit: Encodable {
    var name: String
    var bytes: Int64
  }

  struct Chart: Encodable {
    var title: String
    var unit: String
    /// x: hours from the first snapshot, or the snapshot index without real times.
    var x: [Double]
    var xLabel: String
    var y: [Int64]
    var slope: Double
    var intercept: Double
    var limit: Int64?
    var crossing: Double?
  }

  struct FindingEntry: Encodable {
    var rank: Int
    var severity: String
    var pattern: String
    var headline: String
    var function: String?
    var location: String?
    var note: String?
    var summary: String
    var evidence: [String]
    var stack: [String]
    var advice: String
    var inBaseline: Bool
    var chart: Chart
  }

  struct Flame: Encodable {
    var kind: String
    /// The kind and sample type, for the heading.
    var measure: String
    var unit: String
    var label: String
    /// Per node: name, "file:line", after, delta, parent (-1 for the root).
    var names: [String]
    var places: [String]
    var after: [Int64]
    var delta: [Int64]
    var parent: [Int32]
    var pruned: Int
  }

  /// The page of a `diff` or `trend` report.
  public static func render(_ report: LeakReport, failOn: Severity?) throws -> String {
    switch report {
    case .diff(let report): try render(report, failOn: failOn)
    case .trend(let report): try render(report, failOn: failOn)
    }
  }

  static func render(
    _ report: DiffReport, failOn: Severity?, title: String = "pprof-leak diff"
  ) throws -> String {
    let failed = Severity.fails(report.findings, failOn: failOn)
    let times = [report.base.timeNanos, report.new.timeNanos]
    let hasRealTimes = !times.contains(0) && times[0] < times[1]
    var x = axis(timesNanos: times, hasRealTimes: hasRealTimes)
    if !hasRealTimes { x.label = "snapshot (base, new)" }
    let findings = report.findings.enumerated().map { index, finding in
      entry(
        finding, rank: index + 1,
        chart: chart(
          title: finding.pattern.rawValue, unit: finding.sampleUnit, x: x.x, xLabel: x.label,
          y: [finding.base, finding.new]))
    }
    var scope = [
      "base \(report.base.path): \(Quantity.plain(report.base.total, unit: report.sampleUnit)) \(report.sampleType)",
      "new \(report.new.path): \(Quantity.plain(report.new.total, unit: report.sampleUnit)) \(report.sampleType)",
    ]
    if hasRealTimes {
      let hours = (Double(times[1]) - Double(times[0])) / 3.6e12
      scope.append("new taken \(DurationText.format(hours: hours)) after base")
    }
    let page = Page(
      title: title, command: "diff", verdict: verdict(report.findings, suppressed: report.suppressed.count, failOn: failOn, failed: failed),
      failed: failed, scope: scope, notes: [], charts: [], findings: findings,
      flames: report.growth.map { [flame(FlameTree(growth: $0))] } ?? [])
    return try document(page)
  }

  static func render(
    _ report: TrendReport, failOn: Severity?, title: String = "pprof-leak trend"
  ) throws -> String {
    let failed = Severity.fails(report.findings, failOn: failOn)
    var hoursByKind: [String: (x: [Double], label: String, perHour: Double)] = [:]
    var charts: [Chart] = []
    var scope: [String] = []
    var notes: [String] = []
    for series in report.series {
      let x = axis(timesNanos: series.snapshots.map(\.timeNanos), hasRealTimes: series.hasRealTimes)
      hoursByKind[series.kind.name] = x
      let span = series.hasRealTimes ? " over \(DurationText.format(hours: series.spanHours))" : ""
      scope.append(
        "\(series.kind): \(series.snapshots.count) snapshots\(span), \(series.sampleType) "
          + "\(Quantity.plain(series.snapshots.first?.total ?? 0, unit: series.sampleUnit)) → "
          + "\(Quantity.plain(series.snapshots.last?.total ?? 0, unit: series.sampleUnit))")
      notes += series.notes.map { "\(series.kind): \($0)" }
      var total = chart(
        title: "\(Quantity.measure(kind: series.kind.name, sampleType: series.sampleType)) total", unit: series.sampleUnit, x: x.x,
        xLabel: x.label, y: series.snapshots.map(\.total))
      if let projection = series.projection, x.perHour > 0 {
        total.limit = projection.limitBytes
        total.crossing = projection.hoursToLimit.map { (x.x.last ?? 0) + $0 * x.perHour }
      }
      charts.append(total)
    }
    let findings = report.findings.enumerated().map { index, finding in
      let x = hoursByKind[finding.profileKind.name] ?? (finding.values.indices.map(Double.init), "snapshot", 0)
      return entry(
        finding, rank: index + 1,
        chart: chart(
          title: finding.pattern.rawValue, unit: finding.sampleUnit, x: x.x, xLabel: x.label,
          y: finding.values))
    }
    let page = Page(
      title: title, command: "trend",
      verdict: verdict(report.findings, suppressed: report.suppressed.count, failOn: failOn, failed: failed),
      failed: failed, scope: scope, notes: notes, charts: charts, findings: findings,
      flames: report.growths.map { flame(FlameTree(growth: $0)) })
    return try document(page)
  }

  // MARK: Model

  /// The x axis of snapshots taken at `timesNanos`: their times from the first, in the unit
  /// that suits the span, and how many of that unit make an hour (0 without real times: the
  /// axis counts snapshots).
  static func axis(timesNanos: [Int64], hasRealTimes: Bool)
    -> (x: [Double], label: String, perHour: Double)
  {
    guard hasRealTimes, let first = timesNanos.first else {
      return (timesNanos.indices.map(Double.init), "snapshot", 0)
    }
    let hours = timesNanos.map { (Double($0) - Double(first)) / 3.6e12 }
    let span = hours.last ?? 0
    if span < 1.0 / 60 { return (hours.map { $0 * 3600 }, "seconds", 3600) }
    if span < 2 { return (hours.map { $0 * 60 }, "minutes", 60) }
    return (hours, "hours", 1)
  }

  /// A chart with its Theil–Sen line (the trend's slope, and the median intercept).
  static func chart(title: String, unit: String, x: [Double], xLabel: String, y: [Int64]) -> Chart {
    let slope = GrowthStatistics.theilSen(y, x)
    let intercept = GrowthStatistics.median(x.indices.map { Double(y[$0]) - slope * x[$0] })
    return Chart(
      title: title, unit: unit, x: x, xLabel: xLabel, y: y, slope: slope.isFinite ? slope : 0,
      intercept: intercept.isFinite ? intercept : 0, limit: nil, crossing: nil)
  }

  static func entry(_ finding: Finding, rank: Int, chart: Chart) -> FindingEntry {
    // The text report's lines: wait reasons, time blocked, threads held, creator.
    let plain = TextStyle(colour: false)
    let evidence =
      (finding.evidence.map(plain.evidenceLines) ?? [])
      + (finding.proof.map { ["proof: " + TextStyle.proofText($0, pattern: finding.pattern)] } ?? [])
    return FindingEntry(
      rank: rank, severity: finding.severity.rawValue, pattern: finding.pattern.rawValue,
      headline: finding.headline, function: finding.responsible?.function,
      location: finding.responsible.map(TextStyle.location), note: finding.attributionNote,
      summary: finding.pattern.summary, evidence: evidence,
      stack: finding.stack.map { "\($0.function)  \(TextStyle.location($0))" },
      advice: finding.advice, inBaseline: finding.inBaseline, chart: chart)
  }

  static func verdict(
    _ findings: [Finding], suppressed: Int, failOn: Severity?, failed: Bool
  ) -> String {
    Severity.tally(findings, suppressed: suppressed) + " (--fail-on \(failOn?.rawValue ?? "never"): \(failed ? "fails" : "passes"))"
  }

  static func flame(_ tree: FlameTree) -> Flame {
    Flame(
      kind: tree.kind.name, measure: Quantity.measure(kind: tree.kind.name, sampleType: tree.sampleType), unit: tree.sampleUnit, label: tree.label,
      names: tree.nodes.map(\.name),
      places: tree.nodes.map { $0.file.isEmpty ? "" : "\($0.file):\($0.line)" },
      after: tree.nodes.map(\.after), delta: tree.nodes.map(\.delta),
      parent: tree.nodes.map(\.parent), pruned: tree.pruned)
  }

  // MARK: Document

  static func document(_ page: Page) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Slashes stay escaped ("<\/script>"), so the data cannot close its script element.
    let data = String(decoding: try encoder.encode(page), as: UTF8.self)
      .replacingOccurrences(of: "<", with: "\\u003c")
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(page.title))</title>
      <style>\(style)</style>
      </head>
      <body data-ready="no" data-errors="0">
      <main id="report"><h1>\(escape(page.title))</h1><p>This report draws itself with JavaScript.</p></main>
      <script type="application/json" id="data">\(data)</script>
      <script>\(script)</script>
      </body>
      </html>

      """
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
