extension Int64 {
  /// `value` rounded, clamped to Int64's range (0 for NaN): for printing estimates safely.
  package static func clamping(_ value: Double) -> Int64 {
    guard value.isFinite else { return value.isNaN ? 0 : value > 0 ? .max : .min }
    if value >= 0x1p63 { return .max }
    if value <= -0x1p63 { return .min }
    return Int64(value.rounded())
  }
}
