import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// `diff` against `go tool pprof -top -diff_base` (Fixtures/golden/diff*, by Fixtures/regen).
@Suite("Diff")
struct DiffTests {
  struct Pair: CustomTestStringConvertible, Sendable {
    var name: String
    var base: String
    var new: String
    var testDescription: String { name }
  }

  /// The profiles of a golden pair name: `leaky-heap-01-08`, `scenarios-<name>-goroutine`.
  static func pair(named name: String) -> Pair? {
    let parts = name.split(separator: "-").map(String.init)
    if parts.first == "leaky", parts.count == 4 {
      return Pair(
        name: name, base: "leaky/\(parts[1])-\(parts[2]).pb.gz",
        new: "leaky/\(parts[1])-\(parts[3]).pb.gz")
    }
    if parts.first == "scenarios", parts.count >= 3, let kind = parts.last {
      let scenario = parts[1..<(parts.count - 1)].joined(separator: "-")
      return Pair(
        name: name, base: "scenarios/\(scenario)/base.\(kind).pb.gz",
        new: "scenarios/\(scenario)/new.\(kind).pb.gz")
    }
    return nil
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var golden: String
    var pair: Pair
    var options: TopReport.Options
    var testDescription: String { golden }
  }

  static let cases: [Case] =
    Fixture.goldens("diff").compactMap { name in
      let base = String(name.dropLast(4))
      guard let dot = base.lastIndex(of: "."), let pair = pair(named: String(base[..<dot]))
      else { return nil }
      let sampleType = String(base[base.index(after: dot)...])
      return Case(golden: "diff/" + name, pair: pair, options: .init(sampleIndex: sampleType))
    }
    + Fixture.goldens("diff-cum").compactMap { name in
      pair(named: String(name.dropLast(4))).map {
        Case(golden: "diff-cum/" + name, pair: $0, options: .init(sortByCum: true))
      }
    }

  @Test("there are diff goldens for the leaky pairs and every scenario")
  func coverage() {
    #expect(Self.cases.count >= 10)
    #expect(Self.cases.contains { $0.golden.hasPrefix("diff/leaky-goroutine-01-08.") })
    #expect(Self.cases.contains { $0.golden.hasPrefix("diff/leaky-heap-01-08.inuse_space") })
  }

  @Test("diff's table equals go tool pprof -top -diff_base", arguments: cases)
  func matchesPprof(_ testCase: Case) throws {
    let base = try Fixture.load(testCase.pair.base)
    let new = try Fixture.load(testCase.pair.new)
    let report = try TopReport(diffBase: base, new: new, options: testCase.options)
    let expected = try Fixture.text(Fixture.golden.appendingPathComponent(testCase.golden))
    #expect(
      Fixture.withoutVolatileLines(TopTextRenderer.render(report))
        == Fixture.withoutVolatileLines(expected))
  }

  /// Goroutine pairs with a `-traces -diff_base` golden.
  static let tracePairs: [Pair] = Fixture.goldens("diff-traces").compactMap {
    pair(named: String($0.dropLast(4)))
  }.filter { $0.name.hasSuffix("goroutine") || $0.name.contains("-goroutine-") }

  @Test("per-stack deltas sum to what pprof -traces -diff_base lists", arguments: tracePairs)
  func matchesTraces(_ pair: Pair) throws {
    let golden = try Fixture.text(
      Fixture.golden.appendingPathComponent("diff-traces/\(pair.name).txt"))
    var expected: [[String]: Int64] = [:]
    for block in golden.components(separatedBy: "-----------+-------------------------------------------------------\n").dropFirst() {
      var value: Int64?
      var names: [String] = []
      for line in block.split(separator: "\n") {
        let columns = line.prefix(10).trimmingCharacters(in: .whitespaces)
        let rest = line.dropFirst(13)
        guard line.count > 13, line.dropFirst(10).hasPrefix("   ") else { continue }
        if value == nil, let parsed = Int64(columns) { value = parsed }
        var name = String(rest)
        if name.hasSuffix(" (inline)") { name.removeLast(9) }
        names.append(name)
      }
      if let value, !names.isEmpty { expected[names, default: 0] += value }
    }
    let diff = try ProfileDiff(
      base: Fixture.load(pair.base), new: Fixture.load(pair.new))
    var actual: [[String]: Int64] = [:]
    for entry in diff.entries {
      actual[diff.frames(of: entry).map(\.function), default: 0] += entry.delta
    }
    #expect(!expected.isEmpty)
    #expect(actual.filter { $0.value != 0 } == expected.filter { $0.value != 0 })
  }

  @Test("profiles of different kinds cannot be diffed, and the message says what differs")
  func incompatible() throws {
    let heap = try Fixture.load("leaky/heap-01.pb.gz")
    let goroutine = try Fixture.load("leaky/goroutine-01.pb.gz")
    let error = #expect(throws: ProfileDiffError.self) {
      try ProfileDiff(base: heap, new: goroutine)
    }
    #expect(error?.description.contains("[alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes]") == true)
    #expect(error?.description.contains("[goroutine/count]") == true)
    #expect(throws: ProfileDiffError.self) {
      try TopReport(diffBase: heap, new: goroutine)
    }
  }

  @Test("a profile diffed with itself has no changed stacks and no findings")
  func selfDiff() throws {
    let profile = try Fixture.load("leaky/goroutine-08.pb.gz")
    let report = try DiffReport(base: profile, basePath: "a", new: profile, newPath: "a")
    #expect(report.changedStackCount == 0)
    #expect(report.findings.isEmpty)
  }

  @Test("stacks match by frames, not by location ids")
  func matchesByFrames() throws {
    var first = ProfileBuilder(sampleTypes: [("goroutine", "count")])
    first.addSample([("main.other", "o.go", 1)], values: [1])
    first.addSample([("runtime.gopark", "proc.go", 363), ("runtime.chansend1", "chan.go", 145), ("main.send", "m.go", 9)], values: [5])
    var second = ProfileBuilder(sampleTypes: [("goroutine", "count")])
    second.addSample([("runtime.gopark", "proc.go", 363), ("runtime.chansend1", "chan.go", 145), ("main.send", "m.go", 9)], values: [50])
    let diff = try ProfileDiff(base: try first.decoded(), new: try second.decoded())
    let grown = try #require(diff.entries.first)
    #expect(grown.base == 5)
    #expect(grown.new == 50)
    #expect(diff.entries.count == 2)
  }
}
