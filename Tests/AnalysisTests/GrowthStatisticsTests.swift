import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

@Suite("Growth statistics")
struct GrowthStatisticsTests {
  static func hours(_ count: Int) -> [Double] { (0..<count).map(Double.init) }

  @Test("a strictly rising series: S, its variance and the one-sided p-value")
  func rising() {
    let stats = GrowthStatistics(values: (0..<10).map { Int64($0 * 10) }, hours: Self.hours(10))
    #expect(stats.mannKendallS == 45)
    // Var(S) = 10·9·25/18 = 125; z = (45 − 1)/√125 = 3.9355; p = 1 − Φ(z) ≈ 4.15e-5.
    #expect(abs(stats.z - 3.9355) < 0.001)
    #expect(abs(stats.pValue - 4.15e-5) < 0.2e-5)
    #expect(stats.slopePerHour == 10)
    #expect(stats.nonDecreasingShare == 1)
    #expect(stats.growth == 90)
    #expect(!stats.hasPlateaued)
  }

  @Test("tied values shrink the variance")
  func ties() {
    let (s, variance) = GrowthStatistics.mannKendall([1, 1, 2, 2, 3, 3])
    #expect(s == 12)
    // (6·5·17 − 3·(2·1·9)) / 18 = (510 − 54) / 18.
    #expect(abs(variance - 456.0 / 18) < 1e-9)
  }

  @Test("a sawtooth has no significant trend")
  func sawtooth() {
    let values: [Int64] = [10, 30, 12, 31, 9, 29, 11, 32, 10, 30, 12, 29]
    let stats = GrowthStatistics(values: values, hours: Self.hours(values.count))
    #expect(stats.pValue > 0.05)
  }

  @Test("a rise that levels off is a plateau")
  func plateau() {
    let values: [Int64] = [0, 10, 20, 30, 40, 40, 41, 40, 40, 41, 40, 40]
    let stats = GrowthStatistics(values: values, hours: Self.hours(values.count))
    #expect(stats.pValue < 0.01)
    #expect(stats.hasPlateaued)
  }

  @Test("a steady rise with noise is not a plateau")
  func noisyRise() {
    let values: [Int64] = [20, 26, 24, 31, 35, 33, 40, 44, 43, 50, 53, 52]
    let stats = GrowthStatistics(values: values, hours: Self.hours(values.count))
    #expect(stats.pValue < 0.001)
    #expect(!stats.hasPlateaued)
    #expect(stats.nonDecreasingShare >= 0.6)
  }

  @Test("the Theil–Sen slope ignores an outlier and uses real times")
  func theilSen() {
    #expect(GrowthStatistics.theilSen([0, 1, 2, 3, 100, 5, 6], Self.hours(7)) == 1)
    #expect(GrowthStatistics.theilSen([0, 10, 20], [0, 0.5, 1]) == 20)
  }

  /// S and the median slope the slow way, by their definitions, for the fast ones to match.
  static func quadratic(_ values: [Int64], _ hours: [Double]) -> (s: Int, slope: Double) {
    var s = 0
    var slopes: [Double] = []
    for i in values.indices {
      for j in values.indices where j > i {
        s += values[j] > values[i] ? 1 : values[j] < values[i] ? -1 : 0
        if hours[j] > hours[i] {
          slopes.append((Double(values[j]) - Double(values[i])) / (hours[j] - hours[i]))
        }
      }
    }
    return (s, GrowthStatistics.median(slopes))
  }

  @Test("S by a Fenwick tree and the median slope by bisection agree with their definitions")
  func fastStatistics() {
    // Noisy rises, ties, repeated times and falls, from a fixed generator.
    var seed: UInt64 = 42
    func next(_ bound: Int) -> Int {
      seed = seed &* 6364136223846793005 &+ 1442695040888963407
      return Int((seed >> 33) % UInt64(bound))
    }
    for length in [2, 3, 17, 301, 1_200] {
      for shape in 0..<4 {
        var hours: [Double] = []
        var time = 0.0
        let values: [Int64] = (0..<length).map { i in
          time += shape == 2 && next(4) == 0 ? 0 : Double(next(1_000) + 1) / 3_600
          hours.append(time)
          switch shape {
          case 0: return Int64(i * 5 + next(40))
          case 1: return Int64(next(3))
          case 2: return Int64(i * 2 - next(7))
          default: return Int64(10_000 - i * 3 + next(50))
          }
        }
        let expected = Self.quadratic(values, hours)
        #expect(GrowthStatistics.mannKendall(values).0 == expected.s, "length \(length), shape \(shape)")
        let slope = PairwiseSlopes(values: values, hours: hours).median
        #expect(
          abs(slope - expected.slope) <= 1e-9 * max(1, abs(expected.slope)),
          "length \(length), shape \(shape): \(slope) against \(expected.slope)")
      }
    }
    // A series past the listing limit takes the bisection: a steady rise of 2 per hour.
    let long = (0..<(GrowthStatistics.listedSlopesLimit + 500)).map { Int64($0 * 2) }
    let slope = GrowthStatistics.theilSen(long, long.indices.map(Double.init))
    #expect(abs(slope - 2) < 1e-9)
  }

  @Test("a sparkline of any length fits its width, and keeps the shape of the series")
  func sparklineWidth() {
    #expect(Sparkline.render([1, 2, 3]) == "▁▅█")
    let rising = (0..<20_000).map { Int64($0) }
    let line = Sparkline.render(rising)
    #expect(line.count == Sparkline.maxWidth)
    #expect(line.first == "▁" && line.last == "█")
    #expect(Array(line) == Array(line).sorted { Sparkline.bars.firstIndex(of: $0)! < Sparkline.bars.firstIndex(of: $1)! })
  }

  @Test("natural order compares digit runs as numbers")
  func naturalOrder() {
    #expect(NaturalOrder.less("dump-2", "dump-10"))
    #expect(!NaturalOrder.less("dump-10", "dump-2"))
    #expect(NaturalOrder.less("a", "b"))
    #expect(!NaturalOrder.less("same", "same"))
    #expect(NaturalOrder.less("heap", "heap-1"))
    let names = ["s-10.pb.gz", "s-9.pb.gz", "s-100.pb.gz", "s-1.pb.gz"]
    #expect(names.sorted(by: NaturalOrder.less) == ["s-1.pb.gz", "s-9.pb.gz", "s-10.pb.gz", "s-100.pb.gz"])
  }
}

@Suite("Trend series")
struct TrendSeriesTests {
  static func snapshot(time: Int64, count: Int64) throws -> Profile {
    var builder = ProfileBuilder(sampleTypes: [("goroutine", "count")])
    builder.addSample(
      [("runtime.gopark", "proc.go", 363), ("runtime.chansend1", "chan.go", 145), ("main.send", "m.go", 9)],
      values: [count])
    var profile = try builder.decoded()
    profile.timeNanos = time
    return profile
  }

  @Test("snapshots are ordered by their own times, whatever order they were read in")
  func orderedByTime() throws {
    var builder = TrendBuilder()
    let hour: Int64 = 3_600_000_000_000
    for (name, index) in [("c", 2), ("a", 0), ("b", 1), ("d", 3), ("e", 4)] {
      builder.add(try Self.snapshot(time: hour * Int64(index + 1), count: Int64(10 * index + 10)), path: name)
    }
    let series = try #require(builder.series().first)
    #expect(series.snapshots.map(\.path) == ["a", "b", "c", "d", "e"])
    #expect(series.hasRealTimes)
    #expect(series.hours == [0, 1, 2, 3, 4])
    let byName = try #require(builder.series(order: .name).first)
    #expect(byName.snapshots.map(\.path) == ["a", "b", "c", "d", "e"])
  }

  @Test("duplicated timestamps are reported and slopes fall back to per snapshot")
  func duplicateTimes() throws {
    var builder = TrendBuilder()
    for index in 0..<5 {
      builder.add(try Self.snapshot(time: 1_000, count: Int64(index)), path: "dump-\(index)")
    }
    let series = try #require(builder.series().first)
    #expect(!series.hasRealTimes)
    #expect(series.notes.contains { $0.contains("share a timestamp") })
    #expect(series.hours == [0, 1, 2, 3, 4])
  }

  @Test("a steadily growing blocked stack is a leak, ranked first")
  func leak() throws {
    var builder = TrendBuilder()
    for index in 0..<8 {
      builder.add(try Self.snapshot(time: Int64(index + 1) * 60_000_000_000, count: Int64(20 + 15 * index)), path: "s\(index)")
    }
    let report = TrendReport(builder: builder)
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .leak)
    #expect(finding.pattern == .blockedSend)
    #expect(finding.responsible?.function == "main.send")
    #expect(finding.values == [20, 35, 50, 65, 80, 95, 110, 125])
  }

  @Test("a pool that fills to a cap and stays there is not a leak")
  func warmingPool() throws {
    var builder = TrendBuilder()
    let counts: [Int64] = [4, 24, 44, 64, 64, 64, 64, 64, 64, 64, 64, 64]
    for (index, count) in counts.enumerated() {
      builder.add(try Self.snapshot(time: Int64(index + 1) * 60_000_000_000, count: count), path: "s\(index)")
    }
    let report = TrendReport(builder: builder)
    #expect(report.count(.leak) == 0)
    // Most pairwise slopes lie on the plateau, so the median slope is 0: not even reported.
    #expect(report.findings.allSatisfy { $0.trend?.statistics.hasPlateaued == true || $0.severity < .leak })
  }
}

extension TrendSeriesTests {
  static func heapSnapshot(time: Int64, bytes: Int64) throws -> Profile {
    var builder = ProfileBuilder(sampleTypes: [
      ("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_objects", "count"),
      ("inuse_space", "bytes"),
    ])
    builder.addSample([("main.remember", "m.go", 12), ("main.main", "m.go", 3)], values: [1, bytes, 1, bytes])
    var profile = try builder.decoded()
    profile.timeNanos = time
    return profile
  }

  @Test("the heap's slope projects when it reaches --memory-limit")
  func projection() throws {
    var builder = TrendBuilder()
    let hour: Int64 = 3_600_000_000_000
    for index in 0..<6 {
      builder.add(
        try Self.heapSnapshot(time: hour * Int64(index + 1), bytes: (10 + Int64(index)) << 20),
        path: "heap-\(index)")
    }
    let report = TrendReport(builder: builder, memoryLimitBytes: 20 << 20)
    let heap = try #require(report.series.first)
    #expect(heap.kind == .heap)
    let projection = try #require(heap.projection)
    #expect(abs(projection.slopePerHour - Double(1 << 20)) < 1)
    #expect(abs((projection.hoursToLimit ?? 0) - 5) < 1e-6)
    let text = TextRenderer().render(.trend(report))
    #expect(text.contains("at this rate, in-use heap reaches 20.0 MiB in about 5 h 0 m"))
    // A global map that only grows is a leak even with no known pattern.
    #expect(report.findings.first?.pattern == .heapGrowth)
    #expect(report.findings.first?.severity == .leak)
    #expect(report.findings.first?.responsible?.function == "main.remember")
  }

  @Test("trend JSON has one value per snapshot and the statistics")
  func json() throws {
    var builder = TrendBuilder()
    for index in 0..<6 {
      builder.add(try Self.snapshot(time: Int64(index + 1) * 60_000_000_000, count: Int64(20 + 15 * index)), path: "s\(index)")
    }
    let text = try JSONRenderer.render(.trend(TrendReport(builder: builder)), failOn: .leak)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "pprof-leak/trend")
    #expect(object["command"] as? String == "trend")
    #expect(object["schemaVersion"] as? Int == 1)
    #expect((object["profiles"] as? [[String: Any]])?.count == 6)
    let finding = try #require((object["findings"] as? [[String: Any]])?.first)
    #expect(finding["values"] as? [Int] == [20, 35, 50, 65, 80, 95])
    #expect(finding["pattern"] as? String == "blocked-send")
    #expect(finding["function"] as? String == "main.send")
    let statistics = try #require(finding["statistics"] as? [String: Any])
    #expect((statistics["pValue"] as? Double ?? 1) < 0.01)
    #expect(statistics["mannKendallS"] as? Int == 15)
    #expect(statistics["plateau"] as? Bool == false)
    #expect(finding.keys.contains("companion"))
  }
}

extension GrowthStatisticsTests {
  @Test("extreme values do not overflow")
  func extremes() {
    let values: [Int64] = [.min, .max, .min, .max, 0, .max, .min]
    let stats = GrowthStatistics(values: values, hours: Self.hours(values.count))
    #expect(stats.count == 7)
    #expect(stats.slopePerHour.isFinite)
  }
}
