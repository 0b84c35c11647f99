import Foundation

/// The goroutine labels Go 1.27's tracebacks print after the bracket (on by default with a
/// `go 1.27` module; `GODEBUG=tracebacklabels=1` elsewhere):
/// `goroutine 7 [chan send] {route: /work, "tenant id": "a b"}:`. A key or value made only of
/// letters, digits, `.`, `/` and `_` is bare; any other is quoted, with `\n \r \t \\ \"`,
/// `\xNN`, `\uNNNN` and `\UNNNNNNNN` escapes (the runtime's `printquoted`).
enum TracebackLabels {
  /// The pairs of `text`, the part between the braces, in order; nil when it does not parse.
  static func parse(_ text: Substring) -> [(key: String, value: String)]? {
    var scalars = Array(text.unicodeScalars)[...]
    var pairs: [(key: String, value: String)] = []
    while !scalars.isEmpty {
      guard let key = string(&scalars), scalars.starts(with: [":", " "]) else { return nil }
      scalars = scalars.dropFirst(2)
      guard let value = string(&scalars) else { return nil }
      pairs.append((key, value))
      if scalars.isEmpty { break }
      guard scalars.starts(with: [",", " "]) else { return nil }
      scalars = scalars.dropFirst(2)
    }
    return pairs
  }

  /// A bare or quoted string at the start of `scalars`, consumed.
  private static func string(_ scalars: inout ArraySlice<Unicode.Scalar>) -> String? {
    guard let first = scalars.first else { return nil }
    guard first == "\"" else {
      let bare = scalars.prefix { $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "." || $0 == "/" || $0 == "_" }
      guard !bare.isEmpty else { return nil }
      scalars = scalars.dropFirst(bare.count)
      return String(String.UnicodeScalarView(bare))
    }
    scalars = scalars.dropFirst()
    var out = String.UnicodeScalarView()
    while let scalar = scalars.popFirst() {
      switch scalar {
      case "\"": return String(out)
      case "\\":
        guard let escape = scalars.popFirst() else { return nil }
        switch escape {
        case "n": out.append("\n")
        case "r": out.append("\r")
        case "t": out.append("\t")
        case "\\", "\"": out.append(escape)
        case "x", "u", "U":
          let digits = escape == "x" ? 2 : escape == "u" ? 4 : 8
          let hex = String(String.UnicodeScalarView(scalars.prefix(digits)))
          guard hex.count == digits, let value = UInt32(hex, radix: 16) else { return nil }
          scalars = scalars.dropFirst(digits)
          // \xNN is a byte that was not UTF-8: shown as U+FFFD, as String(decoding:) would.
          out.append(escape == "x" ? (value < 0x80 ? Unicode.Scalar(UInt8(value)) : "\u{FFFD}") : Unicode.Scalar(value) ?? "\u{FFFD}")
        default: return nil
        }
      default: out.append(scalar)
      }
    }
    return nil  // no closing quote
  }

  /// The pairs as the JSON object debug=1 dumps print (`{"route":"/work"}`), keys sorted, so
  /// labelled goroutines group and become profile labels the same way from either page.
  static func json(_ pairs: [(key: String, value: String)]) -> String {
    let object = Dictionary(pairs.map { ($0.key, $0.value) }) { first, _ in first }
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return "" }  // strings always serialize
    return String(decoding: data, as: UTF8.self)
  }
}
