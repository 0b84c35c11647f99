import Foundation

/// Units and number formatting exactly as pprof's `internal/measurement` does them, so that our
/// reports print the same figures as `go tool pprof`.
public enum Measurement {
  struct Unit {
    var canonicalName: String
    var aliases: [String]
    var factor: Double
  }

  struct UnitType {
    var defaultUnit: Unit
    var units: [Unit]

    func sniff(_ unit: String) -> Unit? {
      var name = unit.lowercased()
      if name.utf8.count > 2, name.hasSuffix("s") { name.removeLast() }
      return units.first { $0.aliases.contains(name) }
    }

    func autoScale(_ value: Double) -> (Double, String)? {
      var factor = 0.0
      var name = ""
      for unit in units where unit.factor >= factor && value / unit.factor >= 1 {
        factor = unit.factor
        name = unit.canonicalName
      }
      return factor == 0 ? nil : (value / factor, name)
    }

    func convert(_ value: Int64, from: String, to: String) -> (Double, String)? {
      guard let fromUnit = sniff(from) else { return nil }
      let scaled = Double(value) * fromUnit.factor
      if to == "minimum" || to == "auto" {
        if let result = autoScale(scaled) { return result }
        return (scaled / defaultUnit.factor, defaultUnit.canonicalName)
      }
      guard let toUnit = sniff(to) else {
        return (scaled / defaultUnit.factor, defaultUnit.canonicalName)
      }
      return (scaled / toUnit.factor, toUnit.canonicalName)
    }
  }

  static let unitTypes: [UnitType] = {
    let byte = Unit(canonicalName: "B", aliases: ["b", "byte"], factor: 1)
    let second = Unit(canonicalName: "s", aliases: ["s", "sec", "second"], factor: 1e9)
    let gcu = Unit(canonicalName: "GCU", aliases: ["gcu"], factor: 1)
    return [
      UnitType(
        defaultUnit: byte,
        units: [
          byte,
          Unit(canonicalName: "kB", aliases: ["kb", "kbyte", "kilobyte"], factor: 0x1p10),
          Unit(canonicalName: "MB", aliases: ["mb", "mbyte", "megabyte"], factor: 0x1p20),
          Unit(canonicalName: "GB", aliases: ["gb", "gbyte", "gigabyte"], factor: 0x1p30),
          Unit(canonicalName: "TB", aliases: ["tb", "tbyte", "terabyte"], factor: 0x1p40),
          Unit(canonicalName: "PB", aliases: ["pb", "pbyte", "petabyte"], factor: 0x1p50),
        ]),
      UnitType(
        defaultUnit: Unit(canonicalName: "s", aliases: [], factor: 1e9),
        units: [
          Unit(canonicalName: "ns", aliases: ["ns", "nanosecond"], factor: 1),
          Unit(canonicalName: "us", aliases: ["μs", "us", "microsecond"], factor: 1e3),
          Unit(canonicalName: "ms", aliases: ["ms", "millisecond"], factor: 1e6),
          second,
          Unit(canonicalName: "hrs", aliases: ["hour", "hr"], factor: 3.6e12),
        ]),
      UnitType(
        defaultUnit: Unit(canonicalName: "GCU", aliases: [], factor: 1),
        units: [
          Unit(canonicalName: "n*GCU", aliases: ["nanogcu"], factor: 1e-9),
          Unit(canonicalName: "u*GCU", aliases: ["microgcu"], factor: 1e-6),
          Unit(canonicalName: "m*GCU", aliases: ["milligcu"], factor: 1e-3),
          gcu,
          Unit(canonicalName: "k*GCU", aliases: ["kilogcu"], factor: 1e3),
          Unit(canonicalName: "M*GCU", aliases: ["megagcu"], factor: 1e6),
          Unit(canonicalName: "G*GCU", aliases: ["gigagcu"], factor: 1e9),
          Unit(canonicalName: "T*GCU", aliases: ["teragcu"], factor: 1e12),
          Unit(canonicalName: "P*GCU", aliases: ["petagcu"], factor: 1e15),
        ]),
    ]
  }()

  /// Converts `value` from `fromUnit` to `toUnit` ("minimum"/"auto" pick a readable unit).
  public static func scale(_ value: Int64, from fromUnit: String, to toUnit: String)
    -> (value: Double, unit: String)
  {
    if value < 0, value != Int64.min {
      let (scaled, unit) = scale(-value, from: fromUnit, to: toUnit)
      return (-scaled, unit)
    }
    for type in unitTypes {
      if let result = type.convert(value, from: fromUnit, to: toUnit) { return result }
    }
    switch toUnit {
    case "count", "sample", "unit", "minimum", "auto": return (Double(value), "")
    default: return (Double(value), toUnit)
    }
  }

  /// `value` in `toUnit` with two decimals, trailing ".00" dropped: "1.50MB", "25", "10ms".
  public static func scaledLabel(_ value: Int64, from fromUnit: String, to toUnit: String)
    -> String
  {
    let (scaled, unit) = scale(value, from: fromUnit, to: toUnit)
    var text = String(format: "%.2f", scaled)
    if text.hasSuffix(".00") { text.removeLast(3) }
    if text == "0" || text == "-0" { return "0" }
    return text + unit
  }

  /// `value` as a share of `total`, padded as pprof prints it ("  100%", "12.50%", " 0.5%").
  public static func percentage(_ value: Int64, of total: Int64) -> String {
    var ratio = 0.0
    if total != 0 { ratio = abs(Double(value) / Double(total)) * 100 }
    if ratio >= 99.95 && ratio <= 100.05 { return "  100%" }
    if ratio >= 1 { return String(format: "%5.2f%%", ratio) }
    return String(format: "%5.2g%%", ratio)
  }
}

extension Int64 {
  /// |self|, wrapping for `Int64.min` as Go's `abs64` does, so hostile values cannot trap.
  package var wrappingMagnitude: Int64 { self < 0 ? 0 &- self : self }
}
