/// Human formatting of byte counts for messages ("1 GiB", "10 MiB", "512 B").
public enum ByteCount {
  public static func format(_ bytes: Int) -> String {
    let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
    for (name, size) in units where bytes >= size && bytes % size == 0 {
      return "\(bytes / size) \(name)"
    }
    for (name, size) in units where bytes >= size {
      let value = Double(bytes) / Double(size)
      return "\((value * 10).rounded() / 10) \(name)"
    }
    return "\(bytes) B"
  }

  /// Parses "1073741824", "512K", "64MiB", "1G", "1.5GB" (binary multiples) into bytes.
  public static func parse(_ text: String) -> Int? {
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
