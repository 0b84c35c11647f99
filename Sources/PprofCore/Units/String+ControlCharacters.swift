extension Unicode.Scalar {
  /// A C0 or C1 control character, or DEL: what a terminal acts on instead of showing.
  package var isControlCharacter: Bool { value < 0x20 || (0x7f...0x9f).contains(value) }
}

extension String {
  /// The text with each control character written out (`\n`, `\t`, `\r`, `\x1b`), so that it
  /// stays on its line and sends nothing to a terminal; `escapeAlso` picks more scalars to
  /// write by `escape`.
  package func escapingControlCharacters(
    also escapeAlso: (Unicode.Scalar) -> String? = { _ in nil }
  ) -> String {
    guard unicodeScalars.contains(where: { $0.isControlCharacter || escapeAlso($0) != nil }) else {
      return self
    }
    var escaped = ""
    for scalar in unicodeScalars {
      if let other = escapeAlso(scalar) {
        escaped += other
        continue
      }
      switch scalar {
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      case "\r": escaped += "\\r"
      case _ where scalar.isControlCharacter: escaped += String.hexEscape(UInt8(scalar.value))
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// `\xNN` for a byte.
  package static func hexEscape(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return "\\x" + (digits.count == 1 ? "0" : "") + digits
  }
}
