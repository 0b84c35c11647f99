import Foundation
import Testing
@testable import PprofCore

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
    #expect(one.stacks.reduce(0) { $0 + $1.delta } == finding.delta)
  }

  static let goPath: String? = ["/usr/bin/go", "/usr/lib/go/bin/go", "/usr/local/go/bin/go"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test("go tool pprof -top reads the growth profile and prints what our top prints",
    .enabled(if: goPath != nil, "go is not installed (apt-get install -y golang-go)"))
  func pprofReadsIt() throws {
    let report = try Self.leakyDiff()
    let bytes = Profile(growth: try #require(report.growth)).encodedGzip()
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("growth-\(UUID().uuidString).pb.gz")
    try Data(bytes).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.goPath ?? "/usr/bin/go")
    process.arguments = ["tool", "pprof", "-symbolize=none", "-top", file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let ours = TopTextRenderer.render(try TopReport(profile: try Profile(decoding: Gzip.decompress(bytes, limit: 1 << 30))))
    #expect(Fixture.withoutVolatileLines(printed) == Fixture.withoutVolatileLines(ours))
    #expect(printed.contains("main.longRunningTask"))
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
      kind: "goroutine", sampleType: "goroutine", sampleUnit: "count", label: "a → b",
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
    _ = try HTMLRenderer.render(report, failOn: .leak)
  }
}
