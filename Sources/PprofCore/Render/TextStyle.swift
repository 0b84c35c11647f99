/// ANSI styling shared by the terminal reports; plain text when colour is off.
struct TextStyle: Sendable {
  var colour: Bool

  func paint(_ text: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  func bold(_ text: String) -> String { paint(text, "1") }
  func dim(_ text: String) -> String { paint(text, "2") }

  /// "LEAK", "SUSPECT" or "info", padded to one width, in red, yellow or dim.
  func severity(_ severity: Severity) -> String {
    switch severity {
    case .leak: paint("LEAK   ", "1;31")
    case .suspect: paint("SUSPECT", "1;33")
    case .info: paint("info   ", "2")
    }
  }

  /// "file:line", or "" when the frame has no file.
  static func location(_ frame: Frame) -> String {
    frame.file.isEmpty ? "" : "\(frame.file):\(frame.line)"
  }

  /// "Summary: 1 leak, 0 suspect, 2 info  (--fail-on leak: exit 1)".
  static func summary(_ severities: [Severity], failOn: Severity?) -> String {
    let counts = Severity.counts(severities)
    let tally = Severity.allCases.reversed().map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue)" }
    let failing = Severity.fails(severities, failOn: failOn)
    let exit = "(--fail-on \(failOn?.rawValue ?? "never"): exit \(failing ? 1 : 0))"
    return "Summary: " + tally.joined(separator: ", ") + "  " + exit
  }

  /// Prose is wrapped to this many columns.
  static let width = 100

  /// Splits `text` into lines of at most `width` columns at spaces, later lines indented.
  static func wrap(_ text: String, width: Int = TextStyle.width - 3) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = "     "
      }
      line += (line.isEmpty || line.allSatisfy { $0 == " " } ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// Frames shown past the responsible frame in a trimmed stack.
  static let callersShown = 2

  /// `stack` from the leaf to a few callers past `responsible` (marked with an arrow), or its
  /// first 8 frames when there is no responsible frame.
  func trimmedStack(_ stack: [Frame], responsible: Frame?) -> [String] {
    var end = min(stack.count, 8)
    if let responsible, let index = stack.firstIndex(of: responsible) {
      end = min(stack.count, index + 1 + Self.callersShown)
    }
    var lines = stack[..<end].map { frame in
      let text = "\(frame.function)  \(Self.location(frame))"
      return frame == responsible ? bold("→ " + text) : "  " + text
    }
    if end < stack.count { lines.append(dim("  … \(stack.count - end) more")) }
    return lines
  }
}
