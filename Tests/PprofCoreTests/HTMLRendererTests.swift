import Foundation
import Testing
@testable import PprofCore

@Suite("HTML renderer")
struct HTMLRendererTests {
  /// A goroutine series of `snapshots` snapshots a minute apart, of 20,000 stacks
  /// `main.main → main.handlerH → main.midM → main.leafL → runtime.gopark` (40 × 25 × 20): every
  /// stack holds a few goroutines, the first four handlers' grow, and the last handler's 25,000
  /// goroutines are all gone by the last snapshot.
  static func bigSeries(snapshots: Int) -> TrendBuilder {
    var assembler = ProfileAssembler()
    let goroutine = ValueType(type: assembler.string("goroutine"), unit: assembler.string("count"))
    var stacks: [[UInt64]] = []
    for stack in 0..<20_000 {
      let (handler, mid, leaf) = (stack / 500, stack / 20 % 25, stack % 20)
      let frames = [
        Frame(function: "runtime.gopark", file: "proc.go", line: 363),
        Frame(function: "main.leaf\(leaf)", file: "main.go", line: Int64(1000 + leaf)),
        Frame(function: "main.mid\(mid)", file: "main.go", line: Int64(100 + mid)),
        Frame(function: "main.handler\(handler)", file: "main.go", line: Int64(10 + handler)),
        Frame(function: "main.main", file: "main.go", line: 5),
      ]
      stacks.append(frames.map { assembler.location([$0]) })
    }
    var template = assembler.finished()
    template.sampleTypes = [goroutine]
    var builder = TrendBuilder()
    for snapshot in 0..<snapshots {
      var profile = template
      profile.sampleStore = SampleStore()
      profile.timeNanos = 1_700_000_000_000_000_000 + Int64(snapshot) * 60_000_000_000
      for (index, locations) in stacks.enumerated() {
        let handler = index / 500
        var value = Int64(1 + index % 7)
        if handler < 4 { value += Int64(snapshot * (index % 20 + 1) / 10) }
        if handler == 39 { value = snapshot == snapshots - 1 ? 0 : 50 }
        profile.appendSample(Sample(locationIDs: locations, values: [value]))
      }
      builder.add(profile, path: "goroutine-\(snapshot).pb.gz")
    }
    return builder
  }

  @Test("a trend over 60 snapshots of 20,000 stacks makes a page under 1 MB; pruned frames are counted")
  func pageSize() throws {
    let report = TrendReport(builder: Self.bigSeries(snapshots: 60), keepGrowth: true)
    let growth = try #require(report.growths.first)
    let tree = FlameTree(growth: growth)
    // Frames whose size after is zero cannot be drawn: they are pruned and counted too.
    #expect(tree.nodes.dropFirst().allSatisfy { $0.after > 0 })
    #expect(!tree.nodes.contains { $0.name == "main.handler39" })
    let all = FlameTree(growth: growth, minShare: 0)
    // main.handler39, its mids, their leaves and the leaves' runtime.gopark.
    #expect(all.pruned == 1 + 25 + 2 * 25 * 20)
    #expect(tree.pruned > 30_000)
    let page = try HTMLRenderer.render(report, failOn: .leak)
    #expect(page.utf8.count < 1_000_000, "\(page.utf8.count) bytes")
    #expect(page.contains("\"pruned\":\(tree.pruned)"))
    #expect(page.contains("frames are left out"))
  }
}
