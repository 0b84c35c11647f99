import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// Real Go time series with known answers (Fixtures/gen/trend, run by Fixtures/regen): every
/// leak ranked first with its pattern, function, file and line; no non-leak called a leak.
@Suite("Trend on real series")
struct TrendFixtureTests {
  static let source = "gen/trend/main.go"

  /// Reads a directory of Fixtures/trend as `pprof-leak trend` does: every file that loads.
  static func report(_ directory: String) throws -> TrendReport {
    let url = Fixture.fixtures.appendingPathComponent("trend").appendingPathComponent(directory)
    let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
    var builder = TrendBuilder()
    for name in names.sorted() {
      let path = url.appendingPathComponent(name).path
      for snapshot in (try? ProfileLoader().loadSnapshots(path: path)) ?? [] {
        var named = snapshot
        named.path = name
        builder.add(named)
      }
    }
    return TrendReport(builder: builder)
  }

  struct Leak: CustomTestStringConvertible, Sendable {
    var directory: String
    var pattern: LeakPattern
    var function: String
    var marker: String
    var testDescription: String { "\(directory): \(pattern.rawValue) in \(function)" }
  }

  static let leaks: [Leak] = [
    .init(directory: "blocked-send", pattern: .blockedSend, function: "main.sendResult", marker: "ch <- buf // leak-site: blocked-send"),
    .init(directory: "blocked-recv", pattern: .blockedRecv, function: "main.waitForReply", marker: "v := <-ch // leak-site: blocked-recv"),
    .init(directory: "blocked-select", pattern: .blockedSelect, function: "main.waitForEither", marker: "select { // leak-site: blocked-select"),
    .init(directory: "timer-loop", pattern: .unstoppedTimer, function: "main.pollLoop", marker: "case <-time.After(time.Hour): // leak-site: unstopped-timer"),
    .init(directory: "noisy-slow-leak", pattern: .blockedSend, function: "main.handleRequest.func1", marker: "go func() { ch <- i }() // leak-site: blocked-send"),
    .init(directory: "global-map", pattern: .heapGrowth, function: "main.remember", marker: "keep.global[key] = make([]byte, 8<<10) // leak-site: heap-growth"),
    .init(directory: "mixed-names", pattern: .blockedSend, function: "main.sendResult", marker: "ch <- buf // leak-site: blocked-send"),
  ]

  @Test("each leak is found, ranked first, at the right line", arguments: leaks)
  func leak(_ expected: Leak) throws {
    let report = try Self.report(expected.directory)
    #expect(report.series.map(\.snapshots.count).allSatisfy { $0 == 12 })
    let first = try #require(report.findings.first)
    #expect(first.severity == .leak)
    #expect(first.pattern == expected.pattern)
    #expect(first.responsible?.function == expected.function)
    #expect(first.responsible?.file.hasSuffix("Fixtures/gen/trend/main.go") == true)
    #expect(first.responsible?.line == (try line(of: expected.marker, in: Self.source)))
    #expect((first.trend?.statistics.pValue ?? 1) < 0.001)
    #expect(first.trend?.statistics.hasPlateaued == false)
    #expect(report.count(.leak) == 1)
  }

  @Test(
    "plateaus, sawtooths and steady pools are not leaks",
    arguments: ["bounded-cache", "sawtooth", "steady-pool", "warming-pool"])
  func notALeak(_ directory: String) throws {
    let report = try Self.report(directory)
    #expect(report.series.count == 2)
    #expect(report.count(.leak) == 0)
    #expect(report.count(.suspect) == 0)
  }

  @Test("the goroutines' heap is attached to the blocked-send finding")
  func companion() throws {
    let report = try Self.report("blocked-send")
    let companion = try #require(report.findings.first?.companion)
    #expect(companion.kind == .heap)
    // Each stranded goroutine holds a 32 KiB buffer.
    #expect(companion.perUnit > 30 * 1024)
    #expect(companion.perUnit < 40 * 1024)
  }

  @Test("names that sort differently from the times: ordered by time, and said")
  func mixedNames() throws {
    let report = try Self.report("mixed-names")
    #expect(Set(report.series.map(\.kind)) == [.heap, .goroutine])
    for series in report.series {
      #expect(series.hasRealTimes)
      #expect(series.notes.contains { $0.contains("sort differently") })
      let times = series.snapshots.map(\.timeNanos)
      #expect(times == times.sorted())
      #expect(series.snapshots.map(\.path) != series.snapshots.map(\.path).sorted())
    }
  }
}
