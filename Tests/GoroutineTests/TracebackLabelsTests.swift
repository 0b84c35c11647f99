import Foundation
import Testing
import TestSupport
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile

/// Go 1.27 prints goroutine labels after the bracket of a traceback's header; every goroutine
/// so labelled was dropped before.
@Suite("Goroutine labels after the bracket (Go 1.27)")
struct TracebackLabelsTests {
  @Test("a real Go 1.27.3 debug=2 page keeps every goroutine, labels as its debug=1 page has them")
  func realDump() throws {
    let directory = Fixture.profiles.appendingPathComponent("dumps/go1.27")
    let debug2 = try #require(try GoroutineDump.parseAll(Fixture.text(directory.appendingPathComponent("labels.debug2.txt"))).first)
    let debug1 = try #require(try GoroutineDump.parseAll(Fixture.text(directory.appendingPathComponent("labels.debug1.txt"))).first)
    #expect(debug2.total == 36)
    #expect(debug2.total == debug1.total)
    #expect(debug2.warnings.isEmpty)
    let labelled = debug2.groups.filter { !$0.labels.isEmpty }
    #expect(labelled.reduce(0) { $0 + $1.count } == 25)
    #expect(Set(labelled.map(\.labels)) == [#"{"handler":"/upload","tenant":"t-42"}"#])
    // As profile labels, the same as debug=1's.
    let profile = Profile(goroutineDump: debug2)
    let labelledSamples = profile.samples.filter { sample in
      sample.labels.contains { profile.string($0.key) == "tenant" && profile.string($0.str) == "t-42" }
    }
    #expect(labelledSamples.reduce(0) { $0 + $1.values[0] } == 25)
  }

  @Test(
    "bare and quoted keys and values, with the runtime's escapes",
    arguments: [
      (#"route: /work, "tenant id": "a b""#, [("route", "/work"), ("tenant id", "a b")]),
      (#"k: "say \"hi\"\n\t\\""#, [("k", "say \"hi\"\n\t\\")]),
      (#""\x01\u00e9\U0001F600": v_1.2"#, [("\u{01}é😀", "v_1.2")]),
    ])
  func parse(_ example: (text: String, pairs: [(String, String)])) throws {
    let parsed = try #require(TracebackLabels.parse(Substring(example.text)))
    #expect(parsed.map(\.key) == example.pairs.map(\.0))
    #expect(parsed.map(\.value) == example.pairs.map(\.1))
  }

  @Test("labels that do not parse: the goroutine is kept, without them, and a warning says so")
  func malformed() throws {
    let text = """
      goroutine 7 [chan send] {route /work}:
      main.leak(...)
      \t/app/main.go:10
      created by main.main in goroutine 1
      \t/app/main.go:16 +0x5f

      goroutine 8 [chan send] {route: /work}:
      main.leak(...)
      \t/app/main.go:10
      created by main.main in goroutine 1
      \t/app/main.go:16 +0x5f

      """
    #expect(TracebackLabels.parse("route /work") == nil)
    #expect(TracebackLabels.parse(#"k: "open"#) == nil)
    let dump = try #require(try GoroutineDump.parseAll(text).first)
    #expect(dump.total == 2)
    #expect(dump.groups.map(\.labels).sorted() == ["", #"{"route":"/work"}"#])
    #expect(dump.warnings == ["line 1: the labels after the bracket of 1 goroutine do not parse; kept it without labels"])
  }

  @Test("anything else after a header's bracket is labels that do not parse: kept, and counted")
  func oddTail() throws {
    let text = """
      goroutine 9 [chan send] (odd) {}:
      main.leak(...)
      \t/app/main.go:10

      """
    let dump = try #require(try GoroutineDump.parseAll(text).first)
    #expect(dump.total == 1)
    #expect(dump.groups.first?.waitReason == "chan send")
    #expect(dump.warnings == ["line 1: the labels after the bracket of 1 goroutine do not parse; kept it without labels"])
  }
}
