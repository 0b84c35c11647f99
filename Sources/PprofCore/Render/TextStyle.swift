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
    let counts = Severity.allCases.reversed().map { level in
      "\(severities.filter { $0 == level }.count) \(level.rawValue)"
    }
    let exit: String
    if let failOn {
      let failing = severities.contains { $0 >= failOn }
      exit = "(--fail-on \(failOn.rawValue): exit \(failing ? 1 : 0))"
    } else {
      exit = "(--fail-on never: exit 0)"
    }
    return "Summary: " + counts.joined(separator: ", ") + "  " + exit
  }
}
