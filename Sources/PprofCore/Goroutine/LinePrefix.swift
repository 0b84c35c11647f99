import Foundation
import PprofUnits

/// What a log tool writes before each line of a dump: `kubectl logs --timestamps`,
/// `docker logs -t` and GitHub Actions an RFC 3339 time, `docker compose logs` a `web-1  | `
/// column, journald and syslog a `Oct 27 15:20:23 host dockerd[1748]: ` head, test frameworks an
/// indent. A dump's prefix is told by its own header and preamble lines, never guessed across
/// dumps (see `LinePrefixes`).
enum LinePrefix: Equatable {
  case timestamp
  /// The column's exact text, padding included ("web-1  | ").
  case column([UInt8])
  /// The head's source, "host dockerd[1748]".
  case syslog([UInt8])
  /// The indent's exact text.
  case indent([UInt8])

  /// As a note names it.
  var name: String {
    switch self {
    case .timestamp: "RFC 3339 timestamps (kubectl --timestamps, docker logs -t, GitHub Actions)"
    case .column(let text):
      "docker compose's \"\(String(decoding: text.dropLast(2), as: UTF8.self).trimmingCharacters(in: .whitespaces)) |\" "
        + "column"
    case .syslog(let source): "syslog heads of \"\(String(decoding: source, as: UTF8.self))\" (journald)"
    case .indent(let text):
      text.allSatisfy { $0 == 0x20 }
        ? "an indent of \(text.count) space\(text.count == 1 ? "" : "s")" : "an indent"
    }
  }

  /// The kind of prefix `text` (all that comes before a header or preamble on its line) is; nil
  /// when it is none of them.
  init?(_ text: ArraySlice<UInt8>) {
    guard !text.isEmpty else { return nil }
    if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
      self = .indent(Array(text))
    } else if Self.timestampLength(text) == text.count {
      self = .timestamp
    } else if let head = Self.syslogHead(text), head.length == text.count {
      self = .syslog(Array(head.source))
    } else if Self.columnLength(text) == text.count {
      self = .column(Array(text))
    } else {
      return nil
    }
  }

  /// The length of this kind of prefix at the start of `line`; nil when the line does not
  /// carry it. A blank line of the dump carries it without its last space (trailing white
  /// space is cut from every line).
  func length(in line: ArraySlice<UInt8>) -> Int? {
    switch self {
    case .timestamp: return Self.timestampLength(line)
    case .syslog(let source):
      guard let head = Self.syslogHead(line), head.source.elementsEqual(source) else { return nil }
      return head.length
    case .column(let text), .indent(let text):
      if line.starts(with: text) { return text.count }
      let bare = text[...].droppingLast { $0 == 0x20 || $0 == 0x09 }
      return !bare.isEmpty && line.elementsEqual(bare) ? line.count : nil
    }
  }

  /// True when `line` is another program's in the same log: another compose service's column,
  /// another source's syslog head. Such lines between a dump's lines are set aside.
  func isForeign(_ line: ArraySlice<UInt8>) -> Bool {
    switch self {
    case .column: return Self.columnLength(line) != nil
    case .syslog: return Self.syslogHead(line) != nil
    case .timestamp, .indent: return false
    }
  }

  /// `2026-03-01T10:00:00.123456789Z ` (any fraction, `Z` or `+01:00`), with its space (or at
  /// the end of the line).
  static func timestampLength(_ line: ArraySlice<UInt8>) -> Int? {
    let shape = Array("dddd-dd-ddTdd:dd:dd".utf8)
    guard line.count >= shape.count else { return nil }
    var index = line.startIndex
    for expected in shape {
      let byte = line[index]
      guard expected == 0x64 ? isDigit(byte) : byte == expected else { return nil }
      index += 1
    }
    if index < line.endIndex, line[index] == 0x2E {
      index += 1
      let digits = line[index...].prefix(while: isDigit).count
      guard digits > 0 else { return nil }
      index += digits
    }
    guard index < line.endIndex else { return nil }
    if line[index] == 0x5A {
      index += 1
    } else if line[index] == 0x2B || line[index] == 0x2D, line.endIndex - index >= 6,
      line[(index + 1)...].prefix(5).elementsEqual("dd:dd".utf8.map { $0 }, by: { actual, expected in
        expected == 0x64 ? isDigit(actual) : actual == expected
      })
    {
      index += 6
    } else {
      return nil
    }
    return spaceOrEnd(line, at: index)
  }

  /// `Oct 27 15:20:23 host dockerd[1748]: ` (the day may be space-padded), with its space (or at
  /// the end of the line), and its source, `host dockerd[1748]`.
  static func syslogHead(_ line: ArraySlice<UInt8>) -> (length: Int, source: ArraySlice<UInt8>)? {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    guard line.count >= 16, months.contains(where: { line.starts(with: $0.utf8) }), line[line.startIndex + 3] == 0x20
    else { return nil }
    var index = line.startIndex + 4
    if line[index] == 0x20 { index += 1 }
    let day = line[index...].prefix(while: isDigit).count
    guard (1...2).contains(day) else { return nil }
    index += day
    let clock = Array(" dd:dd:dd ".utf8)
    guard line.endIndex - index >= clock.count else { return nil }
    for expected in clock {
      guard expected == 0x64 ? isDigit(line[index]) : line[index] == expected else { return nil }
      index += 1
    }
    // The host, then the program and its pid, up to ": ".
    let sourceStart = index
    let host = line[index...].prefix { $0 != 0x20 }.count
    guard host > 0 else { return nil }
    index += host + 1
    guard index < line.endIndex, let colon = line[index...].firstIndex(of: 0x3A) else { return nil }
    let program = line[index..<colon]
    guard !program.isEmpty, !program.contains(0x20), let length = spaceOrEnd(line, at: colon + 1)
    else { return nil }
    return (length, line[sourceStart..<colon])
  }

  /// `web-1  | `: a service name, padding, a bar and a space (or the end of the line).
  static func columnLength(_ line: ArraySlice<UInt8>) -> Int? {
    let name = line.prefix {
      isDigit($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D
        || $0 == 0x5F || $0 == 0x2E
    }
    let padding = line[name.endIndex...].prefix { $0 == 0x20 }
    guard !name.isEmpty, !padding.isEmpty, padding.endIndex < line.endIndex, line[padding.endIndex] == 0x7C
    else { return nil }
    return spaceOrEnd(line, at: padding.endIndex + 1)
  }

  private static func spaceOrEnd(_ line: ArraySlice<UInt8>, at index: Int) -> Int? {
    if index == line.endIndex { return index - line.startIndex }
    return line[index] == 0x20 ? index + 1 - line.startIndex : nil
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension ArraySlice where Element == UInt8 {
  fileprivate func droppingLast(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
    var end = endIndex
    while end > startIndex, predicate(self[end - 1]) { end -= 1 }
    return self[startIndex..<end]
  }
}

/// Finds each dump's line prefix from its header and preamble lines and cuts it from the lines
/// that carry it; other lines (another program's, in a mixed log) are left as they are. A
/// header after text of no known kind on its line (`…dumping all stacksgoroutine 1 [running]:`)
/// is cut free on that line alone, with a warning.
struct LinePrefixes {
  /// What was cut, as notes ("stripped … from 1,214 lines"), by the 1-based line of the anchor
  /// that told the prefix.
  private(set) var notes: [(line: Int, text: String)] = []
  /// Headers found after other text, by 1-based line.
  private(set) var warnings: [(line: Int, text: String)] = []

  /// Cuts the prefixes out of `lines`, and sets aside the lines of other programs between a
  /// dump's lines (another compose service's, another syslog source's).
  mutating func strip(_ lines: inout TextLines) {
    var current: LinePrefix?
    var since = 0
    var stripped = 0
    var foreign: [Int] = []
    var foreignSince = 0
    func finish() {
      if let current, stripped > 0 {
        let others = foreign.count - foreignSince
        notes.append(
          (since,
           "stripped \(current.name) from \(Quantity.grouped(Int64(stripped))) lines"
            + (others > 0 ? "; set aside \(Quantity.grouped(Int64(others))) lines of other programs between them" : "")))
      }
      stripped = 0
      foreignSince = foreign.count
    }
    for index in 0..<lines.count {
      let line = lines[index]
      if let current, let length = current.length(in: line), length > 0 {
        lines.dropPrefix(length, ofLine: index)
        stripped += 1
        continue
      }
      if let current, current.isForeign(line), Self.anchor(in: line) == nil {
        foreign.append(index)
        continue
      }
      guard let at = Self.anchor(in: line) else { continue }
      guard at > 0 else {
        // A dump at the start of its lines: no prefix until another dump tells one.
        finish()
        current = nil
        continue
      }
      if let kind = LinePrefix(line.prefix(at)) {
        if kind != current {
          finish()
          current = kind
          since = index + 1
        }
        stripped += 1
      } else {
        let before = String(decoding: line.prefix(at), as: UTF8.self)
        let after = String(decoding: line.dropFirst(at), as: UTF8.self)
        warnings.append(
          (index + 1,
           "line \(index + 1): the dump starts after other text on its line "
            + "(\"\(DumpParser.shown(before))\"); read from \"\(DumpParser.shown(after))\""))
      }
      lines.dropPrefix(at, ofLine: index)
    }
    finish()
    lines.removeLines(foreign)
  }

  /// Where on `line` a goroutine header (`goroutine 7 [`, `goroutine 7 gp=`) or a crash
  /// preamble (`panic: `, `fatal error: `, `SIGQUIT: `, with a terminal's `^\` echo) starts, as
  /// an offset; nil when it holds none. A frame's file line (a tab first) is looked at only
  /// after its indent, so a clean dump costs one search per function line.
  static func anchor(in line: ArraySlice<UInt8>) -> Int? {
    guard let first = line.first else { return nil }
    if first == 0x09 {
      let body = line.drop { $0 == 0x09 || $0 == 0x20 }
      return startsAnchor(body) ? body.startIndex - line.startIndex : nil
    }
    if startsAnchor(line) { return 0 }
    return line.withUnsafeBufferPointer { buffer -> Int? in
      guard let base = buffer.baseAddress else { return nil }
      var offset = 0
      while offset < buffer.count, let found = find("goroutine ", in: base + offset, count: buffer.count - offset) {
        let position = offset + found
        if startsAnchor(line[(line.startIndex + position)...]) { return position }
        offset = position + 1
      }
      // Preambles hold a colon; function lines do not.
      guard memchr(base, 0x3A, buffer.count) != nil else { return nil }
      for needle: StaticString in ["panic: ", "fatal error: ", "SIGQUIT: "] {
        if let found = find(needle, in: base, count: buffer.count) {
          return found >= 2 && base[found - 2] == 0x5E && base[found - 1] == 0x5C ? found - 2 : found
        }
      }
      return nil
    }
  }

  /// True when `line` starts with a goroutine header or a preamble.
  static func startsAnchor(_ line: ArraySlice<UInt8>) -> Bool {
    if line.hasPrefix("goroutine ") {
      let rest = line.dropFirst(10)
      let digits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
      let after = rest.dropFirst(digits)
      return digits > 0 && (after.hasPrefix(" [") || after.hasPrefix(" gp="))
    }
    let body = line.hasPrefix("^\\") ? line.dropFirst(2) : line
    return body.hasPrefix("panic: ") || body.hasPrefix("fatal error: ") || body.hasPrefix("SIGQUIT: ")
  }

  /// The offset of `needle` in `count` bytes at `base`.
  private static func find(_ needle: StaticString, in base: UnsafePointer<UInt8>, count: Int) -> Int? {
    let length = needle.utf8CodeUnitCount
    var offset = 0
    while count - offset >= length,
      let found = memchr(base + offset, Int32(needle.utf8Start[0]), count - offset - length + 1)
    {
      let position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
      if memcmp(base + position, needle.utf8Start, length) == 0 { return position }
      offset = position + 1
    }
    return nil
  }
}
