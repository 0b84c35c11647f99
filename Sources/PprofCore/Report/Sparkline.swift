/// A one-line chart of a series: ▁▂▃▄▅▆▇█, scaled from its minimum to its maximum.
public enum Sparkline {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// The most characters a sparkline takes: longer series are drawn by the mean of each of
  /// this many equal runs of snapshots.
  public static let maxWidth = 48

  public static func render(_ values: [Int64]) -> String {
    guard values.count > maxWidth else { return draw(values) }
    let runs = (0..<maxWidth).map { column -> Int64 in
      let start = column * values.count / maxWidth
      let end = (column + 1) * values.count / maxWidth
      let run = values[start..<max(end, start + 1)]
      return Int64.clamping(run.reduce(0.0) { $0 + Double($1) } / Double(run.count))
    }
    return draw(runs)
  }

  private static func draw(_ values: [Int64]) -> String {
    guard let low = values.min(), let high = values.max() else { return "" }
    let range = Double(high) - Double(low)
    return String(
      values.map { value -> Character in
        guard range > 0 else { return bars[0] }
        let level = Int(((Double(value) - Double(low)) / range * Double(bars.count - 1)).rounded())
        return bars[min(max(level, 0), bars.count - 1)]
      })
  }
}

/// A horizontal bar of eighths of a cell (▏▎▍▌▋▊▉█): `value` out of `maximum` in `width` cells.
public enum Bar {
  static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

  public static func render(_ value: Int64, of maximum: Int64, width: Int = 20) -> String {
    guard maximum > 0, value > 0 else { return "" }
    let units = Int((Double(value) / Double(maximum) * Double(width * 8)).rounded())
    let full = min(units / 8, width)
    let rest = units % 8
    return String(repeating: "█", count: full) + (rest > 0 && full < width ? String(eighths[rest - 1]) : "")
  }
}
