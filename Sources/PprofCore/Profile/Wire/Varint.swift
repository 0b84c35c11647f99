/// Base-128 varints, protobuf's encoding of integers: the one reader and the one writer every
/// decoder, encoder and packed store of the library uses.
@usableFromInline
enum Varint {
  /// The most bytes a varint of 64 bits takes.
  static let maxBytes = 10

  /// Reads the varint at `position` of `bytes`, not past `end`, and advances `position` past
  /// it; nil when it runs past `end` or past ten bytes (`position` is then where it stopped).
  /// Bits past the 64th are dropped, as Go's decoder does.
  @inlinable @inline(__always)
  static func read(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int, end: Int)
    -> UInt64?
  {
    guard position < end else { return nil }
    let first = bytes[position]
    position += 1
    if first < 0x80 { return UInt64(first) }
    var result = UInt64(first & 0x7f)
    var shift: UInt64 = 7
    while position < end, shift < 70 {
      let byte = bytes[position]
      position += 1
      result |= UInt64(byte & 0x7f) &<< shift
      if byte < 0x80 { return result }
      shift += 7
    }
    return nil
  }

  /// Writes `value` at `offset` of `buffer`, which must have room for `maxBytes`, and advances
  /// `offset` past it.
  @inlinable @inline(__always)
  static func write(
    _ value: UInt64, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int
  ) {
    var value = value
    while value >= 0x80 {
      buffer[offset] = UInt8(truncatingIfNeeded: value) | 0x80
      offset += 1
      value >>= 7
    }
    buffer[offset] = UInt8(value)
    offset += 1
  }

  /// The bytes of `value` as a varint.
  static func encoded(_ value: UInt64) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: maxBytes) { buffer, count in
      count = 0
      write(value, to: buffer, at: &count)
    }
  }
}
