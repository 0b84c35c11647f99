/// Formats sample values for people: "+1,204 goroutines", "118.0 MiB", "2,048 objects".
package enum Quantity {
  /// The binary units sizes are given in, largest first; under 1 KiB a size is in bytes. The
  /// HTML page's script receives this table with its data, so every size is scaled by it.
  package static let byteUnits: [(name: String, bytes: Int64)] = [
    ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10),
  ]

  /// What a profile's values measure, for headings: the kind and the sample type
  /// ("heap inuse_space"), or the kind alone when they are the same word ("goroutine").
  package static func measure(kind: String, sampleType: String) -> String {
    kind == sampleType || sampleType.isEmpty ? kind : "\(kind) \(sampleType)"
  }

  /// `value` with thousands separators: 1204 → "1,204".
  package static func grouped(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return (value < 0 ? "-" : "") + out
  }

  /// A value of `unit` ("bytes", "count", …) in readable form, without a sign.
  package static func amount(_ value: Int64, unit: String, sampleType: String) -> String {
    let magnitude = value == .min ? Int64.max : abs(value)
    if unit == "bytes" {
      for (name, size) in byteUnits where magnitude >= size {
        let scaled = Double(magnitude) / Double(size)
        let rounded = (scaled * 10).rounded() / 10
        return "\(rounded) \(name)"
      }
      return "\(magnitude) B"
    }
    if unit == "nanoseconds" {
      return Measurement.scaledLabel(magnitude, from: unit, to: "auto")
    }
    let noun: String
    switch sampleType {
    case "goroutine": noun = magnitude == 1 ? "goroutine" : "goroutines"
    case "goroutineleak": noun = magnitude == 1 ? "leaked goroutine" : "leaked goroutines"
    case "inuse_objects", "alloc_objects": noun = magnitude == 1 ? "object" : "objects"
    default: noun = sampleType
    }
    return "\(grouped(magnitude)) \(noun)"
  }

  /// "1 goroutine", "1,204 goroutines".
  package static func goroutines(_ count: Int) -> String {
    amount(Int64(count), unit: "count", sampleType: "goroutine")
  }

  /// "+175 goroutines (25 → 200)".
  package static func growth(base: Int64, new: Int64, unit: String, sampleType: String) -> String {
    let delta = new &- base
    let suffix = unit == "bytes" ? " \(sampleType)" : ""
    return "\(signed(delta, unit: unit, sampleType: sampleType))\(suffix) "
      + "(\(plain(base, unit: unit)) → \(plain(new, unit: unit)))"
  }

  /// "+175 goroutines", "-2.0 MiB".
  package static func signed(_ value: Int64, unit: String, sampleType: String) -> String {
    (value < 0 ? "-" : "+") + amount(value, unit: unit, sampleType: sampleType)
  }

  /// A value with its unit when it has one ("2.0 MiB", "3.46s"), else just the number.
  package static func plain(_ value: Int64, unit: String) -> String {
    switch unit {
    case "bytes", "nanoseconds": amount(value, unit: unit, sampleType: "")
    default: grouped(value)
    }
  }

  /// A limit in bytes, as messages name it: exact where it is a whole number of units ("1 GiB",
  /// "512 B"), else to a tenth ("1.5 GiB").
  public static func limit(_ bytes: Int) -> String {
    let units = byteUnits.map { (name: $0.name, size: Int($0.bytes)) }
    for (name, size) in units where bytes >= size && bytes % size == 0 {
      return "\(bytes / size) \(name)"
    }
    for (name, size) in units where bytes >= size {
      let value = Double(bytes) / Double(size)
      return "\((value * 10).rounded() / 10) \(name)"
    }
    return "\(bytes) B"
  }

}
