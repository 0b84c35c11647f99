import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofReport

/// Findings a user can act on: one finding per leak, the request line of unclosed bodies, one
/// rating rule for blocked goroutines, and the patterns users hit next (Fixtures/trend, made by
/// Fixtures/gen/trend; Fixtures/profiles/go1.27, by Fixtures/gen/modern).
@Suite("Actionable findings: one per leak, call sites, one blocked rule, new patterns")
struct ActionableFindingsTests {
  static func trend(_ relative: String, settings: AnalysisSettings = AnalysisSettings()) throws -> TrendReport {
    try TrendRun(paths: [Fixture.fixtures.appendingPathComponent(relative).path], settings: settings).run()
  }

  static func diff(_ base: String, _ new: String, settings: AnalysisSettings = AnalysisSettings()) throws -> DiffReport {
    try DiffRun(
      base: Fixture.fixtures.appendingPathComponent(base).path,
      new: Fixture.fixtures.appendingPathComponent(new).path, settings: settings
    ).run()
  }

  @Test("the goroutines' descriptors and stacks join the goroutine leak: one leak, one finding")
  func oneLeakOneFinding() throws {
    let report = try Self.trend("profiles/leaky")
    #expect(!report.findings.contains { $0.stack.contains { $0.function == "runtime.malg" } })
    let leak = try #require(report.findings.first)
    #expect(leak.pattern == .blockedSend)
    let memory = try #require(leak.goroutineMemory)
    #expect(memory.statistics.growth > 0 && memory.sampleType == "inuse_space")
    let json = try JSONRenderer.render(.trend(report), failOn: .leak)
    #expect(json.contains(#""goroutineMemory" : {"#))
    #expect(TextRenderer().render(.trend(report)).contains("of the goroutines' descriptors and stacks"))
    // A heap diff has no goroutine finding to join: the finding says what it is and what to fix.
    let heap = try Self.diff("profiles/leaky/heap-01.pb.gz", "profiles/leaky/heap-08.pb.gz")
    let bookkeeping = try #require(heap.findings.first { $0.stack.first?.function == "runtime.malg" })
    #expect(bookkeeping.attributionNote == FindingDetector.bookkeepingNote)
    #expect(bookkeeping.advice.hasPrefix("This heap is the runtime's own record of goroutines"))
  }

  @Test("an unclosed body's finding names the line of the request, when heap profiles are beside")
  func unclosedCallSite() throws {
    let report = try Self.trend("profiles/go1.27/series")
    let finding = try #require(report.findings.first { $0.pattern == .unclosedHTTPBody })
    #expect(finding.responsible?.function == "main.fetchStatus")
    #expect(finding.responsible?.line == (try line(of: "leak-site: unclosed-http-body", in: "gen/modern/main.go")))
    #expect(finding.companion != nil)
    #expect(finding.attributionNote?.contains("the requests were made here") == true)
    // Its heap is in it, not a finding of its own.
    #expect(report.findings.filter { $0.pattern == .unclosedHTTPBody }.count == 1)
    // The same on Go 1.19, where it is the first finding of its series.
    let old = try Self.trend("trend/unclosed-http-body")
    let first = try #require(old.findings.first)
    #expect(first.pattern == .unclosedHTTPBody && first.severity == .leak)
    #expect(first.responsible?.function == "main.fetchStatus")
    #expect(first.responsible?.line == (try line(of: "leak-site: unclosed-http-body", in: "gen/trend/main.go")))
    // Goroutine profiles alone: the honest wording stays.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unclosed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let series = Fixture.profiles.appendingPathComponent("go1.27/series")
    for name in try FileManager.default.contentsOfDirectory(atPath: series.path) where name.hasPrefix("goroutine-") {
      try FileManager.default.copyItem(at: series.appendingPathComponent(name), to: directory.appendingPathComponent(name))
    }
    let alone = try TrendRun(paths: [directory.path], settings: AnalysisSettings()).run()
    let honest = try #require(alone.findings.first { $0.pattern == .unclosedHTTPBody })
    #expect(honest.responsible == nil)
    #expect(honest.attributionNote?.contains("resp.Body") == true)
  }

  @Test("diff rates waits like idle workers' suspects, unless other evidence makes them leaks")
  func oneBlockedRule() throws {
    // A pool warming up 4 → 64 workers parked in a receive: a suspect at most, exit 0.
    let pool = try Self.diff("trend/warming-pool/goroutine-01.pb.gz", "trend/warming-pool/goroutine-12.pb.gz")
    #expect(!pool.findings.isEmpty && pool.findings.allSatisfy { $0.severity <= .suspect })
    #expect(!Severity.fails(pool.findings, failOn: .leak))
    // A send still is a leak.
    let send = try Self.diff("trend/blocked-send/goroutine-01.pb.gz", "trend/blocked-send/goroutine-12.pb.gz")
    #expect(send.findings.first?.severity == .leak)
    // Growth and a long wait in NEW's traceback together: the select is a leak.
    var settings = AnalysisSettings()
    settings.commandLine.minBlockedMinutes = 1
    let waited = try Self.diff("profiles/dumps/labels.debug2.txt", "profiles/dumps/sigquit.txt", settings: settings)
    #expect(waited.findings.first { $0.pattern == .blockedSelect }?.severity == .leak)
    let short = try Self.diff("profiles/dumps/labels.debug2.txt", "profiles/dumps/sigquit.txt")
    #expect(short.findings.first { $0.pattern == .blockedSelect }?.severity == .suspect)
  }

  @Test(
    "each new pattern is found at its line in its own series",
    arguments: [
      ("uncancelled-context", LeakPattern.uncancelledContext, "main.startTimedCall", "context.WithTimeout(parent, time.Hour) // leak-site: uncancelled-context"),
      ("uncancelled-context", LeakPattern.uncancelledContext, "main.startCall", "context.WithCancel(parent) // leak-site: uncancelled-context"),
      ("blocked-io", LeakPattern.blockedIO, "main.serveConn", "// leak-site: blocked-io"),
      ("afterfunc", LeakPattern.unstoppedTimer, "main.scheduleReminder", "time.AfterFunc(time.Hour, func() { remind(buf) }) // leak-site: unstopped-timer"),
    ])
  func newPatterns(_ series: String, _ pattern: LeakPattern, _ function: String, _ marker: String) throws {
    let report = try Self.trend("trend/" + series)
    let finding = try #require(
      report.findings.first { $0.pattern == pattern && $0.responsible?.function == function },
      "\(report.findings.map { "\($0.pattern.rawValue) \($0.responsible?.function ?? "-")" })")
    #expect(finding.severity >= .suspect)
    #expect(finding.responsible?.line == (try line(of: marker, in: "gen/trend/main.go")))
    #expect(report.findings.first?.severity == .leak)
    if series == "afterfunc" { #expect(finding.advice.hasPrefix("time.AfterFunc keeps its function")) }
    if series == "blocked-io" { #expect(finding.advice.contains("IdleTimeout")) }
  }

  @Test("the controls stay clean: a bounded context tree, an idle keep-alive pool at its cap",
    arguments: ["bounded-context", "idle-keepalive-pool"])
  func controls(_ series: String) throws {
    let report = try Self.trend("trend/" + series)
    #expect(report.findings.allSatisfy { $0.severity == .info }, "\(report.findings.map { "\($0.severity) \($0.pattern.rawValue)" })")
    #expect(!Severity.fails(report.findings, failOn: .suspect))
  }
}
