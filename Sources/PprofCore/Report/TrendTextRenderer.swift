import PprofUnits
import PprofAnalysis

/// The terminal report of `pprof-leak trend`: a line per profile kind, then the ranked
/// findings with sparkline, slope, p-value, responsible line, stack and advice.
struct TrendTextRenderer: Sendable {
  var colour: Bool

  var style: TextStyle { TextStyle(colour: colour) }
  var failOn: Severity?

  init(colour: Bool = false, failOn: Severity? = .leak) {
    self.colour = colour
    self.failOn = failOn
  }

  func render(_ report: TrendReport) -> String {
    var lines: [String] = []
    let count = report.series.reduce(0) { $0 + $1.snapshots.count }
    lines.append(
      style.paint("pprof-leak trend", "1")
        + ": \(count) profile\(count == 1 ? "" : "s") in \(report.series.count) series")
    for series in report.series { lines += summary(series) }
    lines += skippedLines(report.skipped)
    lines.append("")
    if report.findings.isEmpty {
      lines.append(
        report.series.contains { $0.kind == .goroutineleak }
          ? "No leak: the Go runtime's leak check proved no goroutine leaked, and nothing rises "
            + "steadily across the snapshots."
          : report.series.contains(where: \.isExamined)
          ? "No growing stack: nothing rises steadily across the snapshots."
          : "No goroutine or heap series: trend looks for leaks in goroutine profiles and the"
            + " inuse_space of heap profiles.")
      lines.append("")
    }
    let detailed = report.findings.filter { $0.severity > .info }
    for (rank, finding) in detailed.enumerated() {
      lines += render(finding, rank: rank + 1, report: report)
      lines.append("")
    }
    let minor = report.findings.filter { $0.severity == .info }
    if !minor.isEmpty {
      lines.append(style.paint("Also growing, below the thresholds (info):", "2"))
      for finding in minor.prefix(Self.infoLines) {
        let place = finding.responsible.map { "\($0.function)  \(TextStyle.location($0))" }
          ?? (finding.stack.first.map { "\($0.function) (runtime or standard library)" } ?? "")
        lines.append(
          "  \(finding.pattern.rawValue)  \(signed(finding.growth, finding))  "
            + "\(Sparkline.render(finding.values))  \(place)" + style.baselineTag(finding))
      }
      if minor.count > Self.infoLines {
        lines.append(style.paint("  … \(minor.count - Self.infoLines) more (all are in --format json)", "2"))
      }
      lines.append("")
    }
    lines += style.summary(report.findings, suppressed: report.suppressed, failOn: failOn)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Info findings listed in one line each before the rest are only counted.
  static let infoLines = 8

  /// Skipped files, grouped by reason, a few names each.
  func skippedLines(_ skipped: [TrendReport.Skipped]) -> [String] {
    var reasons: [String] = []
    var paths: [String: [String]] = [:]
    for item in skipped {
      if paths[item.reason] == nil { reasons.append(item.reason) }
      paths[item.reason, default: []].append(item.path)
    }
    return reasons.map { reason in
      let names = paths[reason] ?? []
      let shown = names.prefix(3).map { $0.split(separator: "/").last.map(String.init) ?? $0 }
      let more = names.count > 3 ? ", … \(names.count - 3) more" : ""
      let files = names.count == 1 ? "1 file" : "\(names.count) files"
      return style.paint("  skipped \(files) (\(shown.joined(separator: ", "))\(more)): \(reason)", "2")
    }
  }

  func summary(_ series: TrendReport.SeriesSummary) -> [String] {
    let totals = series.snapshots.map(\.total)
    let span =
      series.hasRealTimes && series.snapshots.count > 1
      ? " over \(DurationText.format(hours: series.spanHours))" : ""
    var line =
      "  \(series.kind.name.padding(10))\(series.snapshots.count) snapshot"
      + "\(series.snapshots.count == 1 ? "" : "s")\(span)  "
      + "\(series.sampleType) \(plain(totals.first ?? 0, series)) → \(plain(totals.last ?? 0, series))"
      + "  \(Sparkline.render(totals))"
    if let projection = series.projection {
      let limit = Quantity.amount(projection.limitBytes, unit: "bytes", sampleType: "")
      switch projection.hoursToLimit {
      case .none: line += "  (not growing toward \(limit))"
      case .some(let hours) where hours <= 0: line += "  (already over \(limit))"
      case .some(let hours):
        line += "  at this rate, in-use heap reaches \(limit) in about \(DurationText.format(hours: hours))"
      }
    }
    return [line] + series.notes.map { style.paint("    note: \($0)", "2") }
  }

  func render(_ finding: Finding, rank: Int, report: TrendReport) -> [String] {
    let series = report.series.first { $0.kind == finding.profileKind }
    let realTimes = series?.hasRealTimes ?? false
    let span = realTimes ? " over \(DurationText.format(hours: series?.spanHours ?? 0))" : ""
    // One snapshot has no growth to show: its count.
    let amount =
      finding.values.count == 1
      ? Quantity.amount(finding.new, unit: finding.sampleUnit, sampleType: finding.sampleType)
        + (finding.sampleUnit == "bytes" ? " \(finding.sampleType)" : "")
      : "\(signed(finding.growth, finding))\(span)  \(Sparkline.render(finding.values))  "
        + "(\(plain(finding.values.first ?? 0, finding)) → \(plain(finding.values.last ?? 0, finding)))"
    let lines = [
      "\(rank). \(style.severity(finding.severity))  \(style.paint(finding.pattern.rawValue, "1"))  "
        + amount + style.baselineTag(finding)
    ]
    var details: [String] = []
    let per = realTimes ? "/h" : "/snapshot"
    if let stats = finding.trend?.statistics, stats.count >= 2 {
      let share = Int((stats.nonDecreasingShare * 100).rounded())
      details.append(
        "slope \(rate(stats.slopePerHour, finding))\(per) · p = \(formatP(stats.pValue)) · "
          + "\(share)% of steps not down · " + (stats.hasPlateaued ? "flattened at the end" : "still rising"))
    }
    if let companion = finding.companion {
      details.append(
        "with \(companion.kind): "
          + companionText(
            companion, of: finding,
            what: companion.sampleType
              + (finding.pattern == .unclosedHTTPBody ? " of the connections and their requests" : " at the same function")))
    }
    if let memory = finding.goroutineMemory {
      details.append(
        "and " + companionText(memory, of: finding, what: "\(memory.sampleType) of the goroutines' descriptors and stacks"))
    }
    return lines + style.findingBody(finding, details: details)
  }

  /// "+17.8 MiB inuse_space at the same function  ▁▂▃▄▅▆▇█, ~104.0 KiB per goroutine".
  private func companionText(_ companion: Finding.Companion, of finding: Finding, what: String) -> String {
    let each = Quantity.amount(Int64.clamping(companion.perUnit), unit: companion.sampleUnit, sampleType: companion.sampleType)
    return Quantity.signed(companion.statistics.growth, unit: companion.sampleUnit, sampleType: companion.sampleType)
      + " \(what)  \(Sparkline.render(companion.values))"
      + (finding.profileKind.countsGoroutines ? ", ~\(each) per goroutine" : "")
  }

  private func plain(_ value: Int64, _ series: TrendReport.SeriesSummary) -> String {
    Quantity.plain(value, unit: series.sampleUnit)
  }

  private func plain(_ value: Int64, _ finding: Finding) -> String {
    Quantity.plain(value, unit: finding.sampleUnit)
  }

  private func signed(_ value: Int64, _ finding: Finding) -> String {
    Quantity.signed(value, unit: finding.sampleUnit, sampleType: finding.sampleType)
      + (finding.sampleUnit == "bytes" ? " \(finding.sampleType)" : "")
  }

  private func rate(_ perHour: Double, _ finding: Finding) -> String {
    Quantity.signed(
      Int64.clamping(perHour), unit: finding.sampleUnit, sampleType: finding.sampleType)
  }

  private func formatP(_ p: Double) -> String {
    p < 0.001 ? String(p.formatted3e) : String((p * 1000).rounded() / 1000)
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}

extension Double {
  /// "1.2e-06" style for small p-values.
  var formatted3e: String {
    guard self > 0 else { return "0" }
    var exponent = 0
    var mantissa = self
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    let rounded = (mantissa * 10).rounded() / 10
    return "\(rounded)e\(exponent)"
  }
}
