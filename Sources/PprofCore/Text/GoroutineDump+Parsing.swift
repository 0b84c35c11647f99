import Foundation

extension GoroutineDump {
  /// True when `bytes` start like a goroutine text dump (after any crash preamble).
  public static func looksLikeDump(_ bytes: [UInt8]) -> Bool {
    let head = String(decoding: bytes.prefix(1 << 16), as: UTF8.self)
    return head.hasPrefix("goroutine profile: total ") || head.hasPrefix("goroutine ")
      || head.contains("\ngoroutine ")
  }

  /// Parses every dump in `text` (a log may hold several, one after another).
  public static func parseAll(_ text: String) throws(GoroutineDumpError) -> [GoroutineDump] {
    // "\r\n" is one Character in Swift, so CRLF line ends need splitting on explicitly.
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
      .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    if lines.first?.hasPrefix("goroutine profile: total ") == true {
      return [try parseDebug1(lines)]
    }
    return try parseTracebacks(lines)
  }

  // MARK: debug=2 and tracebacks

  static func parseTracebacks(_ lines: [Substring]) throws(GoroutineDumpError) -> [GoroutineDump] {
    var dumps: [GoroutineDump] = []
    var builder = GroupBuilder()
    var seenIDs = Set<Int>()
    var index = 0
    var sawHeader = false

    func finishDump() {
      if !builder.isEmpty { dumps.append(builder.dump()) }
      builder = GroupBuilder()
      seenIDs = []
    }

    while index < lines.count {
      let line = lines[index]
      guard let header = Header(line) else {
        index += 1
        continue  // preambles, register dumps, log lines between dumps
      }
      sawHeader = true
      if seenIDs.contains(header.id) { finishDump() }
      seenIDs.insert(header.id)
      index += 1
      var frames: [Frame] = []
      var createdBy: Frame?
      var elided = 0
      while index < lines.count {
        let current = lines[index]
        if current.isEmpty || Header(current) != nil { break }
        if current.hasPrefix("[originating from goroutine") {
          // Ancestor tracebacks (GODEBUG=tracebackancestors): not this goroutine's stack.
          index += 1
          while index < lines.count, !lines[index].isEmpty, Header(lines[index]) == nil { index += 1 }
          continue
        }
        if current.hasPrefix("...") {
          elided += Int(current.split(separator: " ").first?.dropFirst(3) ?? "") ?? 0
          index += 1
          continue
        }
        let location = index + 1 < lines.count ? lines[index + 1] : ""
        guard location.hasPrefix("\t") else {
          throw GoroutineDumpError(
            line: index + 1, text: String(current),
            reason: "expected a function call followed by a tab-indented file:line")
        }
        let (file, lineNumber) = fileAndLine(location)
        if current.hasPrefix("created by ") {
          var name = current.dropFirst("created by ".count)
          if let range = name.range(of: " in goroutine ") { name = name[..<range.lowerBound] }
          createdBy = Frame(function: String(name), file: file, line: lineNumber)
        } else {
          frames.append(Frame(function: functionName(current), file: file, line: lineNumber))
        }
        index += 2
      }
      builder.add(
        frames: frames, waitReason: header.waitReason, minutes: header.minutes,
        lockedToThread: header.lockedToThread, createdBy: createdBy, elided: elided, labels: "",
        count: 1)
    }
    guard sawHeader else {
      let first = lines.firstIndex { !$0.isEmpty } ?? 0
      throw GoroutineDumpError(
        line: first + 1, text: String(lines.indices.contains(first) ? lines[first] : ""),
        reason: "not a goroutine dump (no \"goroutine N [state]:\" line)")
    }
    finishDump()
    return dumps
  }

  /// `goroutine 5 [chan send, 3 minutes, locked to thread]:`, and the newer
  /// `goroutine 5 gp=0x… m=nil [chan receive (durable)]:`.
  struct Header: Equatable {
    var id: Int
    var waitReason: String
    var minutes: Int?
    var lockedToThread: Bool

    init?(_ line: Substring) {
      guard line.hasPrefix("goroutine "), line.hasSuffix("]:"),
        let open = line.firstIndex(of: "[")
      else { return nil }
      let idText = line.dropFirst("goroutine ".count).prefix { $0.isNumber }
      guard let id = Int(idText) else { return nil }
      self.id = id
      let state = line[line.index(after: open)..<line.index(line.endIndex, offsetBy: -2)]
      var reasons: [Substring] = []
      minutes = nil
      lockedToThread = false
      for part in state.split(separator: ",") {
        let trimmed = part.drop { $0 == " " }
        if trimmed == "locked to thread" {
          lockedToThread = true
        } else if trimmed.hasSuffix(" minutes") || trimmed.hasSuffix(" minute"),
          let value = Int(trimmed.prefix { $0.isNumber })
        {
          minutes = value
        } else {
          reasons.append(trimmed)
        }
      }
      waitReason = reasons.joined(separator: ", ")
    }
  }

  /// "net/http.(*conn).serve(0xc000092e60, {0x765520, 0xc000095470})" → "net/http.(*conn).serve".
  static func functionName(_ line: Substring) -> String {
    guard line.hasSuffix(")") else { return String(line) }
    var depth = 0
    var index = line.endIndex
    while index > line.startIndex {
      index = line.index(before: index)
      switch line[index] {
      case ")": depth += 1
      case "(":
        depth -= 1
        if depth == 0 { return String(line[..<index]) }
      default: break
      }
    }
    return String(line)
  }

  /// "\t/usr/lib/go/src/net/http/server.go:1991 +0x607" → ("/usr/…/server.go", 1991).
  static func fileAndLine(_ line: Substring) -> (String, Int64) {
    var text = line.drop { $0 == "\t" || $0 == " " }
    if let space = text.lastIndex(of: " "), text[text.index(after: space)...].hasPrefix("+0x") {
      text = text[..<space]
    }
    guard let colon = text.lastIndex(of: ":"), let number = Int64(text[text.index(after: colon)...])
    else { return (String(text), 0) }
    return (String(text[..<colon]), number)
  }

  // MARK: debug=1

  static func parseDebug1(_ lines: [Substring]) throws(GoroutineDumpError) -> GoroutineDump {
    let totalText = lines[0].dropFirst("goroutine profile: total ".count)
    guard let total = Int(totalText) else {
      throw GoroutineDumpError(line: 1, text: String(lines[0]), reason: "no goroutine total")
    }
    var builder = GroupBuilder()
    var index = 1
    while index < lines.count {
      let line = lines[index]
      if line.isEmpty {
        index += 1
        continue
      }
      guard let at = line.range(of: " @ "), let count = Int(line[..<at.lowerBound]) else {
        throw GoroutineDumpError(
          line: index + 1, text: String(line), reason: "expected \"N @ 0x… 0x…\"")
      }
      index += 1
      var frames: [Frame] = []
      var labels = ""
      while index < lines.count, lines[index].hasPrefix("#") {
        let current = lines[index]
        if current.hasPrefix("# labels: ") {
          labels = String(current.dropFirst("# labels: ".count))
        } else {
          // "#\t0x67460e\tmain.longRunningTask+0x6e\t/path/main.go:46"
          let fields = current.split(separator: "\t", omittingEmptySubsequences: true)
          guard fields.count >= 4 else {
            throw GoroutineDumpError(
              line: index + 1, text: String(current),
              reason: "expected \"#\\t0x…\\tfunction+0x…\\tfile:line\"")
          }
          var name = fields[2]
          if let plus = name.range(of: "+0x", options: .backwards) { name = name[..<plus.lowerBound] }
          let (file, lineNumber) = fileAndLine(fields[3])
          frames.append(Frame(function: String(name), file: file, line: lineNumber))
        }
        index += 1
      }
      builder.add(
        frames: frames, waitReason: "", minutes: nil, lockedToThread: false, createdBy: nil,
        elided: 0, labels: labels, count: count)
    }
    var dump = builder.dump()
    dump.format = .debug1
    dump.total = total
    return dump
  }
}

/// Groups goroutines by stack, state and creator, keeping first-seen order.
struct GroupBuilder {
  private struct Key: Hashable {
    var frames: [Frame]
    var waitReason: String
    var lockedToThread: Bool
    var createdBy: Frame?
    var labels: String
  }

  private var groups: [GoroutineDump.Group] = []
  private var index: [Key: Int] = [:]
  private var total = 0

  var isEmpty: Bool { groups.isEmpty }

  mutating func add(
    frames: [Frame], waitReason: String, minutes: Int?, lockedToThread: Bool, createdBy: Frame?,
    elided: Int, labels: String, count: Int
  ) {
    total += count
    let key = Key(
      frames: frames, waitReason: waitReason, lockedToThread: lockedToThread,
      createdBy: createdBy, labels: labels)
    if let position = index[key] {
      groups[position].count += count
      if let minutes {
        let range = groups[position].minutesBlocked
        groups[position].minutesBlocked =
          min(range?.lowerBound ?? minutes, minutes)...max(range?.upperBound ?? minutes, minutes)
      }
      return
    }
    index[key] = groups.count
    groups.append(
      GoroutineDump.Group(
        count: count, waitReason: waitReason, minutesBlocked: minutes.map { $0...$0 },
        lockedToThread: lockedToThread, frames: frames, elidedFrames: elided,
        createdBy: createdBy, labels: labels))
  }

  func dump() -> GoroutineDump {
    GoroutineDump(format: .traceback, total: total, groups: groups)
  }
}
