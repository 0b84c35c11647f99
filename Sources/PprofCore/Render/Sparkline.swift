/// A one-line chart of a series: ▁▂▃▄▅▆▇█, scaled from its minimum to its maximum.
public enum Sparkline {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  public static func render(_ values: [Int64]) -> String {
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

/// Durations for people: "1.8 s", "25 min", "3 h 10 m", "2 d 4 h".
public enum DurationText {
  /// "250 ms", "1.5 s", "30 s", "2 min".
  public static func seconds(_ seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
    if seconds < 60 {
      let rounded = (seconds * 10).rounded() / 10
      return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
    }
    return format(hours: seconds / 3600)
  }

  public static func format(hours: Double) -> String {
    guard hours.isFinite, hours < 24 * 365 * 100 else { return "more than 100 years" }
    let seconds = max(hours, 0) * 3600
    if seconds < 60 { return "\((seconds * 10).rounded() / 10) s" }
    let minutes = Int((seconds / 60).rounded())
    if minutes < 60 { return "\(minutes) min" }
    let totalMinutes = Int((hours * 60).rounded())
    if totalMinutes < 48 * 60 { return "\(totalMinutes / 60) h \(totalMinutes % 60) m" }
    let totalHours = Int(hours.rounded())
    return "\(totalHours / 24) d \(totalHours % 24) h"
  }
}

extension Int64 {
  /// `value` rounded, clamped to Int64's range (0 for NaN): for printing estimates safely.
  static func clamping(_ value: Double) -> Int64 {
    guard value.isFinite else { return value.isNaN ? 0 : value > 0 ? .max : .min }
    if value >= 0x1p63 { return .max }
    if value <= -0x1p63 { return .min }
    return Int64(value.rounded())
  }
}
