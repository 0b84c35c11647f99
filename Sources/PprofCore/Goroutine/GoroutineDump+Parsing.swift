import PprofUnits
import PprofProfile

extension GoroutineDump {
  /// True when `bytes` read as text rather than a binary profile: the first 512 bytes hold a
  /// visible character and no control characters but tab, CR and LF. Binary profiles start with protobuf tags and lengths.
  public static func isText(_ bytes: [UInt8]) -> Bool {
    let head = bytes.prefix(512)
    return head.contains { $0 > 0x20 }
      && head.allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
  }

  /// Parses every dump in `text` (a log may hold several, one after another).
  public static func parseAll(_ text: String) throws(GoroutineDumpError) -> [GoroutineDump] {
    try parseAll(Array(text.utf8))
  }

  /// Parses every dump in `bytes` (a log may hold several, one after another): debug=1, or
  /// debug=2 and crash tracebacks with any preamble (`panic:`, `SIGQUIT: quit`, registers).
  public static func parseAll(_ bytes: [UInt8]) throws(GoroutineDumpError) -> [GoroutineDump] {
    var parser = DumpParser(TextLines(bytes))
    return try parser.parse()
  }
}

/// Reads the lines of one file into dumps, interning names, locations and frames as it goes,
/// so each distinct frame becomes a String once however many goroutines share it.
struct DumpParser {
  private(set) var lines: TextLines
  /// Log tools' line prefixes, cut before parsing; their notes and warnings go to the dump
  /// they were found in.
  private var prefixes = LinePrefixes()
  private var names: [ByteKey: Int32] = [:]
  private var nameStrings: [String] = []
  private var locationIDs: [ByteKey: Int32] = [:]
  private var locations: [(file: String, line: Int64)] = []
  private var frameIDs: [Int64: Int32] = [:]
  private var frames: [Frame] = []
  private var states: [ByteKey: State] = [:]
  /// Label texts after the bracket, as JSON (nil: they did not parse), once per distinct text.
  private var labelTexts: [ByteKey: String?] = [:]

  /// A header's bracketed state, parsed once per distinct text.
  struct State {
    var waitReason: String
    var minutes: Int
    var lockedToThread: Bool
    /// `(leaked)`: the runtime's leak check (Go 1.26+) proved the goroutine can never run again.
    var leaked: Bool
    /// `, synctest bubble N`: the goroutine belongs to a `testing/synctest` bubble.
    var inSynctestBubble: Bool
  }

  init(_ lines: TextLines) {
    self.lines = lines
  }

  mutating func parse() throws(GoroutineDumpError) -> [GoroutineDump] {
    guard (0..<lines.count).contains(where: { !lines[$0].isEmpty }) else {
      throw GoroutineDumpError(line: 1, text: "", reason: "empty file")
    }
    prefixes.strip(&lines)
    return try parseDumps()
  }

  // MARK: Interning

  private mutating func name(_ bytes: ArraySlice<UInt8>) -> Int32 {
    let key = ByteKey(bytes: bytes)
    if let id = names[key] { return id }
    let id = Int32(nameStrings.count)
    nameStrings.append(String(decoding: bytes, as: UTF8.self))
    names[key] = id
    return id
  }

  /// "/path/main.go:46" (offsets and frame pointers already cut) → a location id; nil when
  /// there is no line number.
  private mutating func location(_ bytes: ArraySlice<UInt8>) -> Int32? {
    let key = ByteKey(bytes: bytes)
    if let id = locationIDs[key] { return id }
    guard let colon = bytes.lastIndex(of: 0x3A),
      let number = bytes[(colon + 1)...].decimal
    else { return nil }
    let id = Int32(locations.count)
    locations.append((String(decoding: bytes[..<colon], as: UTF8.self), Int64(number)))
    locationIDs[key] = id
    return id
  }

  private mutating func frame(name: Int32, location: Int32) -> Int32 {
    let key = Int64(name) << 32 | Int64(location)
    if let id = frameIDs[key] { return id }
    let id = Int32(frames.count)
    let place = locations[Int(location)]
    frames.append(Frame(function: nameStrings[Int(name)], file: place.file, line: place.line))
    frameIDs[key] = id
    return id
  }

  private func error(_ index: Int, _ reason: String) -> GoroutineDumpError {
    GoroutineDumpError(line: lines.number(index), text: lines.string(index), reason: reason)
  }

  // MARK: debug=2 and tracebacks

  private func isHeader(_ line: ArraySlice<UInt8>) -> Bool {
    line.hasPrefix("goroutine ") && (line.hasSuffix("]:") || line.hasSuffix("}:")) && line.contains(0x5B)
  }

  /// `goroutine 5 [chan send, 3 minutes, locked to thread]:`, the newer
  /// `goroutine 5 gp=0x… m=nil [chan receive (durable)]:`, and Go 1.27's labels after the
  /// bracket, `goroutine 7 [chan send] {route: /work, "tenant id": "a b"}:`. `labels` is their
  /// JSON (empty without labels; nil when they do not parse: the goroutine is kept without them).
  private mutating func header(_ line: ArraySlice<UInt8>) -> (id: Int, state: State, labels: String?)? {
    guard isHeader(line), let open = line.firstIndex(of: 0x5B),
      let close = line[open...].firstIndex(of: 0x5D),
      let id = line[(line.startIndex + 10)...].leadingDecimal
    else { return nil }
    // What follows the bracket: ":" alone, or " {labels}:". Anything else after a header's
    // bracket is labels that do not parse: the goroutine is kept and the caller warns.
    let after = line[(close + 1)..<(line.endIndex - 1)]
    var labels: String? = ""
    if !after.isEmpty, !(after.hasPrefix(" {") && after.last == 0x7D) {
      labels = nil
    } else if !after.isEmpty {
      let inside = after[(after.startIndex + 2)..<(after.endIndex - 1)]
      let labelKey = ByteKey(bytes: inside)
      if let known = labelTexts[labelKey] {
        labels = known
      } else {
        let parsed = TracebackLabels.parse(Substring(String(decoding: inside, as: UTF8.self)))
        labels = parsed.map(TracebackLabels.json)
        labelTexts[labelKey] = labels
      }
    }
    let text = line[(open + 1)..<close]
    let key = ByteKey(bytes: text)
    if let state = states[key] { return (id, state, labels) }
    var reasons: [Substring] = []
    var state = State(
      waitReason: "", minutes: 0, lockedToThread: false, leaked: false, inSynctestBubble: false)
    for part in String(decoding: text, as: UTF8.self).split(separator: ",") {
      var trimmed = part.drop { $0 == " " }
      if trimmed == "locked to thread" {
        state.lockedToThread = true
      } else if trimmed.hasPrefix("synctest bubble ") {
        state.inSynctestBubble = true
      } else if trimmed.hasSuffix(" minutes") || trimmed.hasSuffix(" minute"),
        let value = Int(trimmed.prefix { $0.isNumber })
      {
        state.minutes = value
      } else {
        // The status's markers, in the runtime's order `chan send (leaked) (scan) (durable)`:
        // "(leaked)" (Go 1.26+ leak check) and "(scan)" (a GC scanning the stack at that
        // moment) are taken out; "(durable)" is part of synctest's wait reasons and stays.
        if reasons.isEmpty, trimmed.contains(" (") {
          for marker in [" (leaked)", " (scan)"] where trimmed.contains(marker) {
            if marker == " (leaked)" { state.leaked = true }
            trimmed = Substring(trimmed.replacing(marker, with: ""))
          }
        }
        reasons.append(trimmed)
      }
    }
    state.waitReason = reasons.joined(separator: ", ")
    states[key] = state
    return (id, state, labels)
  }

  /// A line as a message quotes it: cut at 60 characters.
  static func shown(_ text: String) -> String {
    text.count > 60 ? String(text.prefix(60)) + "…" : text
  }

  /// "net/http.(*conn).serve(0xc000092e60, {0x765520, 0xc000095470})" → "net/http.(*conn).serve".
  private static func functionName(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    guard line.last == 0x29 else { return line }
    var depth = 0
    var index = line.endIndex
    while index > line.startIndex {
      index -= 1
      switch line[index] {
      case 0x29: depth += 1
      case 0x28:
        depth -= 1
        if depth == 0 { return line[line.startIndex..<index] }
      default: break
      }
    }
    return line
  }

  /// "\t/usr/lib/go/src/net/http/server.go:1991 +0x607 fp=0x… sp=0x… pc=0x…" →
  /// "/usr/lib/go/src/net/http/server.go:1991".
  private static func locationText(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    let text = line.dropping { $0 == 0x09 || $0 == 0x20 }
    if let offset = text.firstRange(of: " +0x") { return text[text.startIndex..<offset.lowerBound] }
    return text
  }

  /// A line that starts a crash report: `panic: …`, `fatal error: …`, `SIGQUIT: quit` (after
  /// `^\`, a terminal's echo of the Ctrl-\ that sent it).
  private static func isPreamble(_ line: ArraySlice<UInt8>) -> Bool {
    let line = line.hasPrefix("^\\") ? line.dropFirst(2) : line
    if line.hasPrefix("panic: ") || line.hasPrefix("fatal error: ") { return true }
    guard line.hasPrefix("SIG"), let colon = line.firstIndex(of: 0x3A) else { return false }
    return line[(line.startIndex + 3)..<colon].allSatisfy { (0x41...0x5A).contains($0) }
  }

  /// A frame's "\tfile:line" (or, where a log shipper turned the tab into spaces, indented by
  /// spaces); function lines never start with white space.
  private static func isIndented(_ line: ArraySlice<UInt8>) -> Bool {
    line.first == 0x09 || line.first == 0x20
  }

  /// Every dump in the file, in order. A traceback dump ends where a goroutine id repeats, a
  /// crash preamble starts another, or a debug=1 dump begins; other text between goroutines
  /// (registers, log lines) is skipped. A goroutine whose frames are interrupted by a line
  /// that is not a frame is cut: it is skipped and counted in a warning, and the dump goes
  /// on.
  private mutating func parseDumps() throws(GoroutineDumpError) -> [GoroutineDump] {
    var parsed = DumpsRead()
    var index = 0
    /// Where the first cut goroutine broke off: the error to give when nothing else parsed.
    var firstCut: GoroutineDumpError?
    func finishDump() { parsed.finishDump(at: index, lines: lines, prefixes: prefixes) }

    while index < lines.count {
      let line = lines[index]
      guard let (id, state, labels) = header(line) else {
        if Self.isCountProfileStart(line) {
          finishDump()
          let (dump, next) = try parseDebug1(from: index)
          parsed.append(dump)
          index = next
          continue
        }
        if Self.isPreamble(line) {
          finishDump()
          parsed.deadlocked = line.hasPrefix("fatal error: all goroutines are asleep")
          parsed.synctestDeadlock = line.hasPrefix("panic: deadlock: ") && line.firstRange(of: " bubble ") != nil
        } else if !parsed.builder.isEmpty, line.hasPrefix("goroutine "), lines.onlyBlankLines(from: index + 1) {
          parsed.builder.warnings.append(
            "line \(lines.number(index)): the dump ends in the middle of a goroutine header; kept the "
              + "\(parsed.builder.goroutines) goroutines before it")
        } else if line.hasPrefix("goroutine "), line.dropFirst(10).leadingDecimal != nil, line.contains(0x5B) {
          parsed.unreadableHeaders.append(index)
        }
        index += 1
        continue  // registers, log lines
      }
      if parsed.seenIDs.contains(id) { finishDump() }
      if parsed.builder.isEmpty { parsed.firstLine = lines.number(index) }
      parsed.seenIDs.insert(id)
      let headerIndex = index
      index += 1
      let body = readFrames(from: &index)
      if body.truncated || (body.stack.isEmpty && lines.onlyBlankLines(from: headerIndex + 1)) {
        parsed.builder.warnings.append(
          "line \(lines.number(headerIndex)): the dump ends in the middle of goroutine \(id); kept the "
            + "\(parsed.builder.goroutines) goroutines before it")
        index = lines.count
        break
      }
      if let cut = body.cut {
        firstCut = firstCut ?? cut
        parsed.builder.skipCut(line: cut.line)
        continue  // the outer loop skips the line that broke in
      }
      let stuckInBubble =
        parsed.synctestDeadlock && state.inSynctestBubble
        && !["", "running", "runnable", "syscall"].contains(state.waitReason)
      parsed.builder.add(
        frames: body.stack.map { frames[Int($0)] }, stackKey: body.stack, waitReason: state.waitReason,
        leaked: state.leaked || stuckInBubble, minutes: state.minutes,
        lockedToThread: state.lockedToThread,
        createdBy: body.createdBy >= 0 ? frames[Int(body.createdBy)] : nil, creatorKey: body.createdBy,
        elided: body.elided, labels: labels ?? "", count: 1)
      if labels == nil {
        parsed.unreadableLabels.append(lines.number(headerIndex))
      }
    }
    finishDump()
    if parsed.dumps.isEmpty, let firstCut { throw firstCut }
    if let last = parsed.dumps.indices.last {
      parsed.dumps[last].warnings += parsed.carried
      parsed.dumps[last].notes += parsed.carriedNotes
    } else if !parsed.carried.isEmpty {
      // One dump, cut off in its first goroutine: nothing to count, but it is a dump.
      parsed.dumps.append(
        GoroutineDump(format: .traceback, total: 0, groups: [], firstLine: parsed.firstLine, warnings: parsed.carried))
    } else {
      let first = (0..<lines.count).first { !lines[$0].isEmpty } ?? 0
      throw error(first, "not a goroutine dump (no \"goroutine N [state]:\" line)")
    }
    return parsed.dumps
  }

  /// The frames of one goroutine, read after its header.
  private struct GoroutineFrames {
    /// Frame ids, leaf first.
    var stack: [Int32] = []
    /// The frame id of the `created by` line, or -1.
    var createdBy: Int32 = -1
    /// Frames the runtime elided (`...12 frames elided...`; -1 when it gives no count).
    var elided = 0
    /// The file ends in the middle of the goroutine.
    var truncated = false
    /// Other text broke into the goroutine before its end: where, and what was expected.
    var cut: GoroutineDumpError?
  }

  /// Reads the frames of the goroutine whose header was the line before `index`, and leaves
  /// `index` at the line after them.
  private mutating func readFrames(from index: inout Int) -> GoroutineFrames {
    var read = GoroutineFrames()
    while index < lines.count {
      let current = lines[index]
      if current.isEmpty || isHeader(current) { break }
      if current.hasPrefix("[originating from goroutine") {
        // Ancestor tracebacks (GODEBUG=tracebackancestors): not this goroutine's stack.
        // Its frames are function / "\tfile:line" pairs; a log line after them is not one.
        index += 1
        while index < lines.count, !lines[index].isEmpty, !isHeader(lines[index]) {
          if lines[index].hasPrefix("...") {
            index += 1
          } else if index + 1 < lines.count, Self.isIndented(lines[index + 1]) {
            index += 2
          } else {
            break
          }
        }
        continue
      }
      if current.hasPrefix("...") {
        // "...12 frames elided..." (Go 1.21+) or "...additional frames elided...".
        read.elided = current.dropFirst(3).leadingDecimal ?? -1
        index += 1
        continue
      }
      if Self.isIndented(current) {
        // "\tgoroutine running on other thread; stack unavailable"
        index += 1
        continue
      }
      let next = index + 1 < lines.count ? lines[index + 1] : []
      let place = Self.isIndented(next) ? location(Self.locationText(next)) : nil
      guard let place else {
        // A line that is no frame ("exit status 2" after `go run`, "FAIL pkg 2.0s" after
        // `go test`, a log line) ends a goroutine that has a complete frame: it is kept. A
        // function line ("name(args)") without its "\tfile:line" is a frame cut off: at the
        // end of the file the dump was truncated, elsewhere other text broke in.
        let startsFrame = current.last == 0x29 || Self.isIndented(next)
        if !startsFrame, !read.stack.isEmpty || read.createdBy >= 0 { break }
        if lines.onlyBlankLines(from: index + 1)
          || (Self.isIndented(next) && lines.onlyBlankLines(from: index + 2))
        {
          read.truncated = true
        } else if read.createdBy < 0 {
          // The runtime ends every goroutine with its creator or a blank line: anything
          // else breaks into it (a log line, a dump cut off and continued by other text).
          read.cut =
            Self.isIndented(next)
            ? error(index + 1, "expected \"file:line\" after the tab")
            : error(index, "expected a function call followed by a tab-indented file:line")
        }
        break
      }
      if current.hasPrefix("created by ") {
        var name = current.dropFirst("created by ".count)
        if let range = name.firstRange(of: " in goroutine ") {
          name = name[name.startIndex..<range.lowerBound]
        }
        read.createdBy = frame(name: self.name(name), location: place)
      } else {
        read.stack.append(frame(name: name(Self.functionName(current)), location: place))
      }
      index += 2
    }
    return read
  }

  // MARK: debug=1

  /// `goroutine profile: total 12`, `goroutineleak profile: total 4`: any `NAME profile: total
  /// N`, as pprof's legacy parser takes it. The name and the total.
  static func countProfileStart(_ line: ArraySlice<UInt8>) -> (name: String, total: Int)? {
    guard let range = line.firstRange(of: " profile: total "), range.lowerBound > line.startIndex,
      let total = line[range.upperBound...].decimal
    else { return nil }
    let name = line[line.startIndex..<range.lowerBound]
    guard name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
    return (String(decoding: name, as: UTF8.self), total)
  }

  static func isCountProfileStart(_ line: ArraySlice<UInt8>) -> Bool {
    line.firstRange(of: " profile: total ") != nil && countProfileStart(line) != nil
  }

  /// More goroutines than any process holds (each needs a few KiB of stack).
  static let maxGoroutines = 1 << 40

  /// The debug=1 dump whose first line is at `start`, and the index of the line after it (the
  /// end, or the first line of another dump).
  private mutating func parseDebug1(
    from start: Int
  ) throws(GoroutineDumpError) -> (dump: GoroutineDump, next: Int) {
    guard let (profileName, total) = Self.countProfileStart(lines[start]) else {
      throw error(start, "no goroutine total")
    }
    var builder = GroupBuilder()
    var index = start + 1
    records: while index < lines.count {
      let line = lines[index]
      if line.isEmpty {
        index += 1
        continue
      }
      if Self.isCountProfileStart(line) || isHeader(line) { break }
      let recordIndex = index
      // "N @ 0x… 0x…", or "N @" for a record with no stack (threadcreate's threads).
      guard let at = line.firstRange(of: " @ ") ?? (line.hasSuffix(" @") ? (line.endIndex - 2)..<line.endIndex : nil),
        let count = line[line.startIndex..<at.lowerBound].decimal
      else {
        if lines.onlyBlankLines(from: index + 1) {
          builder.warnings.append(
            "line \(lines.number(index)): the dump ends in the middle of a record; kept the "
              + "\(builder.goroutines) goroutines before it")
          break
        }
        // Other text after records ends the dump (a log goes on); before any, it is not one.
        if builder.goroutines == 0 { throw error(index, "expected \"N @ 0x… 0x…\"") }
        break
      }
      // Go cannot run more goroutines than memory holds; a larger count is corrupt (and
      // would overflow the totals).
      guard count <= Self.maxGoroutines else {
        throw error(index, "\(count) goroutines in one record is not a real count")
      }
      index += 1
      var stack: [Int32] = []
      var labels = ""
      while index < lines.count, lines[index].first == 0x23 {
        let current = lines[index]
        if current.hasPrefix("# labels: ") {
          labels = String(decoding: current.dropFirst("# labels: ".count), as: UTF8.self)
          index += 1
          continue
        }
        // "#\t0x67460e\tmain.longRunningTask+0x6e\t/path/main.go:46"; "#\t0x0" alone is a
        // frame the runtime could not name.
        let fields = current.split(separator: 0x09, omittingEmptySubsequences: true)
        if fields.count == 2, fields[1].hasPrefix("0x") {
          index += 1
          continue
        }
        let place = fields.count >= 4 ? location(fields[3].dropping { $0 == 0x20 }) : nil
        guard let place else {
          if lines.onlyBlankLines(from: index + 1) {
            builder.warnings.append(
              "line \(lines.number(recordIndex)): the dump ends in the middle of a record; kept the "
                + "\(builder.goroutines) goroutines before it")
            break records
          }
          throw error(index, "expected \"#\\t0x…\\tfunction+0x…\\tfile:line\"")
        }
        var function = fields[2]
        if let plus = function.lastIndex(of: 0x2B) { function = function[function.startIndex..<plus] }
        stack.append(frame(name: name(function), location: place))
        index += 1
      }
      if stack.isEmpty, lines.onlyBlankLines(from: index) {
        builder.warnings.append(
          "line \(lines.number(recordIndex)): the dump ends in the middle of a record; kept the "
            + "\(builder.goroutines) goroutines before it")
        break
      }
      builder.add(
        frames: stack.map { frames[Int($0)] }, stackKey: stack, waitReason: "",
        leaked: profileName == "goroutineleak", minutes: nil,
        lockedToThread: false, createdBy: nil, creatorKey: -1, elided: 0, labels: labels,
        count: count)
    }
    var dump = builder.dump(format: .debug1, firstLine: lines.number(start))
    dump.total = total
    dump.profileName = profileName
    dump.isLeakCheck = profileName == "goroutineleak"
    if builder.goroutines < total {
      dump.warnings.append(
        "the dump holds \(builder.goroutines) of the \(total) goroutines its first line counts")
    }
    return (dump, index)
  }
}

/// The dumps `DumpParser.parseDumps` has read, and the traceback dump it is reading.
private struct DumpsRead {
  var dumps: [GoroutineDump] = []
  /// The groups of the dump being read.
  var builder = GroupBuilder()
  /// Goroutine ids of the dump being read: one seen again starts the next dump.
  var seenIDs = Set<Int>()
  /// The line of the dump's first goroutine.
  var firstLine = 0
  /// The dump being read follows the runtime's deadlock preamble.
  var deadlocked = false
  /// The dump being read follows synctest's deadlock panic: its bubble's blocked goroutines
  /// can never run again.
  var synctestDeadlock = false
  /// The warnings of dumps that held no goroutine (cut off in their first one): they go with
  /// the next dump read, or the last, rather than make a snapshot of nothing.
  var carried: [String] = []
  var carriedNotes: [String] = []
  /// Header lines of the dump being read whose labels did not parse.
  var unreadableLabels: [Int] = []
  /// Lines of the dump being read that start like a goroutine header but do not parse: their
  /// goroutines are skipped (their frames read as other text), and counted in a warning.
  var unreadableHeaders: [Int] = []
  /// How many of the prefixes' notes and warnings have gone to a dump.
  private var givenNotes = 0
  private var givenWarnings = 0

  mutating func append(_ dump: GoroutineDump) {
    var dump = dump
    // A `goroutineleak profile: total 0` page is a check that found no leak, not nothing.
    guard !dump.groups.isEmpty || (dump.format == .debug1 && dump.total == 0 && dump.warnings.isEmpty)
    else {
      carried += dump.warnings
      carriedNotes += dump.notes
      return
    }
    dump.warnings = carried + dump.warnings
    dump.notes = carriedNotes + dump.notes
    carried = []
    carriedNotes = []
    dumps.append(dump)
  }

  /// The prefix notes and warnings of lines before `end` (1-based, exclusive), not yet given.
  private mutating func prefixMessages(before end: Int, _ prefixes: LinePrefixes)
    -> (notes: [String], warnings: [String])
  {
    let notes = prefixes.notes[givenNotes...].prefix { $0.line < end }.map(\.text)
    let warnings = prefixes.warnings[givenWarnings...].prefix { $0.line < end }.map(\.text)
    givenNotes += notes.count
    givenWarnings += warnings.count
    return (notes, warnings)
  }

  /// Ends the traceback dump being read at line `index` (its goroutines, if any, become a dump)
  /// and starts the next.
  mutating func finishDump(at index: Int, lines: TextLines, prefixes: LinePrefixes) {
    let messages = prefixMessages(before: lines.number(index), prefixes)
    builder.warnings = messages.warnings + builder.warnings
    if let first = unreadableLabels.first {
      builder.warnings.append(
        "line \(first): the labels after the bracket of \(Quantity.goroutines(unreadableLabels.count)) "
          + "do not parse; kept \(unreadableLabels.count == 1 ? "it" : "them") without labels")
      unreadableLabels = []
    }
    if let first = unreadableHeaders.first {
      builder.warnings.append(
        "line \(lines.number(first)): skipped \(Quantity.goroutines(unreadableHeaders.count)) whose header does not "
          + "parse: \"\(DumpParser.shown(lines.string(first)))\"")
      unreadableHeaders = []
    }
    var dump = builder.dump(format: .traceback, firstLine: firstLine)
    dump.notes = messages.notes
    dump.deadlocked = deadlocked
    dump.isLeakCheck = synctestDeadlock || dump.groups.contains(where: \.leaked)
    append(dump)
    builder = GroupBuilder()
    seenIDs = []
    deadlocked = false
    synctestDeadlock = false
  }
}
