/// A cursor over a protocol buffer message in a shared byte buffer.
///
/// A nested message is read by a reader over a sub-range of the same buffer, never a copy. Every
/// read checks its bounds and throws `ProfileDecodingError` with the byte offset where it stopped.
struct WireReader {
  let bytes: [UInt8]
  private(set) var offset: Int
  let end: Int

  init(bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
    self.bytes = bytes
    self.offset = offset
    self.end = end ?? bytes.count
  }

  var isAtEnd: Bool { offset >= end }

  /// Reads a field key, returning the field number and wire type.
  mutating func readKey() throws(ProfileDecodingError) -> (field: Int, wireType: WireType) {
    let start = offset
    let key = try readVarint()
    let rawType = UInt8(truncatingIfNeeded: key & 7)
    guard let wireType = WireType(rawValue: rawType), rawType != 3, rawType != 4 else {
      throw ProfileDecodingError(.invalidWireType(rawType), offset: start)
    }
    let field = key >> 3
    guard field != 0, field <= UInt64(Int32.max) else {
      throw ProfileDecodingError(.invalidFieldNumber, offset: start)
    }
    return (Int(field), wireType)
  }

  /// Reads a base-128 varint of at most 10 bytes.
  @inline(__always)
  mutating func readVarint() throws(ProfileDecodingError) -> UInt64 {
    let start = offset
    var position = offset
    let value = bytes.withUnsafeBufferPointer { Varint.read($0, at: &position, end: end) }
    offset = position
    guard let value else {
      let reason: ProfileDecodingError.Reason = position - start >= Varint.maxBytes ? .overlongVarint : .truncated
      throw ProfileDecodingError(reason, offset: reason == .truncated ? position : start)
    }
    return value
  }

  /// Reads a length prefix and returns the range of the payload, advancing past it.
  mutating func readLengthDelimited() throws(ProfileDecodingError) -> Range<Int> {
    let lengthOffset = offset
    let length = try readVarint()
    guard length <= UInt64(end - offset) else {
      throw ProfileDecodingError(
        .lengthOutOfRange(Int(clamping: length)), offset: lengthOffset)
    }
    let start = offset
    offset += Int(length)
    return start..<offset
  }

  /// A reader over `range`, for a nested message.
  func subReader(_ range: Range<Int>) -> WireReader {
    WireReader(bytes: bytes, offset: range.lowerBound, end: range.upperBound)
  }

  /// Skips a field of an unknown number.
  mutating func skip(_ wireType: WireType) throws(ProfileDecodingError) {
    switch wireType {
    case .varint: _ = try readVarint()
    case .fixed64: try advance(8)
    case .fixed32: try advance(4)
    case .lengthDelimited: _ = try readLengthDelimited()
    case .startGroup, .endGroup:
      throw ProfileDecodingError(.invalidWireType(wireType.rawValue), offset: offset)
    }
  }

  private mutating func advance(_ count: Int) throws(ProfileDecodingError) {
    guard end - offset >= count else { throw ProfileDecodingError(.truncated, offset: offset) }
    offset += count
  }

  /// Counts the varints in `range` (for reserving capacity before a packed decode).
  func countVarints(in range: Range<Int>) -> Int {
    var count = 0
    for index in range where bytes[index] < 0x80 { count += 1 }
    return count
  }
}
