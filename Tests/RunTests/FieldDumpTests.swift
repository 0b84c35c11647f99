import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofReport

/// Dumps and pages as they arrive from the field (Fixtures/profiles/field, made by
/// Fixtures/gen/field/capture.sh from real Go 1.19 programs): log prefixes, lines after the
/// last goroutine, a terminal's echo, a header glued to other text, and Go's other `?debug=1`
/// pages, read with pprof's numbers.
@Suite("Field dumps: log prefixes, endings, terminal echoes, legacy pages")
struct FieldDumpTests {
  static func path(_ name: String) -> String { Fixture.profiles.appendingPathComponent("field/" + name).path }

  static func dumps(_ name: String) throws -> [GoroutineDump] {
    try GoroutineDump.parseAll(Fixture.bytes(path(name)))
  }

  /// The goroutine headers of a file, wherever they are on their lines.
  static func headers(_ name: String) throws -> Int {
    let text = try Fixture.text(URL(fileURLWithPath: path(name)))
    return text.split(whereSeparator: \.isNewline).filter { line in
      line.contains(/goroutine \d+ \[/)
    }.count
  }

  /// What `top` rates in a dump: pattern, responsible frame and goroutines of each entry.
  static func entries(_ dump: GoroutineDump) -> [String] {
    BlockedReport(dump: dump, path: "").entries.map {
      "\($0.pattern) \($0.responsible?.function ?? "-"):\($0.responsible?.line ?? 0) \($0.evidence.goroutines)"
    }.sorted()
  }

  @Test(
    "a log tool's line prefix is cut: the same goroutines and findings as the clean dump, said in a note",
    arguments: [
      ("kubectl.txt", "stripped RFC 3339 timestamps"), ("github.txt", "stripped RFC 3339 timestamps"),
      ("compose.txt", "stripped docker compose's \"web-1 |\" column"),
      ("journald.txt", "stripped syslog heads of \"host dockerd[1748]\""),
      ("indented.txt", "stripped an indent of 4 spaces"),
    ])
  func prefixes(_ file: String, _ note: String) throws {
    let clean = try #require(try Self.dumps("clean.txt").first)
    let dumps = try Self.dumps(file)
    #expect(dumps.count == 1)
    let dump = try #require(dumps.first)
    #expect(dump.groups == clean.groups)
    #expect(dump.total == clean.total)
    #expect(dump.warnings.isEmpty, "\(dump.warnings)")
    #expect(dump.notes.count == 1 && dump.notes[0].hasPrefix(note), "\(dump.notes)")
    #expect(Self.entries(dump) == Self.entries(clean))
    #expect(!Self.entries(clean).isEmpty)
    if file == "compose.txt" {
      // Another service's lines between the dump's are set aside, not read as a cut.
      #expect(dump.notes[0].hasSuffix("set aside 10 lines of other programs between them"))
    }
  }

  @Test("two dumps with two prefixes: each dump's own, never one guessed across them")
  func twoPrefixes() throws {
    let clean = try #require(try Self.dumps("clean.txt").first)
    let dumps = try Self.dumps("two-dumps.txt")
    #expect(dumps.count == 2)
    #expect(dumps[0].groups == clean.groups)
    #expect(dumps[0].notes.count == 1 && dumps[0].notes[0].contains("RFC 3339"))
    #expect(dumps[1].notes.count == 1 && dumps[1].notes[0].contains("docker compose"))
    #expect(dumps.allSatisfy { $0.warnings.isEmpty }, "\(dumps.map(\.warnings))")
    #expect(dumps[0].total + dumps[1].total == (try Self.headers("two-dumps.txt")))
  }

  @Test(
    "a line after the last goroutine ends it and keeps it: go run's exit status, go test's FAIL",
    arguments: ["go-run-panic.txt", "go-test-timeout.txt"])
  func endings(_ file: String) throws {
    let dumps = try Self.dumps(file)
    #expect(dumps.count == 1)
    #expect(dumps[0].total == (try Self.headers(file)))
    #expect(dumps[0].warnings.isEmpty, "\(dumps[0].warnings)")
  }

  @Test("a terminal's ^\\ before SIGQUIT: quit starts a dump, also the second of a file")
  func terminalEcho() throws {
    let one = try Self.dumps("terminal-sigquit.txt")
    let headers = try Self.headers("terminal-sigquit.txt")
    #expect(one.count == 1 && one[0].total == headers && one[0].warnings.isEmpty)
    let text = try Fixture.text(URL(fileURLWithPath: Self.path("terminal-sigquit.txt")))
    #expect(text.contains("^\\SIGQUIT: quit"))
    let twice = try GoroutineDump.parseAll(text + text)
    #expect(twice.count == 2)
    #expect(twice.map(\.total) == [headers, headers])
  }

  @Test("a header glued to other text on its line is found, with a warning naming the line")
  func gluedHeader() throws {
    let dumps = try Self.dumps("glued-header.txt")
    #expect(dumps.count == 1)
    #expect(dumps[0].total == (try Self.headers("glued-header.txt")))
    #expect(dumps[0].warnings == [
      #"line 1: the dump starts after other text on its line ("dumping all stacks"); read from "goroutine 1 [running]:""#
    ])
  }

  @Test(
    "heap, allocs, mutex and block ?debug=1 pages decode to pprof's numbers, with names from their # lines",
    arguments: ["heap", "allocs", "mutex", "block"])
  func legacyPages(_ page: String) throws {
    let snapshots = try ProfileLoader().loadSnapshots(path: Self.path("\(page).debug1.txt"))
    #expect(snapshots.count == 1 && snapshots[0].source == .textPage)
    let profile = snapshots[0].profile
    let golden = RawGolden(
      try Fixture.text(Fixture.fixtures.appendingPathComponent("golden/field/\(page).debug1.raw.txt")))
    #expect(profile.sampleTypeNames == golden.sampleTypes)
    #expect(profile.period == golden.period)
    // pprof -raw prints the samples that are not all zero, and the locations they use.
    let samples = profile.samples.filter { $0.values.contains { $0 != 0 } }
    #expect(
      samples.map { "\($0.values) \($0.locationIDs.count)" }.sorted()
        == zip(golden.sampleValues, golden.sampleDepths).map { "\($0) \($1)" }.sorted())
    #expect(Set(samples.flatMap(\.locationIDs)).count == golden.locationCount)
    // Totals as pprof shows them once the binary names the functions (and so picks the same
    // unit): without it, pprof puts every sample in one <unknown> node.
    for type in profile.sampleTypeNames {
      let report = try TopReport(profile: profile, options: .init(sampleIndex: type))
      let expected = try Fixture.text(
        Fixture.fixtures.appendingPathComponent("golden/field/\(page).debug1.symbolized.\(type).txt"))
      let total = try #require(expected.firstMatch(of: /of (.+) total/)?.1)
      #expect(TopTextRenderer.render(report).contains("of \(total) total"), "\(type)")
    }
    // pprof without the binary names nothing; the page's # lines name the functions.
    let names = try TopReport(profile: profile).rows.map(\.name)
    #expect(names.contains { $0.hasPrefix("main.") })
  }

  @Test("the threadcreate page, which pprof refuses, is read: threads with no stack counted too")
  func threadcreatePage() throws {
    let refusal = try Fixture.text(Fixture.fixtures.appendingPathComponent("golden/field/threadcreate.debug1.error.txt"))
    #expect(refusal.contains("malformed profile format"))
    let snapshot = try #require(try ProfileLoader().loadSnapshots(path: Self.path("threadcreate.debug1.txt")).first)
    #expect(snapshot.profile.kind == .threadcreate)
    #expect(snapshot.dump?.total == 10)
    #expect(snapshot.profile.total(ofValue: 0) == 10)
  }

  @Test("the smaller mismatches: pprof::base totals, an empty sample type, --min-goroutines 1")
  func smallerMismatches() throws {
    // A profile go tool pprof -proto -diff_base wrote: percentages are of the base, as pprof's.
    let diffBase = try Fixture.load("field/diffbase.pb.gz")
    let golden = try Fixture.text(Fixture.golden.appendingPathComponent("top/field-diffbase.inuse_space.txt"))
    let ours = TopTextRenderer.render(try TopReport(profile: diffBase, options: .init(sampleIndex: "inuse_space")))
    #expect(Fixture.withoutVolatileLines(ours) == Fixture.withoutVolatileLines(golden))
    #expect(ours.contains("of 2327.44kB total"))
    // A sample type without a name: pprof prints no "Type:" line.
    var builder = ProfileBuilder(sampleTypes: [("", "count")])
    builder.addSample([("main.f", "m.go", 1)], values: [3])
    let unnamed = TopTextRenderer.render(try TopReport(profile: builder.profile))
    #expect(!unnamed.contains("Type:"))
    // --min-goroutines 1 rates one goroutine blocked long enough; the default needs 2 for info.
    let evidence = WaitEvidence(
      goroutines: 1, waitReasons: ["chan send"], minutesBlockedCounts: [15: 1], createdBy: nil,
      createdByCount: 0, path: "")
    #expect(evidence.severity(pattern: .blockedSend, thresholds: Thresholds(minGoroutines: 1), minBlockedMinutes: 10) == .leak)
    #expect(evidence.severity(pattern: .blockedSend, thresholds: Thresholds(), minBlockedMinutes: 10) == nil)
  }
}
