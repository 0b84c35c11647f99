import PprofUnits
import PprofProfile
import PprofAnalysis

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

  /// A finding's attribution note: why there is no frame of the user's code, or how its
  /// pattern was found.
  static func noteLines(_ note: String, hasResponsible: Bool) -> [String] {
    wrap((hasResponsible ? "note: " : "no frame of your code in these stacks: ") + note)
  }

  /// What a goroutine traceback shows about a finding's goroutines: their wait, for how long,
  /// and the `go` statement that started most of them.
  func evidenceLines(_ evidence: WaitEvidence) -> [String] {
    var lines = ["waiting: " + Self.waiting(evidence)]
    if let creator = evidence.createdBy {
      let share =
        evidence.createdByCount < evidence.goroutines ? " (\(Quantity.grouped(Int64(evidence.createdByCount))) of them)" : ""
      lines.append("created by " + bold(creator.function) + "  " + Self.location(creator) + share)
    }
    return lines
  }

  /// The runtime's proof, wrapped, the proved in bold.
  func proofLines(_ proof: RuntimeProof, pattern: LeakPattern) -> [String] {
    let lines = TextStyle.wrap("proof: " + TextStyle.proofText(proof, pattern: pattern))
    return proof.isProven ? lines.map(bold) : lines
  }

  /// What the goroutines wait on, how long, and how many keep a thread, in every format's
  /// words: "175 goroutines in chan send, blocked 1–15 minutes; 2 locked to their OS threads
  /// (each keeps a thread)".
  static func waiting(_ evidence: WaitEvidence) -> String {
    let reasons =
      evidence.waitReasons.isEmpty
      ? "" : " in " + evidence.waitReasons.prefix(3).joined(separator: " / ")
    let locked = evidence.lockedToThread
    return "\(Quantity.goroutines(evidence.goroutines))\(reasons), " + blockedText(evidence)
      + (locked > 0
        ? "; \(locked) locked to \(locked == 1 ? "its" : "their") OS thread\(locked == 1 ? "" : "s") "
          + "(each keeps a thread)"
        : "")
  }

  /// How long the goroutines have waited, or that nothing can end their wait. The runtime
  /// prints no wait time for goroutines it proved leaked.
  static func blockedText(_ evidence: WaitEvidence) -> String {
    if evidence.leaked == evidence.goroutines { return "leaked (the runtime prints no wait time for them)" }
    let text =
      evidence.waitingForever == evidence.goroutines
      ? "a wait nothing can end" : blockedText(evidence.minutesBlocked)
    return evidence.leaked > 0 ? "\(evidence.leaked) of them leaked; " + text : text
  }

  /// What the runtime's leak check says of a finding's goroutines, in every format's words:
  /// "proved leaked by the Go runtime: 40 goroutines (goroutineleak-08.pb.gz); nothing live can
  /// reach the channel they wait on", or why it could not prove them.
  static func proofText(_ proof: RuntimeProof, pattern: LeakPattern) -> String {
    let file = proof.path.isEmpty ? "" : " (\(proof.path))"
    guard proof.isProven else {
      return "the Go runtime's leak check\(file) did not prove these leaked: what they wait on is "
        + "still reachable (from a global, a live goroutine, the runtime's timers or a "
        + "connection), or they are not blocked, so only their growth shows this leak"
    }
    let waitsOn: String
    switch pattern {
    case .blockedSend, .blockedRecv, .blockedSelect: waitsOn = "the channel they wait on"
    case .syncWait: waitsOn = "the lock, WaitGroup or Cond they wait on"
    default: waitsOn = "what they wait on"
    }
    let series =
      proof.values.count > 1
      ? ", \(Quantity.grouped(proof.values.first ?? 0)) → \(Quantity.grouped(proof.leaked)) over the checks" : ""
    return "proved leaked by the Go runtime: \(Quantity.goroutines(Int(proof.leaked)))\(series)\(file); "
      + "nothing live can reach \(waitsOn)"
  }

  /// "blocked 3 minutes", "blocked up to 3 minutes", "blocked 1–15 minutes", "no wait time shown".
  static func blockedText(_ minutes: ClosedRange<Int>?) -> String {
    guard let minutes else { return "no wait time shown (under a minute)" }
    let unit = minutes.upperBound == 1 ? "minute" : "minutes"
    if minutes.lowerBound == minutes.upperBound { return "blocked \(minutes.upperBound) \(unit)" }
    if minutes.lowerBound == 0 { return "blocked up to \(minutes.upperBound) \(unit)" }
    return "blocked \(minutes.lowerBound)–\(minutes.upperBound) \(unit)"
  }

  /// "Summary: 1 leak, 0 suspect, 2 info; 1 in the baseline; 2 suppressed  (--fail-on leak:
  /// exit 1)", then one line per suppressed finding naming the rule that hid it.
  func summary(
    _ findings: [Finding], suppressed: [SuppressedFinding], failOn: Severity?
  ) -> [String] {
    let tally = Severity.tally(findings, suppressed: suppressed.count)
    let failing = Severity.fails(findings, failOn: failOn)
    let exit = "(--fail-on \(failOn?.rawValue ?? "never"): exit \(failing ? 1 : 0))"
    var lines = ["Summary: " + tally + "  " + exit]
    for hidden in suppressed {
      lines.append(
        dim("  suppressed: \(hidden.severity.rawValue) \(hidden.pattern.rawValue) \(hidden.subject) "
          + "\(hidden.headline)  by \(hidden.rule)"))
    }
    return lines
  }

  /// " (in the baseline)" after a finding's headline, or nothing.
  func baselineTag(_ finding: Finding) -> String {
    finding.inBaseline ? dim("  (in the baseline)") : ""
  }

  /// What a stack's goroutines wait on, as a traceback's header gives it: " [chan send]"; ""
  /// when no traceback said.
  static func waitTag(_ waitReason: String?) -> String {
    waitReason.map { " [\($0)]" } ?? ""
  }

  /// "stack (leaf first):", with the stack's wait: "stack (leaf first) [chan send]:".
  static func stackHeading(waitReason: String?) -> String {
    "stack (leaf first)" + waitTag(waitReason) + ":"
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
      let place = Self.location(frame)
      let text = place.isEmpty ? frame.function : "\(frame.function)  \(place)"
      return frame == responsible ? bold("→ " + text) : "  " + text
    }
    if end < stack.count { lines.append(dim("  … \(stack.count - end) more")) }
    return lines
  }
}

extension TextStyle {
  /// A finding's lines under its headline, indented: the line to fix, the attribution note,
  /// what a traceback shows, `details` (a series' slope and companion), the pattern, the
  /// stack, `afterStack`, and the fix.
  func findingBody(_ finding: Finding, details: [String] = [], afterStack: [String] = []) -> [String] {
    let indent = "   "
    var lines: [String] = []
    if let frame = finding.responsible {
      lines.append(indent + bold(frame.function) + "  " + TextStyle.location(frame))
    }
    if let note = finding.attributionNote {
      lines += TextStyle.noteLines(note, hasResponsible: finding.responsible != nil).map { indent + $0 }
    }
    if let evidence = finding.evidence {
      lines += evidenceLines(evidence).map { indent + $0 }
    }
    if let proof = finding.proof {
      lines += proofLines(proof, pattern: finding.pattern).map { indent + $0 }
    }
    lines += details.map { indent + $0 }
    lines.append(indent + finding.pattern.summary)
    lines.append(indent + dim(Self.stackHeading(waitReason: finding.waitReason)))
    for line in trimmedStack(finding.stack, responsible: finding.responsible) {
      lines.append(indent + "  " + line)
    }
    lines += afterStack.map { indent + $0 }
    lines += TextStyle.wrap("fix: " + finding.advice).map { indent + $0 }
    return lines
  }
}

