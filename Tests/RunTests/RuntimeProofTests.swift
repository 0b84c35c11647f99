import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofReport

/// Go 1.27's own leak proof (the goroutineleak profile, `(leaked)` in tracebacks, synctest's
/// deadlock panic) read from a real Go 1.27.3 server (Fixtures/gen/modern): eight classic
/// leaks, of which the runtime proves the four whose channel or WaitGroup only the leaked
/// goroutine holds.
@Suite("Runtime proof: goroutineleak profiles, (leaked), synctest")
struct RuntimeProofTests {
  static let modern = "gen/modern/main.go"
  static let series = Fixture.profiles.appendingPathComponent("go1.27/series").path

  static func path(_ relative: String) -> String {
    Fixture.profiles.appendingPathComponent("go1.27/" + relative).path
  }

  static func trend(_ paths: [String]) throws -> TrendReport {
    try TrendRun(paths: paths, settings: AnalysisSettings()).run()
  }

  /// The functions the runtime proves leaked, and their leak-site lines.
  static func proved() throws -> [String: Int64] {
    [
      "main.sendResult": try line(of: "leak-site: blocked-send", in: modern),
      "main.waitForReply": try line(of: "leak-site: blocked-recv", in: modern),
      "main.waitForEither": try line(of: "leak-site: blocked-select", in: modern),
      "main.waitAll": try line(of: "leak-site: sync-waitgroup", in: modern),
    ]
  }

  @Test("a traceback's (leaked) and (scan) leave the wait reason and mark the goroutines; labels stay")
  func tracebackMarks() throws {
    let dump = try #require(
      try GoroutineDump.parseAll(Fixture.bytes(Self.path("text/goroutineleak-08.debug2.txt"))).first)
    #expect(dump.isLeakCheck)
    #expect(dump.groups.filter(\.leaked).reduce(0) { $0 + $1.count } == 160)
    #expect(!dump.groups.contains { $0.waitReason.contains("(") && !$0.waitReason.contains("nil chan") })
    let leaked = dump.groups.filter(\.leaked)
    #expect(Set(leaked.map(\.waitReason)) == ["chan send", "chan receive", "select", "sync.WaitGroup.Wait"])
    #expect(leaked.allSatisfy { $0.labels.contains("tenant id") && $0.minutesBlocked == nil })
    // Markers in the runtime's order, the status first: all are taken out but (durable).
    let header = """
      goroutine 7 gp=0xc000102a80 m=nil [chan receive (leaked) (scan), 2 minutes, locked to thread, synctest bubble 3] {route: /work}:
      main.waitForReply(0x0?)
      \t/src/main.go:79 +0x25

      goroutine 8 [sleep (scan) (durable)]:
      main.nap()
      \t/src/main.go:90 +0x25

      """
    let parsed = try #require(try GoroutineDump.parseAll(header).first)
    #expect(parsed.groups.map(\.waitReason) == ["chan receive", "sleep (durable)"])
    #expect(parsed.groups.map(\.leaked) == [true, false])
    #expect(parsed.groups[0].lockedToThread && parsed.groups[0].minutesBlocked == 2...2)
    #expect(parsed.groups[0].labels == #"{"route":"/work"}"#)
  }

  @Test("any NAME profile: total N page is read, goroutineleak's as its own kind; an empty one is no leak")
  func countPages() throws {
    let page = try ProfileLoader().loadSnapshots(path: Self.path("text/goroutineleak-08.debug1.txt"))
    #expect(page.count == 1)
    #expect(page[0].profile.kind == .goroutineleak)
    #expect(page[0].dump?.profileName == "goroutineleak")
    #expect(page[0].dump?.total == 160)
    #expect(page[0].dump?.groups.allSatisfy(\.leaked) == true)
    for clean in ["clean/goroutineleak.debug1.txt", "clean/goroutineleak.pb.gz", "clean/goroutineleak.debug2.txt"] {
      let report = try Self.trend([Self.path(clean)])
      #expect(report.findings.isEmpty, "\(clean)")
      #expect(!Severity.fails(report.findings, failOn: .leak))
    }
    #expect(try ProfileLoader().load(path: Self.path("clean/goroutineleak.pb.gz")).kind == .goroutineleak)
  }

  @Test("one goroutineleak snapshot, in every form, is a leak at each proved line")
  func oneSnapshot() throws {
    let expected = try Self.proved()
    for file in ["series/goroutineleak-01.pb.gz", "text/goroutineleak-01.debug1.txt", "text/goroutineleak-01.debug2.txt"] {
      let report = try Self.trend([Self.path(file)])
      let proved = report.findings.filter { $0.proof?.isProven == true }
      #expect(proved.count == 4, "\(file)")
      #expect(proved.allSatisfy { $0.severity == .leak && $0.proof?.leaked == 5 }, "\(file)")
      #expect(
        Dictionary(uniqueKeysWithValues: proved.compactMap { $0.responsible.map { ($0.function, $0.line) } })
          == expected, "\(file)")
      #expect(Severity.fails(report.findings, failOn: .leak), "\(file)")
    }
  }

  @Test("trend fuses proof and statistics: one finding a leak, proved ones first, the rest said to be out of the runtime's sight")
  func fused() throws {
    let report = try Self.trend([Self.series])
    let expected = try Self.proved()
    let goroutine = report.findings.filter { $0.profileKind == .goroutine && $0.severity == .leak }
    // No goroutine counted twice: the goroutineleak series only proves the goroutine findings.
    #expect(!report.findings.contains { $0.profileKind == .goroutineleak })
    let proved = goroutine.filter { $0.proof?.isProven == true }
    #expect(Set(proved.compactMap(\.responsible?.function)) == Set(expected.keys))
    for finding in proved {
      #expect(finding.proof?.values == [5, 10, 15, 20, 25, 30, 35, 40])
      #expect(finding.values == [5, 10, 15, 20, 25, 30, 35, 40])
    }
    let leaks = report.findings.filter { $0.severity == .leak }
    #expect(leaks.prefix(4).allSatisfy { $0.proof?.isProven == true })
    // The leaks the runtime cannot see: a global mutex, a ticker's goroutine, HTTP connections.
    let unseen = goroutine.filter { $0.proof?.isProven == false }
    let functions = Set(unseen.compactMap(\.responsible?.function))
    #expect(functions.isSuperset(of: ["main.lockAccount", "main.tickLoop"]))
    #expect(unseen.contains { $0.pattern == .unclosedHTTPBody })
    let text = TextRenderer().render(.trend(report))
    #expect(text.contains("proved leaked by the Go runtime: 40 goroutines, 5 → 40 over the checks"))
    #expect(text.contains("proof: the Go runtime's leak check"))
    // The heap leak is found by its growth alone.
    #expect(report.findings.contains { $0.profileKind == .heap && $0.responsible?.function == "main.grow" })
  }

  @Test("the leak checks may sit in a goroutineleak/ subdirectory: read without --recursive, same findings")
  func subdirectory() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proof-\(UUID().uuidString)")
    let checks = directory.appendingPathComponent(ProfileDirectory.leakCheckDirectory)
    try FileManager.default.createDirectory(at: checks, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.series) {
      let target = name.hasPrefix("goroutineleak-") ? checks : directory
      try FileManager.default.copyItem(
        atPath: Self.series + "/" + name, toPath: target.appendingPathComponent(name).path)
    }
    let beside = try Self.trend([Self.series])
    let below = try Self.trend([directory.path])
    #expect(below.series.map(\.kind) == beside.series.map(\.kind))
    #expect(below.findings.map(\.proof?.isProven) == beside.findings.map(\.proof?.isProven))
    #expect(below.findings.map(\.severity) == beside.findings.map(\.severity))
    #expect(below.findings.filter { $0.proof?.isProven == true }.count == 4)
  }

  @Test("diff rates NEW's proof: two goroutineleak snapshots, and a proved traceback against an older one")
  func diff() throws {
    let run = DiffRun(
      base: Self.path("series/goroutineleak-01.pb.gz"), new: Self.path("series/goroutineleak-08.pb.gz"),
      settings: AnalysisSettings())
    let report = try run.run()
    #expect(report.findings.count == 4)
    #expect(report.findings.allSatisfy { $0.severity == .leak && $0.proof?.leaked == 40 && $0.growth == 35 })
    let text = try DiffRun(
      base: Self.path("text/goroutineleak-01.debug2.txt"), new: Self.path("text/goroutineleak-08.debug2.txt"),
      settings: AnalysisSettings()
    ).run()
    let proved = text.findings.filter { $0.proof?.isProven == true }
    #expect(Set(proved.compactMap(\.responsible?.function)) == Set(try Self.proved().keys))
    #expect(proved.allSatisfy { $0.severity == .leak })
    #expect(text.findings.contains { $0.proof?.isProven == false })
  }

  @Test("top of a goroutineleak profile lists the proved goroutines as leaks")
  func top() throws {
    let result = try TopRun(file: Self.path("series/goroutineleak-08.pb.gz"), settings: AnalysisSettings()).run()
    let blocked = try #require(result.blocked)
    #expect(blocked.entries.count == 4)
    #expect(blocked.entries.allSatisfy { $0.severity == .leak && $0.proof?.leaked == 40 })
    let text = BlockedTextRenderer(colour: false).render(blocked)
    #expect(text.contains("proof: proved leaked by the Go runtime: 40 goroutines"))
  }

  @Test("synctest's deadlock panic proves its bubble's blocked goroutines leaked, and only those")
  func synctest() throws {
    let dump = try #require(try GoroutineDump.parseAll(Fixture.bytes(Self.path("synctest-deadlock.txt"))).last)
    #expect(dump.isLeakCheck)
    let leaked = dump.groups.filter(\.leaked)
    #expect(!leaked.isEmpty)
    #expect(leaked.allSatisfy { $0.waitReason.hasSuffix("(durable)") })
    #expect(!dump.groups.contains { $0.leaked && $0.waitReason == "running" })
    let report = try Self.trend([Self.path("synctest-deadlock.txt")])
    #expect(report.findings.contains { $0.severity == .leak && $0.proof?.isProven == true })
  }

  @Test("every format carries the proof: JSON fields, SARIF, JUnit, Markdown, GitHub, HTML")
  func formats() throws {
    let report = try Self.trend([Self.series])
    let json = try JSONRenderer.render(.trend(report), failOn: .leak)
    #expect(json.contains(#""proof" : "runtime""#) && json.contains(#""proof" : "none""#))
    #expect(json.contains(#""provedGoroutines" : 40"#))
    let ci = CIReport(
      .trend(report), failOn: .leak, paths: PathMapper(repositoryRoot: Fixture.root.path), toolVersion: "test")
    let sarif = try SARIFRenderer.render(ci, repositoryRoot: Fixture.root.path)
    #expect(sarif.contains("Proof: proved leaked by the Go runtime") && sarif.contains(#""proof" : "runtime""#))
    #expect(JUnitRenderer.render(ci).contains("proof: proved leaked by the Go runtime"))
    #expect(MarkdownRenderer.render(ci).contains("`blocked-send`, proved by the Go runtime"))
    #expect(GitHubRenderer.render(ci).contains("Proof: proved leaked by the Go runtime"))
    #expect(try HTMLRenderer.render(.trend(report), failOn: .leak).contains("proof: proved leaked by the Go runtime"))
  }
}
