import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// The text forms of goroutine profiles, read from real dumps of the fixtures' Go programs.
@Suite("Goroutine text dumps")
struct GoroutineDumpTests {
  static func parse(_ relative: String) throws -> [GoroutineDump] {
    let text = try Fixture.text(Fixture.fixtures.appendingPathComponent(relative))
    return try GoroutineDump.parseAll(text)
  }

  @Test("debug=2: the 200 stranded goroutines are one group, with state and creator")
  func debug2() throws {
    let dumps = try Self.parse("profiles/leaky/goroutine-08.debug2.txt")
    let dump = try #require(dumps.first)
    #expect(dumps.count == 1)
    #expect(dump.format == .traceback)
    #expect(dump.total == 203)
    let group = try #require(dump.groups.max { $0.count < $1.count })
    #expect(group.count == 200)
    #expect(group.waitReason == "chan send")
    #expect(group.frames.first?.function == "main.longRunningTask")
    #expect(group.frames.first?.line == (try line(of: "responses <- res", in: "gen/leaky/main.go")))
    #expect(group.createdBy?.function == "main.handler")
    #expect(group.createdBy?.file.hasSuffix("Fixtures/gen/leaky/main.go") == true)
    #expect(group.createdBy?.line == (try line(of: "go longRunningTask(responses)", in: "gen/leaky/main.go")))
  }

  @Test("debug=1: counted records, function names without offsets")
  func debug1() throws {
    let dump = try #require(try Self.parse("profiles/leaky/goroutine-08.debug1.txt").first)
    #expect(dump.format == .debug1)
    #expect(dump.total == 203)
    #expect(dump.groups.reduce(0) { $0 + $1.count } == 203)
    let group = try #require(dump.groups.first)
    #expect(group.count == 200)
    #expect(group.frames.map(\.function) == ["main.longRunningTask"])
    #expect(group.frames.first?.line == (try line(of: "responses <- res", in: "gen/leaky/main.go")))
  }

  @Test("the debug=2 and protobuf forms of a snapshot count the same goroutines per function")
  func matchesProtobuf() throws {
    let dump = try #require(try Self.parse("trend/blocked-send/goroutine-12.debug2.txt").first)
    let profile = try ProfileLoader().load(path: Fixture.path("trend/blocked-send/goroutine-12.pb.gz"))
    let stranded = dump.groups.filter { $0.frames.first?.function == "main.sendResult" }
    let fromProfile = profile.samples.filter { sample in
      profile.frames(of: sample).contains { $0.function == "main.sendResult" }
    }.reduce(0) { $0 + $1.values[0] }
    #expect(stranded.reduce(0) { $0 + $1.count } == Int(fromProfile))
    #expect(stranded.first?.waitReason == "chan send")
  }

  @Test("headers: minutes, locked to thread, newer runtimes' gp= and durable reasons")
  func headers() throws {
    let text = """
      goroutine 7 [chan send, 15 minutes, locked to thread]:
      main.a()
      \t/app/a.go:1 +0x1

      goroutine 5 gp=0xc000007180 m=nil [chan receive (durable), 1 minute]:
      main.b()
      \t/app/b.go:2 +0x2

      """
    let groups = try #require(try GoroutineDump.parseAll(text).first).groups
    #expect(groups.map(\.waitReason) == ["chan send", "chan receive (durable)"])
    #expect(groups.map(\.minutesBlocked) == [15...15, 1...1])
    #expect(groups.map(\.lockedToThread) == [true, false])
  }

  @Test("a crash log with a preamble, CRLF line ends, elided frames and two dumps")
  func crashLog() throws {
    let one = """
      panic: boom\r
      \r
      goroutine 1 [running]:\r
      main.main()\r
      \t/app/main.go:10 +0x1d\r
      \r
      goroutine 6 [chan receive, 3 minutes]:\r
      main.worker(0xc000010000)\r
      \t/app/main.go:20 +0x2a\r
      ...5 frames elided...\r
      created by main.start in goroutine 1\r
      \t/app/main.go:15 +0x3b\r
      \r
      """
    let text = "SIGQUIT: quit\nPC=0x46d3a1 m=0 sigcode=0\n\n" + one + "\nsome log line\n" + one
    let dumps = try GoroutineDump.parseAll(text)
    #expect(dumps.count == 2)
    let worker = try #require(dumps.first?.groups.first { $0.waitReason == "chan receive" })
    #expect(worker.minutesBlocked == 3...3)
    #expect(worker.elidedFrames == 5)
    #expect(worker.createdBy == Frame(function: "main.start", file: "/app/main.go", line: 15))
    #expect(worker.frames == [Frame(function: "main.worker", file: "/app/main.go", line: 20)])
  }

  @Test("text that is not a dump names the first line that did not parse")
  func notADump() {
    let error = #expect(throws: GoroutineDumpError.self) {
      try GoroutineDump.parseAll("hello\nworld\n")
    }
    #expect(error?.line == 1)
    #expect(error?.description.contains("not a goroutine dump") == true)
    let broken = #expect(throws: GoroutineDumpError.self) {
      try GoroutineDump.parseAll("goroutine 1 [running]:\nmain.main()\nnot a location\n")
    }
    #expect(broken?.line == 2)
    #expect(GoroutineDump.isText(Array("goroutine 1 [running]:\r\n\tx".utf8)))
    #expect(!GoroutineDump.isText([0x0a, 0x0d, 0x0a, 0x0a]))
    #expect(!GoroutineDump.isText([]))
    // A count no process could have is corrupt, not a number to add up.
    let huge = String(repeating: "999999999999999999 @ 0x1\n#\t0x1\tmain.f+0x1\t/m.go:1\n\n", count: 12)
    let overflow = #expect(throws: GoroutineDumpError.self) {
      try GoroutineDump.parseAll("goroutine profile: total 1\n" + huge)
    }
    #expect(overflow?.line == 2)
    #expect(overflow?.description.contains("is not a real count") == true)
  }

  @Test("a goroutine header that does not parse is never dropped silently: its goroutine is counted in a warning naming the line")
  func unreadableHeader() throws {
    let text = """
      goroutine 1 [running]:
      main.main()
      	/app/main.go:10 +0x1d

      goroutine 7 [chan send]: (from a newer runtime)
      main.send()
      	/app/main.go:20 +0x1d

      goroutine 8 [chan send]:
      main.send()
      	/app/main.go:20 +0x1d

      """
    let dump = try #require(try GoroutineDump.parseAll(text).first)
    #expect(dump.total == 2)
    #expect(dump.warnings == [
      #"line 5: skipped 1 goroutine whose header does not parse: "goroutine 7 [chan send]: (from a newer runtime)""#
    ])
  }
}

extension GoroutineDumpTests {
  /// The goroutine dumps among the fixtures' `debug=1` and `debug=2` files (not Go's other
  /// `debug=1` pages: heap, allocs, mutex, block, threadcreate).
  static let allDumps: [String] = {
    let enumerator = FileManager.default.enumerator(atPath: Fixture.fixtures.path)
    var found: [String] = []
    while let item = enumerator?.nextObject() as? String {
      guard item.hasSuffix(".debug1.txt") || item.hasSuffix(".debug2.txt"),
        !item.hasPrefix("malformed/"), !item.hasPrefix("golden/")
      else { continue }
      let bytes = (try? Fixture.bytes(Fixture.fixtures.appendingPathComponent(item).path)) ?? []
      if !LegacyTextProfile.isPage(bytes), !bytes.starts(with: Array("threadcreate profile:".utf8)) {
        found.append(item)
      }
    }
    return found.sorted()
  }()

  @Test("a real SIGQUIT dump: runtime preamble and registers, minutes, creators, elided frames")
  func sigquit() throws {
    let dumps = try Self.parse("profiles/dumps/sigquit.txt")
    #expect(dumps.count == 1)
    let dump = try #require(dumps.first)
    let headers = try Fixture.text(Fixture.fixtures.appendingPathComponent("profiles/dumps/sigquit.txt"))
      .split(separator: "\n").filter { $0.hasPrefix("goroutine ") && $0.hasSuffix("]:") }.count
    #expect(dump.total == headers)
    #expect(dump.warnings.isEmpty)
    let source = "gen/dumps/main.go"
    let send = try #require(dump.groups.first { $0.frames.contains { $0.function == "main.leakSend" } })
    #expect(send.count == 300)
    #expect(send.waitReason == "chan send")
    #expect(send.minutesBlocked == 1...1)
    #expect(send.count(blockedAtLeast: 1) == 300)
    #expect(send.createdBy?.function == "main.startLeaks")
    #expect(send.createdBy?.line == (try line(of: "go leakSend(send, i)", in: source)))
    #expect(send.frames.first { $0.function == "main.leakSend" }?.line == (try line(of: "ch <- v // leak-site", in: source)))
    let late = try #require(dump.groups.first { $0.frames.contains { $0.function == "main.leakLate" } })
    #expect(late.count == 20)
    #expect(late.minutesBlocked == nil)
    let deep = try #require(dump.groups.first { $0.frames.contains { $0.function == "main.recurse" } })
    #expect(deep.elidedFrames == -1)
    #expect(deep.frames.count == 100)
  }

  @Test("a real panic with GOTRACEBACK=all: ancestors' tracebacks are not the goroutine's stack")
  func panicAll() throws {
    let dump = try #require(try Self.parse("profiles/dumps/panic-all.txt").first)
    let send = try #require(dump.groups.first { $0.waitReason == "chan send" })
    #expect(send.count == 30)
    #expect(send.createdBy?.function == "main.spawnSenders")
    #expect(!send.frames.contains { $0.function == "main.runPanic" })
    #expect(dump.groups.contains { $0.waitReason == "running" })
  }

  @Test("a service log with two dumps and log lines between them reads as two snapshots")
  func concatenated() throws {
    let dumps = try Self.parse("profiles/dumps/concatenated.log")
    #expect(dumps.count == 2)
    #expect(dumps.first?.groups.first { $0.waitReason == "chan send" }?.count == 30)
    let sigquit = try #require(try Self.parse("profiles/dumps/sigquit.txt").first)
    #expect(dumps.last?.groups == sigquit.groups)
  }

  @Test("CRLF line ends read the same as LF")
  func crlf() throws {
    let crlf = try Self.parse("profiles/dumps/sigquit-crlf.txt")
    let lf = try Self.parse("profiles/dumps/sigquit.txt")
    #expect(crlf.map(\.groups) == lf.map(\.groups))
  }

  @Test("debug=1 labels are kept, and become the profile's string labels")
  func labels() throws {
    let dump = try #require(try Self.parse("profiles/dumps/labels.debug1.txt").first)
    let labelled = try #require(dump.groups.first { !$0.labels.isEmpty })
    #expect(labelled.count == 25)
    #expect(labelled.labels == #"{"handler":"/upload", "tenant":"t-42"}"#)
    let profile = Profile(goroutineDump: dump)
    let sample = try #require(profile.samples.first { !$0.labels.isEmpty })
    let pairs = sample.labels.map { "\(profile.string($0.key))=\(profile.string($0.str))" }
    #expect(pairs == ["handler=/upload", "tenant=t-42"])
    #expect(sample.values == [25])
  }

  @Test("a dump cut off mid-goroutine keeps the goroutines before it, with a warning")
  func truncated() throws {
    let dumps = try GoroutineDump.parseAll(try Fixture.bytes(Fixture.path("malformed/truncated-debug2.txt")))
    let dump = try #require(dumps.first)
    #expect(dumps.count == 1)
    #expect(dump.total == 2)
    #expect(dump.warnings.count == 1)
    #expect(dump.warnings.first?.contains("ends in the middle of goroutine") == true)
    // Cut inside a debug=1 record too.
    let text = try Fixture.text(Fixture.fixtures.appendingPathComponent("profiles/dumps/labels.debug1.txt"))
    let cut = String(text.prefix { $0 != "#" }) + "#\t0x4a"
    let partial = try #require(try GoroutineDump.parseAll(cut).first)
    #expect(partial.warnings.contains { $0.contains("ends in the middle of a record") })
  }

  /// The real SIGQUIT dump as text, its lines, and its one parsed dump.
  static func sigquitText() throws -> (lines: [Substring], dump: GoroutineDump) {
    let text = try Fixture.text(Fixture.fixtures.appendingPathComponent("profiles/dumps/sigquit.txt"))
    let dump = try #require(try GoroutineDump.parseAll(text).first)
    return (text.split(separator: "\n", omittingEmptySubsequences: false), dump)
  }

  @Test("a log line between two goroutines is skipped; the dump stays whole")
  func strayLogLine() throws {
    let (lines, whole) = try Self.sigquitText()
    // The blank line after the 40th goroutine gets a log line, as when a program's own output
    // interleaves with the runtime's.
    var blank = lines.indices.filter { lines[$0].isEmpty && $0 > 3 }[40]
    var edited = lines
    edited.insert("2026/12/03 12:00:00 worker 3: still waiting", at: blank + 1)
    let dumps = try GoroutineDump.parseAll(edited.joined(separator: "\n"))
    #expect(dumps.count == 1)
    #expect(dumps.first?.groups == whole.groups)
    #expect(dumps.first?.warnings == [])
    // A preamble does start another dump, ids or not.
    blank = lines.indices.filter { lines[$0].isEmpty && $0 > 3 }[40]
    edited = lines
    edited.insert("fatal error: all goroutines are asleep - deadlock!", at: blank + 1)
    #expect(try GoroutineDump.parseAll(edited.joined(separator: "\n")).count == 2)
  }

  @Test("a goroutine cut off by other text is skipped with a warning, and the rest of the log read")
  func cutMidLog() throws {
    let (lines, whole) = try Self.sigquitText()
    let headers = lines.indices.filter { lines[$0].hasPrefix("goroutine ") && lines[$0].hasSuffix("]:") }
    let target = headers[100]
    // Cut right after the header, and inside its first frame: the goroutine is skipped.
    for keep in [1, 2] {
      var edited = lines
      let nextHeader = headers[101]
      edited.replaceSubrange((target + keep)..<(nextHeader - 1), with: ["log: dump interrupted"])
      let dumps = try GoroutineDump.parseAll(edited.joined(separator: "\n"))
      let dump = try #require(dumps.first)
      #expect(dumps.count == 1, "keep \(keep)")
      #expect(dump.total == whole.total - 1, "keep \(keep)")
      #expect(dump.warnings.count == 1, "keep \(keep)")
      #expect(dump.warnings.first?.contains("skipped 1 goroutine cut off") == true, "keep \(keep)")
    }
    // After a complete frame, a line that is no frame ends the goroutine, which is kept.
    var ended = lines
    ended.replaceSubrange((target + 3)..<(headers[101] - 1), with: ["log: dump interrupted"])
    let dump = try #require(try GoroutineDump.parseAll(ended.joined(separator: "\n")).first)
    #expect(dump.total == whole.total)
    #expect(dump.warnings.isEmpty)
    // A second dump in the log cut off inside its first goroutine is no snapshot of nothing:
    // its warning goes with the dump before it.
    let log = lines.joined(separator: "\n")
      + "\n2026/12/03 12:00:00 again\npanic: boom\n\ngoroutine 1 [running]:\nmain.main()\nlog: cut\n"
    let dumps = try GoroutineDump.parseAll(log)
    #expect(dumps.count == 1)
    #expect(dumps.first?.groups == whole.groups)
    #expect(dumps.first?.warnings.contains { $0.contains("skipped 1 goroutine cut off") } == true)
  }

  @Test("a byte-order mark, tabs turned into spaces and lines of blanks read the same")
  func reformattedLog() throws {
    let (lines, whole) = try Self.sigquitText()
    let edited = lines.map { line in
      line.isEmpty ? "   " : line.replacingOccurrences(of: "\t", with: "        ")
    }
    let dumps = try GoroutineDump.parseAll("\u{FEFF}" + edited.joined(separator: "\n"))
    #expect(dumps.count == 1)
    #expect(dumps.first?.groups == whole.groups)
  }

  @Test("debug=1 dumps after log lines and one after another each read as a dump")
  func debug1InLog() throws {
    let text = try Fixture.text(Fixture.fixtures.appendingPathComponent("profiles/dumps/labels.debug1.txt"))
    let one = try #require(try GoroutineDump.parseAll(text).first)
    let log = "2026/12/03 12:00:00 dumping goroutines\n" + text + "\n2026/12/03 12:01:00 again\n" + text
    let dumps = try GoroutineDump.parseAll(log)
    #expect(dumps.count == 2)
    #expect(dumps.allSatisfy { $0.groups == one.groups && $0.warnings.isEmpty })
    // Log text in the middle of the records ends the dump there, and says how much is missing.
    let records = text.components(separatedBy: "\n\n")
    let cut = try #require(try GoroutineDump.parseAll(records[0] + "\n\nlog: interrupted\n\n" + records.dropFirst().joined(separator: "\n\n")).first)
    #expect(cut.total == one.total)
    #expect(cut.groups.reduce(0) { $0 + $1.count } < one.total)
    #expect(cut.warnings.contains { $0.hasPrefix("the dump holds ") && $0.hasSuffix(" of the \(one.total) goroutines its first line counts") })
  }

  @Test("100,000 goroutines (43 MB of debug=2) group into their few stacks")
  func hundredThousand() throws {
    let snapshots = try ProfileLoader().loadSnapshots(path: Fixture.path("profiles/dumps/many-100k.debug2.txt.gz"))
    let dump = try #require(snapshots.first?.dump)
    #expect(snapshots.count == 1)
    #expect(dump.total == 100_001)
    #expect(dump.groups.count <= 10)
    let binary = try Fixture.load("dumps/many-100k.pb.gz")
    #expect(binary.samples.reduce(0) { $0 + $1.values[0] } == 100_001)
    // Counts this large are written with thousands separators.
    let text = BlockedTextRenderer(colour: false).render(BlockedReport(dump: dump, path: "many"))
    #expect(text.contains("waiting: 16,667 goroutines in "))
    #expect(!text.contains("16667"))
  }

  @Test("every text dump among the fixtures parses, and its groups add up to its total")
  func allFixtures() throws {
    #expect(Self.allDumps.count >= 100)
    for relative in Self.allDumps {
      let dumps = try Self.parse(relative)
      #expect(dumps.count == 1, "\(relative)")
      let dump = try #require(dumps.first)
      #expect(dump.groups.reduce(0) { $0 + $1.count } == dump.total, "\(relative)")
      #expect(dump.groups.allSatisfy { !$0.frames.isEmpty }, "\(relative)")
    }
  }
}
