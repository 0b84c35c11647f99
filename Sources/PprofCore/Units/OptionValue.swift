/// How option values are written, on the command line and in `.pprof-leak.yaml` alike.
public enum OptionValue {
  /// Whole minutes: "15m", "2h", or a bare number of minutes (at least 1).
  public static func minutes(_ text: String) -> Int? {
    let unit = text.last.map { $0.isLetter ? $0 : "m" } ?? "m"
    let digits = text.last?.isLetter == true ? String(text.dropLast()) : text
    guard let value = Int(digits), value >= 1, value < 1_000_000,
      let factor = ["m": 1, "h": 60][String(unit)]
    else { return nil }
    return value * factor
  }

  /// A share: "10%" or "0.1", between 0 and 1.
  public static func share(_ text: String) -> Double? {
    let percent = text.hasSuffix("%")
    guard let value = Double(percent ? String(text.dropLast()) : text), value >= 0,
      value.isFinite
    else { return nil }
    let share = percent ? value / 100 : value
    return share <= 1 ? share : nil
  }

  /// A duration in seconds: "500ms", "30s", "5m", "2h", or a bare number of seconds (more
  /// than 0, at most a day).
  public static func seconds(_ text: String) -> Double? {
    let units: [(suffix: String, factor: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var number = text
    var factor = 1.0
    for unit in units where text.hasSuffix(unit.suffix) {
      number = String(text.dropLast(unit.suffix.count))
      factor = unit.factor
      break
    }
    guard let value = Double(number), value.isFinite, value > 0 else { return nil }
    let seconds = value * factor
    return seconds <= 86_400 ? seconds : nil
  }

  /// A size: bytes, or a number with a K, M or G suffix.
  public static func size(_ text: String) -> Int64? {
    ByteCount.parse(text).map(Int64.init)
  }
}
