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
