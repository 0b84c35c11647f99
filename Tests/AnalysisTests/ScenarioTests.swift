import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// Known answers on real Go programs (Fixtures/gen/scenarios, run by Fixtures/regen): each
/// leak's pattern, responsible function, file and the line marked `// leak-site:` in main.go.
@Suite("Leak scenarios")
struct ScenarioTests {
  struct Expectation: CustomTestStringConvertible, Sendable {
    var scenario: String
    var kind: String
    var pattern: LeakPattern
    var function: String?
    /// The `// leak-site:` marker text on the expected line (nil: no responsible frame).
    var marker: String?
    var severity: Severity
    var growth: Int64?
    var testDescription: String { "\(scenario) \(kind): \(pattern.rawValue)" }
  }

  static let source = "gen/scenarios/main.go"

  /// Two snapshots rate goroutines that wait where idle workers also wait (a receive, a
  /// select with cases, sync.Cond.Wait) suspects: their growth alone cannot tell a leak from a
  /// pool. A select {} is a leak: nothing can end it.
  static let expectations: [Expectation] = [
    .init(scenario: "blocked-send", kind: "goroutine", pattern: .blockedSend, function: "main.sendResult", marker: "ch <- v // leak-site: blocked-send", severity: .leak, growth: 40),
    .init(scenario: "blocked-send", kind: "heap", pattern: .heapGrowth, function: "main.sendResult", marker: "// leak-site: heap-growth", severity: .suspect, growth: nil),
    .init(scenario: "blocked-recv", kind: "goroutine", pattern: .blockedRecv, function: "main.waitForReply", marker: "v := <-ch // leak-site: blocked-recv", severity: .suspect, growth: 40),
    .init(scenario: "blocked-select", kind: "goroutine", pattern: .blockedSelect, function: "main.waitForEither", marker: "select { // leak-site: blocked-select", severity: .suspect, growth: 40),
    .init(scenario: "blocked-select", kind: "goroutine", pattern: .blockedSelect, function: "main.parkForever", marker: "select {} // leak-site: blocked-select", severity: .leak, growth: 20),
    .init(scenario: "sync-mutex", kind: "goroutine", pattern: .syncWait, function: "main.lockAccount", marker: "// leak-site: sync-mutex", severity: .leak, growth: 40),
    .init(scenario: "sync-waitgroup", kind: "goroutine", pattern: .syncWait, function: "main.waitAll", marker: "// leak-site: sync-waitgroup", severity: .leak, growth: 40),
    .init(scenario: "sync-cond", kind: "goroutine", pattern: .syncWait, function: "main.waitForSignal", marker: "// leak-site: sync-cond", severity: .suspect, growth: 40),
    .init(scenario: "unstopped-timer", kind: "heap", pattern: .unstoppedTimer, function: "main.pollLoop", marker: "case <-time.After(time.Hour): // leak-site: unstopped-timer", severity: .suspect, growth: nil),
    .init(scenario: "unstopped-timer", kind: "heap", pattern: .unstoppedTimer, function: "main.tickerLoop", marker: "time.NewTicker(time.Hour) // leak-site: unstopped-timer", severity: .suspect, growth: nil),
    .init(scenario: "unclosed-http-body", kind: "goroutine", pattern: .unclosedHTTPBody, function: nil, marker: nil, severity: .leak, growth: 80),
    .init(scenario: "unclosed-http-body", kind: "heap", pattern: .unclosedHTTPBody, function: nil, marker: nil, severity: .suspect, growth: nil),
    .init(scenario: "sleepers", kind: "goroutine", pattern: .goroutineGrowth, function: "main.napForever", marker: "// leak-site: unknown", severity: .suspect, growth: 40),
    .init(scenario: "cache-warmup", kind: "goroutine", pattern: .blockedRecv, function: "main.poolWorker", marker: "for job := range jobs { // leak-site: blocked-recv", severity: .suspect, growth: 8),
    .init(scenario: "cache-warmup", kind: "heap", pattern: .heapGrowth, function: "main.fillCache", marker: "v := make([]byte, entrySize) // leak-site: heap-growth", severity: .suspect, growth: nil),
    .init(scenario: "crossbuild", kind: "goroutine", pattern: .blockedSend, function: "main.sendResult", marker: "ch <- v // leak-site: blocked-send", severity: .leak, growth: 40),
  ]

  static func report(_ scenario: String, _ kind: String, thresholds: Thresholds = Thresholds())
    throws -> DiffReport
  {
    let base = "scenarios/\(scenario)/base.\(kind).pb.gz"
    let new = "scenarios/\(scenario)/new.\(kind).pb.gz"
    return try DiffReport(
      base: Fixture.load(base), basePath: base, new: Fixture.load(new), newPath: new,
      options: .init(thresholds: thresholds))
  }

  @Test("each scenario's leak is found where it is", arguments: expectations)
  func scenario(_ expected: Expectation) throws {
    let report = try Self.report(expected.scenario, expected.kind)
    let finding = try #require(
      report.findings.first {
        $0.pattern == expected.pattern && $0.responsible?.function == expected.function
      }, "no \(expected.pattern.rawValue) finding at \(expected.function ?? "nil") in \(report.findings.map { "\($0.pattern.rawValue) \($0.responsible?.function ?? "-")" })")
    #expect(finding.severity == expected.severity)
    if let growth = expected.growth { #expect(finding.growth == growth) }
    if let marker = expected.marker {
      #expect(finding.responsible?.file.hasSuffix("Fixtures/gen/scenarios/main.go") == true)
      #expect(finding.responsible?.line == (try line(of: marker, in: Self.source)))
    } else {
      #expect(finding.responsible == nil)
      #expect(finding.attributionNote?.contains("resp.Body") == true)
    }
    // Nothing is rated above it but another expected finding (select {} beside a select with
    // cases).
    let here = Self.expectations.filter { $0.scenario == expected.scenario && $0.kind == expected.kind }
    for other in report.findings where other.severity > expected.severity {
      #expect(
        here.contains {
          $0.pattern == other.pattern && $0.function == other.responsible?.function && $0.severity == other.severity
        }, "\(other.pattern.rawValue) \(other.responsible?.function ?? "-") is rated \(other.severity)")
    }
  }

  @Test("a warming cache and a filling worker pool are not rated leaks")
  func notALeak() throws {
    for kind in ["goroutine", "heap"] {
      let report = try Self.report("cache-warmup", kind)
      #expect(!report.findings.isEmpty)
      #expect(report.count(.leak) == 0, "\(kind)")
    }
  }

  @Test("timers created in a loop are a leak once their growth passes --min-heap")
  func timerThreshold() throws {
    let report = try Self.report(
      "unstopped-timer", "heap", thresholds: Thresholds(minHeapBytes: 64 << 10))
    #expect(report.findings.prefix(2).allSatisfy { $0.severity == .leak && $0.pattern == .unstoppedTimer })
  }

  @Test("two builds with different addresses line up stack for stack")
  func crossBuild() throws {
    let base = try Fixture.load("scenarios/crossbuild/base.goroutine.pb.gz")
    let new = try Fixture.load("scenarios/crossbuild/new.goroutine.pb.gz")
    let address = { (profile: Profile) -> UInt64? in
      let function = profile.functions.first { profile.string($0.name) == "main.sendResult" }
      return profile.locations.first { $0.lines.contains { $0.functionID == function?.id } }?.address
    }
    #expect(address(base) != address(new))
    let diff = try ProfileDiff(base: base, new: new)
    let sendStacks = diff.entries.filter { entry in
      diff.frames(of: entry).contains { $0.function == "main.sendResult" }
    }
    #expect(sendStacks.count == 1)
    #expect(sendStacks.first?.base == 20)
    #expect(sendStacks.first?.new == 60)
  }
}
