import Foundation
import Testing
@testable import PprofCore

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
  func headers() {
    let a = GoroutineDump.Header("goroutine 7 [chan send, 15 minutes, locked to thread]:")
    #expect(a?.id == 7)
    #expect(a?.waitReason == "chan send")
    #expect(a?.minutes == 15)
    #expect(a?.lockedToThread == true)
    let b = GoroutineDump.Header("goroutine 5 gp=0xc000007180 m=nil [chan receive (durable), 1 minute]:")
    #expect(b?.id == 5)
    #expect(b?.waitReason == "chan receive (durable)")
    #expect(b?.minutes == 1)
    #expect(GoroutineDump.Header("goroutine profile: total 3") == nil)
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
    #expect(GoroutineDump.looksLikeDump(Array("goroutine 1 [running]:\n".utf8)))
    #expect(!GoroutineDump.looksLikeDump([0x1f, 0x8b]))
  }
}

extension GoroutineDumpTests {
  static let allDumps: [String] = {
    let enumerator = FileManager.default.enumerator(atPath: Fixture.fixtures.path)
    var found: [String] = []
    while let item = enumerator?.nextObject() as? String {
      if item.hasSuffix(".debug1.txt") || item.hasSuffix(".debug2.txt") { found.append(item) }
    }
    return found.sorted()
  }()

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
