import Foundation

/// The lines of a text held as bytes: each line a range of the bytes without its `\n` or `\r\n`
/// and trailing white space (so a line of spaces is empty), after a UTF-8 byte-order mark if
/// there is one. A dump is split once and never copied into Strings except for the names it
/// interns.
struct TextLines {
  let bytes: [UInt8]
  private(set) var ranges: [Range<Int>]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(bytes.count / 40 + 1)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let count = buffer.count
      var start = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
      while start < count {
        let end: Int
        if let found = memchr(base + start, 0x0A, count - start) {
          end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
        } else {
          end = count
        }
        var stop = end
        while stop > start, base[stop - 1] == 0x0D || base[stop - 1] == 0x20 || base[stop - 1] == 0x09 {
          stop -= 1
        }
        ranges.append(start..<stop)
        start = end + 1
      }
    }
    self.ranges = ranges
  }

  var count: Int { ranges.count }

  /// Each line's 1-based number in the text, once lines were removed (nil: none were).
  private var numbers: [Int32]?

  /// The 1-based number in the text of line `index` (of the line after the last, for `count`).
  func number(_ index: Int) -> Int {
    guard let numbers else { return index + 1 }
    return index < numbers.count ? Int(numbers[index]) : (numbers.last.map { Int($0) + 1 } ?? 1)
  }

  /// Removes the lines at `indices` (ascending), keeping the others' numbers.
  mutating func removeLines(_ indices: [Int]) {
    guard !indices.isEmpty else { return }
    var removed = Set(indices)
    var kept: [Range<Int>] = []
    var keptNumbers: [Int32] = []
    kept.reserveCapacity(ranges.count - removed.count)
    for index in ranges.indices where removed.remove(index) == nil {
      kept.append(ranges[index])
      keptNumbers.append(Int32(number(index)))
    }
    ranges = kept
    numbers = keptNumbers
  }

  /// Cuts `length` bytes from the start of line `index` (a log tool's prefix).
  mutating func dropPrefix(_ length: Int, ofLine index: Int) {
    ranges[index] = (ranges[index].lowerBound + length)..<ranges[index].upperBound
  }

  subscript(_ index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

  func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

  /// True when every line from `index` on is empty.
  func onlyBlankLines(from index: Int) -> Bool {
    index >= count || (index..<count).allSatisfy { ranges[$0].isEmpty }
  }
}

extension ArraySlice where Element == UInt8 {
  func hasPrefix(_ prefix: StaticString) -> Bool {
    guard count >= prefix.utf8CodeUnitCount else { return false }
    var index = startIndex
    for position in 0..<prefix.utf8CodeUnitCount {
      if self[index] != prefix.utf8Start[position] { return false }
      index += 1
    }
    return true
  }

  func hasSuffix(_ suffix: StaticString) -> Bool {
    let length = suffix.utf8CodeUnitCount
    guard count >= length else { return false }
    var index = endIndex - length
    for position in 0..<length {
      if self[index] != suffix.utf8Start[position] { return false }
      index += 1
    }
    return true
  }

  /// The first index of `needle` in the slice.
  func firstRange(of needle: StaticString) -> Range<Int>? {
    let length = needle.utf8CodeUnitCount
    guard length > 0, count >= length else { return nil }
    var start = startIndex
    while start + length <= endIndex {
      if self[start] == needle.utf8Start[0], self[start..<endIndex].hasPrefix(needle) {
        return start..<(start + length)
      }
      start += 1
    }
    return nil
  }

  /// The decimal number the whole slice spells, if it is one.
  var decimal: Int? {
    guard !isEmpty, count <= 18 else { return nil }
    var value = 0
    for byte in self {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return value
  }

  /// Leading digits, as a number.
  var leadingDecimal: Int? {
    let end = firstIndex { $0 < 0x30 || $0 > 0x39 } ?? endIndex
    return self[startIndex..<end].decimal
  }

  func dropping(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
    let start = firstIndex { !predicate($0) } ?? endIndex
    return self[start..<endIndex]
  }
}

/// A byte slice as a dictionary key, hashed as one block.
struct ByteKey: Hashable {
  var bytes: ArraySlice<UInt8>

  func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }

  static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
    lhs.bytes.count == rhs.bytes.count && lhs.bytes.elementsEqual(rhs.bytes)
  }
}
