import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// The profile encoder against the decoder, and the growth profile against go tool pprof.
@Suite("Profile encoder and growth profiles")
struct GrowthProfileTests {
  @Test("every real fixture decodes, encodes and decodes again to the same profile", arguments: Fixture.binaryProfiles)
  func roundTrip(_ fixture: String) throws {
    let profile = try Fixture.load(fixture)
    #expect(try Profile(decoding: profile.encoded()) == profile)
    let gzip = profile.encodedGzip()
    #expect(Gzip.isGzip(gzip))
    #expect(try Profile(decoding: Gzip.decompress(gzip, limit: 1 << 30)) == profile)
  }

  static func leakyDiff() throws -> DiffReport {
    var options = DiffReport.Options()
    options.keepGrowth = true
    return try DiffReport(
      base: try Fixture.load("leaky/heap-01.pb.gz"), basePath: "heap-01.pb.gz",
      new: try Fixture.load("leaky/heap-08.pb.gz"), newPath: "heap-08.pb.gz", options: options)
  }

  @Test("the growth profile holds NEW - BASE per stack: the report's numbers")
  func growthNumbers() throws {
    let report = try Self.leakyDiff()
    let growth = try #require(report.growth)
    let profile = try Profile(decoding: Profile(growth: growth).encoded())
    #expect(profile.sampleTypeNames == ["inuse_space"])
    #expect(profile.samples.reduce(0) { $0 + $1.values[0] } == report.new.total - report.base.total)
    let top = try TopReport(profile: profile, options: TopReport.Options(sampleIndex: "0"))
    let finding = try #require(report.findings.first { $0.responsible?.function == "main.longRunningTask" })
    #expect(top.rows.first?.name == "main.longRunningTask")
    // The same flat and cum as pprof's -diff_base table, function by function.
    for diffRow in report.top.rows {
      let same = top.rows.first { $0.name == diffRow.name }
      #expect(same?.flat == diffRow.flat && same?.cum == diffRow.cum, "\(diffRow.name)")
    }
    // One finding's stacks only.
    let one = growth.stacks(of: finding)
    #expect(one.stacks.reduce(0) { $0 + $1.delta } == finding.growth)
  }

  static let goPath: String? = ["/usr/bin/go", "/usr/lib/go/bin/go", "/usr/local/go/bin/go"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
  static let noGo = Comment(rawValue: "go is not installed (apt-get install -y golang-go)")

  /// Writes `bytes` to a file and runs `go tool pprof ARGUMENTS FILE` on it (pprof's standard
  /// error holds its warnings).
  static func pprof(_ arguments: [String], on bytes: [UInt8]) throws
    -> (output: String, errors: String, status: Int32)
  {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("encoded-\(UUID().uuidString).pb.gz")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: goPath ?? "/usr/bin/go")
    process.arguments = ["tool", "pprof"] + arguments + [file.path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let warned = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      String(decoding: printed, as: UTF8.self), String(decoding: warned, as: UTF8.self),
      process.terminationStatus
    )
  }

  @Test("go tool pprof -top reads the growth profile and prints what our top prints", .enabled(if: goPath != nil, noGo))
  func pprofReadsIt() throws {
    let report = try Self.leakyDiff()
    let bytes = Profile(growth: try #require(report.growth)).encodedGzip()
    let pprof = try Self.pprof(["-symbolize=none", "-top"], on: bytes)
    #expect(pprof.status == 0)
    let ours = TopTextRenderer.render(try TopReport(profile: try Profile(decoding: Gzip.decompress(bytes, limit: 1 << 30))))
    #expect(Fixture.withoutVolatileLines(pprof.output) == Fixture.withoutVolatileLines(ours))
    #expect(pprof.output.contains("main.longRunningTask"))
  }

  @Test("go tool pprof -raw prints for each encoded fixture what it printed for the original",
    .enabled(if: goPath != nil, noGo), arguments: Fixture.rawCases)
  func encodedMatchesRaw(_ fixture: String) throws {
    let pprof = try Self.pprof(["-symbolize=none", "-raw"], on: try Fixture.load(fixture).encodedGzip())
    #expect(pprof.status == 0)
    #expect(pprof.errors.isEmpty, "\(pprof.errors)")
    // The golden is the output of the Go that wrote the fixture; this go's pprof may print
    // other versions' fixtures differently, so it reads their original too.
    let golden =
      Fixture.isFromSystemGo(fixture)
      ? try Fixture.text(Fixture.golden.appendingPathComponent("raw/\(Fixture.stem(fixture)).txt"))
      : Fixture.withoutVolatileLines(
        try Self.pprof(["-symbolize=none", "-raw"], on: Fixture.bytes(Fixture.profiles.appendingPathComponent(fixture).path)).output)
    #expect(Fixture.withoutVolatileLines(pprof.output) == golden)
  }

  /// The growth of a pair and of each kind of a series, with the profile each ends with.
  static func realGrowths() throws -> [(name: String, growth: Growth, last: Profile)] {
    var builder = TrendBuilder()
    for kind in ["heap", "goroutine"] {
      for index in 1...8 {
        let file = "leaky/\(kind)-0\(index).pb.gz"
        builder.add(try Fixture.load(file), path: file)
      }
    }
    let trend = TrendReport(builder: builder, keepGrowth: true)
    return [("diff heap", try #require(try leakyDiff().growth), try Fixture.load("leaky/heap-08.pb.gz"))]
      + (try trend.growths.map { ("trend \($0.kind)", $0, try Fixture.load("leaky/\($0.kind)-08.pb.gz")) })
  }

  @Test("a growth profile decodes to itself and pprof -raw reads the same stacks, inlined calls, time and binary",
    .enabled(if: goPath != nil, noGo))
  func growthMatchesRaw() throws {
    let growths = try Self.realGrowths()
    #expect(growths.count == 3)
    // Stacks that shrank give negative values.
    #expect(growths.contains { $0.growth.stacks.contains { $0.delta < 0 } })
    for (name, growth, source) in growths {
      let profile = Profile(growth: growth)
      #expect(try Profile(decoding: profile.encoded()) == profile, "\(name)")
      let changed = growth.stacks.filter { $0.delta != 0 }
      let pprof = try Self.pprof(["-raw"], on: profile.encodedGzip())
      #expect(pprof.status == 0)
      // No "Main binary filename not available.": the source's mapping is kept.
      #expect(pprof.errors.isEmpty, "\(name): \(pprof.errors)")
      let raw = RawGolden(pprof.output)
      let ours = changed.map { "[\($0.delta)] \($0.frameIDs.count)" }.sorted()
      let theirs = zip(raw.sampleValues, raw.sampleFrameCounts).map { "\($0) \($1)" }.sorted()
      #expect(ours == theirs, "\(name)")
      #expect(raw.inlinedLineCount > 0, "\(name): inlined calls lost")
      #expect(raw.locationCount < Set(changed.flatMap(\.frameIDs)).count, "\(name)")
      let binary = try #require(source.mainBinary)
      #expect(pprof.output.contains("\n1: 0x0/0x0/0x0 \(binary.filename) "), "\(name)")
      #expect(profile.timeNanos == source.timeNanos && profile.timeNanos != 0, "\(name)")
      #expect(profile.durationNanos > 0, "\(name)")
      #expect(pprof.output.contains("\nDuration: "), "\(name)")
      let measure = growth.kind == .heap ? "heap inuse_space" : "goroutine"
      #expect(pprof.output.contains("Comment: pprof-leak growth of \(measure): "), "\(name)")
    }
  }

  @Test("a traceback's growth profile keeps each stack's wait reason: it is read back, and pprof -tags lists it")
  func growthKeepsWaitReasons() throws {
    func dump(_ side: String) throws -> GoroutineDump {
      let path = Fixture.path("profiles/scenarios/blocked-send/\(side).goroutine.debug2.txt")
      return try #require(try GoroutineDump.parseAll(Fixture.bytes(path)).first)
    }
    var options = DiffReport.Options()
    options.keepGrowth = true
    let (base, new) = (try dump("base"), try dump("new"))
    let report = try DiffReport(
      base: Profile(goroutineDump: base), basePath: "base", new: Profile(goroutineDump: new),
      newPath: "new", newDump: new, options: options)
    let finding = try #require(report.findings.first)
    #expect(finding.pattern == .blockedSend && finding.waitReason == "chan send")
    #expect(!finding.stack.contains { $0.function.hasPrefix("[") })
    // Without the traceback's evidence, the JSON and SARIF give the stack's own wait reason.
    let bare = try DiffReport(
      base: Profile(goroutineDump: base), basePath: "base", new: Profile(goroutineDump: new),
      newPath: "new")
    #expect(bare.findings.first?.evidence == nil)
    let json = try DiffJSONRenderer.render(bare, failOn: .leak)
    #expect(json.contains(#""waitReason" : "chan send""#) && !json.contains(#""function" : "[chan send]""#))
    let root = Fixture.root.path
    let sarif = try SARIFRenderer.render(
      CIReport(.diff(bare), failOn: .leak, paths: PathMapper(repositoryRoot: root), toolVersion: "test"),
      repositoryRoot: root)
    #expect(sarif.contains(#""waitReason" : "chan send""#))
    let bytes = Profile(growth: try #require(report.growth).stacks(of: finding)).encodedGzip()
    var table = StackTable()
    let ids = table.add(try Profile(decoding: Gzip.decompress(bytes, limit: 1 << 30)))
    let id = try #require(ids.first)
    #expect(ids.count == 1 && table.waitReason(of: id) == "chan send")
    // The reason is what says blocked-send: the traceback hid the runtime's frames.
    let frames = table.resolve(id)
    for (reason, pattern) in [("chan send", LeakPattern.blockedSend), (nil, .goroutineGrowth)] {
      let key = FindingKey.classify(frames, waitReason: reason, isGoroutine: true, sources: nil).key
      #expect(key.pattern == pattern && key.responsible?.function == "main.sendResult")
    }
    if Self.goPath != nil {
      let tags = try Self.pprof(["-tags"], on: bytes)
      #expect(tags.status == 0)
      #expect(tags.output.contains(Profile.waitReasonLabel) && tags.output.contains("chan send"), "\(tags.output)")
    }
  }

  @Test("the flame tree: the root is the whole profile after, small frames pruned and counted")
  func flameTree() throws {
    let report = try Self.leakyDiff()
    let growth = try #require(report.growth)
    let full = FlameTree(growth: growth, minShare: 0)
    #expect(full.nodes[0].after == report.new.total)
    #expect(full.nodes[0].delta == report.new.total - report.base.total)
    #expect(full.pruned == 0)
    let pruned = FlameTree(growth: growth, minShare: 0.01)
    #expect(pruned.pruned > 0)
    #expect(pruned.nodes.count + pruned.pruned == full.nodes.count)
    #expect(pruned.nodes.contains { $0.name == "main.longRunningTask" })
    // Parents come first, and a child's value never exceeds its parent's.
    for (index, node) in pruned.nodes.enumerated().dropFirst() {
      #expect(Int(node.parent) < index)
      #expect(node.after <= pruned.nodes[Int(node.parent)].after)
    }
  }

  @Test("the terminal's bars: eighths of a cell, the largest value full width")
  func bars() {
    #expect(Bar.render(203, of: 203) == String(repeating: "█", count: 20))
    #expect(Bar.render(28, of: 203) == "██▊")
    #expect(Bar.render(0, of: 203) == "")
    #expect(Bar.render(1, of: 1_000_000) == "")
    #expect(Bar.render(5, of: 10, width: 4) == "██")
  }

  @Test("hostile values do not trap: a change of Int64.min, times at both ends of Int64")
  func extremes() throws {
    let frames = [Frame(function: "main.f", file: "m.go", line: 1)]
    let growth = Growth(
      kind: .goroutine, sampleType: "goroutine", sampleUnit: "count", label: "a → b",
      frames: frames, stacks: [Growth.Stack(frameIDs: [0], before: 1, after: -Int64.max)])
    #expect(growth.stacks[0].delta == .min)
    let tree = FlameTree(growth: growth)
    #expect(tree.nodes[0].delta == .min)
    var builder = TrendBuilder()
    for (index, time) in [Int64(-9_000_000_000_000_000_000), 9_000_000_000_000_000_000].enumerated() {
      builder.add(try TrendSeriesTests.snapshot(time: time, count: Int64(10 + index)), path: "s\(index)")
    }
    let report = TrendReport(builder: builder)
    #expect(report.series.first?.hasRealTimes == true)
    _ = try HTMLRenderer.render(.trend(report), failOn: .leak)
  }
}
