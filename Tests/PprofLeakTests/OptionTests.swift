import Foundation
import Testing
@testable import pprof_leak

/// Each documented option changes what the command does: run it, look at the output.
@Suite("Options")
struct OptionTests {
  static func text(_ result: ExitTest.Result?) -> String {
    String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
  }

  static func json(_ result: ExitTest.Result?) throws -> [String: Any] {
    let data = Data(result?.standardOutputContent ?? [])
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test("top --cum and --nodecount give pprof's -cum and -nodecount tables")
  func topOptions() async throws {
    let cum = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      Main.run(["top", "--cum", ExitStatusTests.fixture("profiles/leaky/heap-08.pb.gz")])
    }
    let golden = try String(
      contentsOfFile: ExitStatusTests.fixture("golden/top-cum/leaky-heap-08.txt"), encoding: .utf8)
    let rows = { (text: String) in text.split(separator: "\n").filter { $0.hasSuffix("main.main") || $0.contains("%  ") } }
    #expect(rows(Self.text(cum)) == rows(golden))
    let limited = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      // allocs counts every allocation since the start: always more than three functions.
      Main.run(["top", "--nodecount", "3", ExitStatusTests.fixture("profiles/types/allocs.pb.gz")])
    }
    #expect(Self.text(limited).contains("Showing top 3 nodes out of"))
    let json = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      Main.run(["top", "--format", "json", ExitStatusTests.fixture("profiles/leaky/goroutine-08.pb.gz")])
    }
    #expect(try Self.json(json)["schema"] as? String == "pprof-leak/top")
  }

  @Test("diff thresholds move a finding between leak and suspect")
  func diffThresholds() async {
    await #expect(processExitsWith: .success) {
      Main.run([
        "diff", "--min-goroutines", "1000", ExitStatusTests.fixture("profiles/leaky/goroutine-01.pb.gz"),
        ExitStatusTests.fixture("profiles/leaky/goroutine-08.pb.gz"),
      ])
    }
    await #expect(processExitsWith: .success) {
      Main.run([
        "diff", "--min-growth", "95%", ExitStatusTests.fixture("profiles/leaky/goroutine-07.pb.gz"),
        ExitStatusTests.fixture("profiles/leaky/goroutine-08.pb.gz"),
      ])
    }
    // Timers grow by ~410 KiB: a suspect at the default 1M, a leak at 64K.
    await #expect(processExitsWith: .success) {
      Main.run([
        "diff", ExitStatusTests.fixture("profiles/scenarios/unstopped-timer/base.heap.pb.gz"),
        ExitStatusTests.fixture("profiles/scenarios/unstopped-timer/new.heap.pb.gz"),
      ])
    }
    await #expect(processExitsWith: .exitCode(1)) {
      Main.run([
        "diff", "--min-heap", "64K", ExitStatusTests.fixture("profiles/scenarios/unstopped-timer/base.heap.pb.gz"),
        ExitStatusTests.fixture("profiles/scenarios/unstopped-timer/new.heap.pb.gz"),
      ])
    }
  }

  @Test("diff --sample-index inuse_objects counts objects against --min-objects")
  func diffObjects() async throws {
    let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardOutputContent]) {
      Main.run([
        "diff", "--format", "json", "--sample-index", "inuse_objects", "--min-objects", "50",
        ExitStatusTests.fixture("profiles/scenarios/unstopped-timer/base.heap.pb.gz"),
        ExitStatusTests.fixture("profiles/scenarios/unstopped-timer/new.heap.pb.gz"),
      ])
    }
    let object = try Self.json(result)
    #expect(object["sampleType"] as? String == "inuse_objects")
    #expect((object["thresholds"] as? [String: Any])?["minHeapObjects"] as? Int == 50)
    let first = (object["findings"] as? [[String: Any]])?.first
    #expect(first?["severity"] as? String == "leak")
    #expect(first?["pattern"] as? String == "unstopped-timer")
  }

  @Test("diff --nodecount, --max-stacks and --color always")
  func diffDisplay() async throws {
    let table = await #expect(processExitsWith: .exitCode(1), observing: [\.standardOutputContent]) {
      Main.run([
        "diff", "--nodecount", "2", "--color", "always",
        ExitStatusTests.fixture("profiles/scenarios/unclosed-http-body/base.goroutine.pb.gz"),
        ExitStatusTests.fixture("profiles/scenarios/unclosed-http-body/new.goroutine.pb.gz"),
      ])
    }
    #expect(Self.text(table).contains("Showing top 2 nodes out of"))
    #expect(Self.text(table).contains("\u{1B}[1;31mLEAK"))
    let json = await #expect(processExitsWith: .exitCode(1), observing: [\.standardOutputContent]) {
      Main.run([
        "diff", "--format", "json", "--max-stacks", "1",
        ExitStatusTests.fixture("profiles/scenarios/unclosed-http-body/base.goroutine.pb.gz"),
        ExitStatusTests.fixture("profiles/scenarios/unclosed-http-body/new.goroutine.pb.gz"),
      ])
    }
    let object = try Self.json(json)
    #expect((object["stacks"] as? [Any])?.count == 1)
    #expect((object["changedStacks"] as? Int ?? 0) > 1)
  }

  @Test("trend thresholds, --memory-limit, --format json and --color always")
  func trendOptions() async throws {
    // The stranded goroutines' heap counts too: both thresholds must be out of reach.
    await #expect(processExitsWith: .exitCode(1)) {
      Main.run(["trend", "--min-goroutines", "1000", ExitStatusTests.fixture("trend/blocked-send")])
    }
    await #expect(processExitsWith: .success) {
      Main.run([
        "trend", "--min-goroutines", "1000", "--min-heap", "100M",
        ExitStatusTests.fixture("trend/blocked-send"),
      ])
    }
    await #expect(processExitsWith: .success) {
      Main.run(["trend", "--min-heap", "100M", ExitStatusTests.fixture("trend/global-map")])
    }
    let projected = await #expect(processExitsWith: .exitCode(1), observing: [\.standardOutputContent]) {
      Main.run([
        "trend", "--memory-limit", "64M", "--color", "always", ExitStatusTests.fixture("trend/global-map"),
      ])
    }
    #expect(Self.text(projected).contains("at this rate, in-use heap reaches 64.0 MiB in about"))
    #expect(Self.text(projected).contains("\u{1B}["))
    let json = await #expect(processExitsWith: .exitCode(1), observing: [\.standardOutputContent]) {
      Main.run(["trend", "--format", "json", ExitStatusTests.fixture("trend/blocked-recv")])
    }
    let object = try Self.json(json)
    #expect(object["schema"] as? String == "pprof-leak/trend")
    #expect((object["findings"] as? [[String: Any]])?.first?["function"] as? String == "main.waitForReply")
  }

  @Test("trend --order name follows the file names, and says the times disagree")
  func trendOrder() async throws {
    // In name order the mixed names shuffle the snapshots: no trend is left to find.
    let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      Main.run(["trend", "--order", "name", "--format", "json", ExitStatusTests.fixture("trend/mixed-names")])
    }
    let object = try Self.json(result)
    let series = try #require(object["series"] as? [[String: Any]])
    #expect(series.allSatisfy { ($0["notes"] as? [String])?.contains("the profiles' times are not in name order") == true })
    #expect(series.allSatisfy { $0["realTimes"] as? Bool == false })
    let paths = (object["profiles"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
    let heap = paths.filter { $0.hasSuffix("-a.pb.gz") }
    #expect(heap == heap.sorted())
    #expect((object["findings"] as? [[String: Any]])?.contains { $0["severity"] as? String == "leak" } == false)
  }
}
