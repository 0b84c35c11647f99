/// How option values are written, on the command line and in `.pprof-leak.yaml` alike.
public enum OptionValue {
  /// Whole minutes: "15m", "2h" (also "900s"), or a bare number of minutes, at least 1.
  public static func minutes(_ text: String) -> Int? {
    guard let seconds = duration(text, bareUnitSeconds: 60), seconds >= 60,
      seconds < 60_000_000, seconds.truncatingRemainder(dividingBy: 60) == 0
    else { return nil }
    return Int(seconds / 60)
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
    guard let seconds = duration(text, bareUnitSeconds: 1), seconds <= 86_400 else { return nil }
    return seconds
  }

  /// The one duration grammar: a number with `ms`, `s`, `m` or `h`, or a bare number of the
  /// option's own unit (`bareUnitSeconds`: seconds for `--every`, minutes for `--min-blocked`,
  /// as each option's help says); nil unless more than 0.
  static func duration(_ text: String, bareUnitSeconds: Double) -> Double? {
    let units: [(suffix: String, factor: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var number = text
    var factor = bareUnitSeconds
    for unit in units where text.hasSuffix(unit.suffix) {
      number = String(text.dropLast(unit.suffix.count))
      factor = unit.factor
      break
    }
    guard let value = Double(number), value.isFinite, value > 0 else { return nil }
    return value * factor
  }

  /// A size: bytes, or a number with a K, M or G suffix.
  public static func size(_ text: String) -> Int64? {
    bytes(text).map(Int64.init)
  }

  /// Parses "1073741824", "512K", "64MiB", "1G", "1.5GB" (binary multiples) into bytes.
  public static func bytes(_ text: String) -> Int? {
    let trimmed = text.trimmingSpaces()
    guard let split = trimmed.firstIndex(where: { !$0.isNumber && $0 != "." }) else {
      return Int(trimmed)
    }
    let number = trimmed[..<split]
    let suffix = trimmed[split...].lowercased()
    let multipliers: [String: Int] = [
      "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20,
      "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30,
    ]
    guard let multiplier = multipliers[suffix], let value = Double(number), value >= 0,
      value * Double(multiplier) < Double(Int.max / 2)
    else { return nil }
    return Int(value * Double(multiplier))
  }

}
