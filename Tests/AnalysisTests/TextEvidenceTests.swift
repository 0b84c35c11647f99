import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// What goroutine text dumps add to the analysis: the same findings as the binary profiles of
/// the same run, wait reasons, minutes and creators as evidence, and debug=1 stacks classified
/// from the Go source.
@Suite("Evidence from goroutine text dumps")
struct TextEvidenceTests {
  /// A trend over the files of `directory` whose names pass `include`.
  static func trend(
    _ directory: String, sources: SourceResolver? = nil, include: (String) -> Bool
  ) throws -> TrendReport {
    let url = Fixture.fixtures.appendingPathComponent(directory)
    var builder = TrendBuilder()
    for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    where include(name) {
      for snapshot in try ProfileLoader().loadSnapshots(path: url.appendingPathComponent(name).path) {
        var named = snapshot
        named.path = name
        builder.add(named)
      }
    }
    return TrendReport(builder: builder, sources: sources)
  }

  struct Key: Equatable, CustomStringConvertible {
    var severity: Severity
    var pattern: LeakPattern
    var function: String?
    var file: String?
    var line: Int64?
    var description: String {
      "\(severity) \(pattern.rawValue) \(function ?? "-") \(file ?? "-"):\(line ?? 0)"
    }
  }

  static func keys(_ report: TrendReport) -> [Key] {
    report.findings.filter { $0.severity != .info }.map {
      Key(
        severity: $0.severity, pattern: $0.pattern, function: $0.responsible?.function,
        file: $0.responsible?.file, line: $0.responsible?.line)
    }
  }

  static let trendScenarios = [
    "blocked-send", "blocked-recv", "blocked-select", "noisy-slow-leak", "timer-loop",
    "global-map", "bounded-cache", "sawtooth", "steady-pool", "warming-pool",
  ]

  @Test("trend over the debug=2 series finds what the binary series finds, at the same line", arguments: trendScenarios)
  func debug2MatchesBinary(_ scenario: String) throws {
    let binary = try Self.trend("trend/\(scenario)") { $0.hasPrefix("goroutine-") && $0.hasSuffix(".pb.gz") }
    let text = try Self.trend("trend/\(scenario)") { $0.hasSuffix(".debug2.txt") }
    #expect(text.series.first?.source == .traceback)
    #expect(text.series.first?.snapshots.count == 12)
    #expect(Self.keys(text) == Self.keys(binary))
    let goroutineLeaks = ["blocked-send", "blocked-recv", "blocked-select", "noisy-slow-leak"]
    #expect(Self.keys(binary).contains { $0.severity == .leak } == goroutineLeaks.contains(scenario))
  }

  @Test("trend over the leaky server's debug=2 and debug=1 series matches its binary series")
  func leakySeries() throws {
    let binary = try Self.trend("profiles/leaky") { $0.hasPrefix("goroutine-") && $0.hasSuffix(".pb.gz") }
    let debug2 = try Self.trend("profiles/leaky") { $0.hasSuffix(".debug2.txt") }
    let expected = Self.keys(binary)
    #expect(expected.first?.pattern == .blockedSend)
    #expect(expected.first?.function == "main.longRunningTask")
    #expect(Self.keys(debug2) == expected)
    let finding = try #require(debug2.findings.first)
    #expect(finding.evidence?.waitReasons == ["chan send"])
    #expect(finding.evidence?.createdBy?.function == "main.handler")
    #expect(finding.evidence?.goroutines == 200)

    // debug=1 hides runtime.chansend: the source line says it is a send.
    let root = Fixture.root.path
    let debug1 = try Self.trend("profiles/leaky", sources: SourceResolver(roots: [root])) {
      $0.hasSuffix(".debug1.txt")
    }
    #expect(Self.keys(debug1) == expected)
    #expect(debug1.findings.first?.attributionNote?.contains("read from the source line") == true)
  }

  @Test("without the source, a debug=1 stack falls back to goroutine-growth and says why")
  func debug1WithoutSource() throws {
    let moved = SourceResolver(roots: ["/nonexistent"])
    let dump = try #require(
      try GoroutineDump.parseAll(try Fixture.bytes(Fixture.path("profiles/dumps/labels.debug1.txt"))).first)
    var stacks = dump.groups.first { $0.frames.contains { $0.function == "main.leakRecv" } }?.frames ?? []
    // The recorded path must not resolve for this check: point it somewhere that does not exist.
    stacks = stacks.map { Frame(function: $0.function, file: "/gone" + $0.file, line: $0.line) }
    let unread = StackClassifier.classifyGoroutine(stacks, sources: moved)
    #expect(unread.0 == .goroutineGrowth)
    #expect(unread.2?.contains("--source-root") == true)
    let read = StackClassifier.classifyGoroutine(
      stacks, sources: SourceResolver(roots: [Fixture.root.path]))
    #expect(read.0 == .blockedRecv)
    #expect(read.1?.function == "main.leakRecv")
    #expect(read.2?.contains("read from the source line") == true)
  }

  @Test("the statement on a line tells send, receive, select and sync waits apart")
  func statements() {
    let cases: [(String, LeakPattern?)] = [
      ("\tch <- v // leak-site", .blockedSend),
      ("results <- compute(x)", .blockedSend),
      ("s.out <- item", .blockedSend),
      ("v := <-ch", .blockedRecv),
      ("return <-ch", .blockedRecv),
      ("case <-ctx.Done():", .blockedRecv),
      ("<-done", .blockedRecv),
      ("process(<-jobs)", .blockedRecv),
      ("for job := range jobs {", .blockedRecv),
      ("select {", .blockedSelect),
      ("select {} // park", .blockedSelect),
      ("mu.Lock()", .syncWait),
      ("s.mu.RLock()", .syncWait),
      ("wg.Wait()", .syncWait),
      ("time.Sleep(time.Hour)", nil),
      ("// ch <- v", nil),
    ]
    for (line, expected) in cases {
      #expect(SourceStatement.pattern(of: line) == expected, "\(line)")
    }
  }

  @Test("a single SIGQUIT dump: 300 goroutines blocked a minute in chan send, and their creator")
  func singleDump() throws {
    let path = Fixture.path("profiles/dumps/sigquit.txt")
    let dump = try #require(try ProfileLoader().loadSnapshots(path: path).first?.dump)
    var thresholds = Thresholds()
    thresholds.minBlockedMinutes = 1
    let report = BlockedReport(dump: dump, path: path, thresholds: thresholds)
    let send = try #require(report.entries.first)
    #expect(send.severity == .leak)
    #expect(send.pattern == .blockedSend)
    #expect(send.responsible?.function == "main.leakSend")
    #expect(send.evidence.goroutines == 300)
    #expect(send.evidence.minutesBlocked == 1...1)
    #expect(send.evidence.createdBy?.function == "main.startLeaks")
    let rated = Dictionary(grouping: report.entries, by: \.severity).mapValues(\.count)
    #expect(rated[.leak] == 3)  // leakSend, lockForever, waitForever
    #expect(rated[.suspect] == 2)  // selectForever, leakRecv
    // The default 10 minutes: nothing has waited that long.
    let patient = BlockedReport(dump: dump, path: path)
    #expect(!patient.entries.contains { $0.severity == .leak || $0.severity == .suspect })
  }

  @Test("diff of two debug=2 dumps carries the new dump's evidence into the finding and its JSON")
  func diffEvidence() throws {
    let loader = ProfileLoader()
    let base = try #require(try loader.loadSnapshots(path: Fixture.path("profiles/leaky/goroutine-01.debug2.txt")).first)
    let new = try #require(try loader.loadSnapshots(path: Fixture.path("profiles/leaky/goroutine-08.debug2.txt")).first)
    let report = try DiffReport(
      base: base.profile, basePath: base.path, new: new.profile, newPath: new.path, newDump: new.dump)
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .leak)
    #expect(finding.pattern == .blockedSend)
    #expect(finding.responsible?.function == "main.longRunningTask")
    #expect(finding.evidence?.waitReasons == ["chan send"])
    #expect(finding.evidence?.createdBy?.function == "main.handler")
    #expect(finding.evidence?.path == new.path)

    let json = try JSONSerialization.jsonObject(
      with: Data(try JSONRenderer.render(.diff(report), failOn: .leak).utf8)) as? [String: Any]
    let first = try #require((json?["findings"] as? [[String: Any]])?.first)
    #expect(first["waitReason"] as? String == "chan send")
    #expect((first["createdBy"] as? [String: Any])?["function"] as? String == "main.handler")
    #expect(first["tracebackGoroutines"] as? Int == 200)
    #expect(first["minutesBlocked"] is NSNull)  // captured seconds apart: no minutes yet
    let text = TextRenderer().render(.diff(report))
    #expect(text.contains("waiting: 200 goroutines in chan send"))
    #expect(text.contains("created by main.handler"))
  }

  @Test(
    "an HTTP server's idle connections are named as the server's, in every form",
    arguments: ["goroutine.pb.gz", "goroutine.debug2.txt", "goroutine.debug1.txt"])
  func serverConnections(_ form: String) throws {
    let loader = ProfileLoader()
    let directory = "profiles/scenarios/unclosed-http-body/"
    let base = try #require(try loader.loadSnapshots(path: Fixture.path(directory + "base." + form)).first)
    let new = try #require(try loader.loadSnapshots(path: Fixture.path(directory + "new." + form)).first)
    let report = try DiffReport(
      base: base.profile, basePath: base.path, new: new.profile, newPath: new.path, newDump: new.dump,
      options: DiffReport.Options(sources: SourceResolver(roots: [Fixture.root.path])))
    let server = try #require(report.findings.first { $0.pattern == .blockedIO }, "\(report.findings.map(\.pattern))")
    #expect(server.responsible == nil)
    #expect(server.attributionNote == StackClassifier.httpServerNote)
    // The client's side of the same connections keeps the note of its own.
    let client = try #require(report.findings.first { $0.pattern == .unclosedHTTPBody })
    #expect(client.attributionNote != StackClassifier.httpServerNote)
  }
}
