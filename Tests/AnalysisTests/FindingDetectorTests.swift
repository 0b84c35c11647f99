import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

@Suite("FindingDetector: grouping and the size and blocked rules")
struct FindingDetectorTests {
  static func report(_ base: String, _ new: String, sampleIndex: String? = nil) throws -> DiffReport {
    try DiffReport(
      base: Fixture.load(base), basePath: base, new: Fixture.load(new), newPath: new,
      options: .init(sampleIndex: sampleIndex))
  }

  @Test("the classic leak: goroutines blocked sending, at the send in longRunningTask")
  func leakyGoroutines() throws {
    let report = try Self.report("leaky/goroutine-01.pb.gz", "leaky/goroutine-08.pb.gz")
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .leak)
    #expect(finding.pattern == .blockedSend)
    #expect(finding.responsible?.function == "main.longRunningTask")
    #expect(finding.responsible?.file.hasSuffix("Fixtures/gen/leaky/main.go") == true)
    #expect(finding.responsible?.line == (try line(of: "responses <- res", in: "gen/leaky/main.go")))
    #expect(finding.base == 25)
    #expect(finding.new == 200)
    #expect(finding.stack.first?.function == "runtime.gopark")
    #expect(report.count(.leak) == 1)
  }

  @Test("consecutive snapshots of the classic leak still rate it a leak")
  func consecutive() throws {
    let report = try Self.report("leaky/goroutine-07.pb.gz", "leaky/goroutine-08.pb.gz")
    #expect(report.findings.first?.pattern == .blockedSend)
    #expect(report.findings.first?.severity == .leak)
  }

  @Test("the classic leak's heap: growth at the 100 KB buffer, not a proven leak")
  func leakyHeap() throws {
    let report = try Self.report("leaky/heap-01.pb.gz", "leaky/heap-08.pb.gz")
    let finding = try #require(report.findings.first)
    #expect(finding.pattern == .heapGrowth)
    #expect(finding.severity == .suspect)
    #expect(finding.responsible?.function == "main.longRunningTask")
    #expect(finding.responsible?.line == (try line(of: "make([]byte, 100<<10)", in: "gen/leaky/main.go")))
    #expect(finding.growth > 10 << 20)
  }

  @Test("alloc_space growth is not examined: it only counts allocations")
  func allocTypesIgnored() throws {
    let report = try Self.report("leaky/heap-01.pb.gz", "leaky/heap-08.pb.gz", sampleIndex: "alloc_space")
    #expect(report.findings.isEmpty)
    #expect(!report.top.rows.isEmpty)
  }

  @Test("thresholds decide leak versus suspect")
  func thresholds() throws {
    let base = try Fixture.load("leaky/goroutine-07.pb.gz")
    let new = try Fixture.load("leaky/goroutine-08.pb.gz")
    let strict = DiffReport.Options(thresholds: Thresholds(minGoroutines: 1000))
    let report = try DiffReport(base: base, basePath: "a", new: new, newPath: "b", options: strict)
    #expect(report.findings.first?.severity == .suspect)
    let share = DiffReport.Options(thresholds: Thresholds(minGrowthFraction: 0.9))
    let second = try DiffReport(base: base, basePath: "a", new: new, newPath: "b", options: share)
    #expect(second.findings.first?.severity == .suspect)
  }

  @Test("standard library frames are told from user frames by package path")
  func standardLibrary() {
    for name in [
      "runtime.gopark", "net/http.(*persistConn).readLoop", "sync.(*Mutex).Lock",
      "internal/poll.(*FD).Read", "time.After", "vendor/golang.org/x/net/http2.(*Framer).ReadFrame",
    ] {
      #expect(LeakSignatures.isStandardLibrary(name), "\(name)")
    }
    for name in [
      "main.handler", "main.handler.func1", "github.com/acme/svc.(*Server).Serve",
      "example.com/x/internal/y.F", "golang.org/x/sync/errgroup.(*Group).Wait",
    ] {
      #expect(!LeakSignatures.isStandardLibrary(name), "\(name)")
    }
    #expect(LeakSignatures.packagePath(of: "net/http.(*conn).serve") == "net/http")
    #expect(LeakSignatures.packagePath(of: "github.com/a/b.(*T).M") == "github.com/a/b")
  }

  @Test("newer runtimes' frame names are recognised too")
  func newerNames() {
    let user = Frame(function: "main.waitAll", file: "m.go", line: 3)
    let go124: [Frame] = [
      Frame(function: "runtime.gopark", file: "", line: 0),
      Frame(function: "sync.runtime_SemacquireWaitGroup", file: "", line: 0),
      Frame(function: "sync.(*WaitGroup).Wait", file: "", line: 0), user,
    ]
    #expect(StackClassifier.classifyGoroutine(go124).0 == .syncWait)
    let mutex: [Frame] = [
      Frame(function: "internal/sync.runtime_SemacquireMutex", file: "", line: 0),
      Frame(function: "internal/sync.(*Mutex).lockSlow", file: "", line: 0), user,
    ]
    #expect(StackClassifier.classifyGoroutine(mutex).0 == .syncWait)
    #expect(StackClassifier.classifyGoroutine(mutex).1 == user)
  }

  @Test("internal/runtime/... frames are the runtime: --ignore-top skips them as it skips runtime.")
  func internalRuntime() throws {
    #expect(LeakSignatures.isRuntime("internal/runtime/maps.(*Map).getWithKey"))
    #expect(LeakSignatures.isRuntime("runtime.gopark"))
    #expect(!LeakSignatures.isRuntime("internal/poll.runtime_pollWait"))
    #expect(!LeakSignatures.isRuntime("main.runtime"))
    var rules = Suppressions()
    try rules.add(.top, #"internal/poll\..*"#)
    let stack = [
      Frame(function: "runtime.gopark", file: "", line: 0),
      Frame(function: "internal/runtime/maps.(*Map).grow", file: "", line: 0),
      Frame(function: "internal/poll.runtime_pollWait", file: "", line: 0),
    ]
    let finding = Finding(
      severity: .info, pattern: .goroutineGrowth, profileKind: .goroutine, sampleType: "goroutine",
      sampleUnit: "count", responsible: nil, attributionNote: nil, stack: stack, stackCount: 1,
      values: [1, 2])
    #expect(rules.rule(matching: finding) != nil)
  }

  @Test("unstopped-timer advice is for the runtime that made the timers, and AfterFunc has its own")
  func timerAdvice() throws {
    let user = Frame(function: "main.pollLoop", file: "m.go", line: 15)
    func stack(_ names: String...) -> [Frame] { names.map { Frame(function: $0, file: "", line: 0) } + [user] }
    // Go 1.23+: the runtime's constructor time.newTimer allocates (seen in Go 1.27's heap).
    let modern = LeakPattern.unstoppedTimer.advice(for: nil, stack: stack("time.newTimer", "time.NewTimer", "time.After"))
    #expect(modern.hasPrefix("This runtime (Go 1.23 or later) frees timers"))
    let old = LeakPattern.unstoppedTimer.advice(for: nil, stack: stack("time.startTimer", "time.NewTimer", "time.After"))
    #expect(old.hasPrefix("Go 1.22 and older keep every timer") && old.contains("From Go 1.23"))
    let afterFunc = LeakPattern.unstoppedTimer.advice(for: nil, stack: stack("time.newTimer", "time.AfterFunc"))
    #expect(afterFunc.hasPrefix("time.AfterFunc keeps its function"))
    // The Go 1.19 timer scenario's finding gets the old runtime's advice.
    let report = try Self.report("scenarios/unstopped-timer/base.heap.pb.gz", "scenarios/unstopped-timer/new.heap.pb.gz")
    let timer = try #require(report.findings.first { $0.pattern == .unstoppedTimer })
    #expect(timer.advice.hasPrefix("Go 1.22 and older"))
  }

  @Test("JSON follows the documented contract")
  func jsonContract() throws {
    let report = try Self.report("leaky/goroutine-01.pb.gz", "leaky/goroutine-08.pb.gz")
    let text = try JSONRenderer.render(.diff(report), failOn: .leak)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1)
    #expect(object["schema"] as? String == "pprof-leak/diff")
    #expect(object["command"] as? String == "diff")
    #expect(object["failed"] as? Bool == true)
    let profiles = try #require(object["profiles"] as? [[String: Any]])
    #expect(profiles.count == 2)
    #expect(profiles[0]["path"] as? String == "leaky/goroutine-01.pb.gz")
    #expect(profiles[0]["profileType"] as? String == "goroutine")
    #expect(profiles[0]["timeNanos"] is NSNumber)
    let findings = try #require(object["findings"] as? [[String: Any]])
    let first = try #require(findings.first)
    #expect(first["rank"] as? Int == 1)
    #expect(first["severity"] as? String == "leak")
    #expect(first["pattern"] as? String == "blocked-send")
    #expect(first["profileType"] as? String == "goroutine")
    #expect(first["sampleType"] as? String == "goroutine")
    #expect(first["function"] as? String == "main.longRunningTask")
    #expect((first["file"] as? String)?.hasSuffix("leaky/main.go") == true)
    #expect((first["line"] as? NSNumber)?.int64Value == (try line(of: "responses <- res", in: "gen/leaky/main.go")))
    #expect(first["values"] as? [Int] == [25, 200])
    #expect((first["advice"] as? String)?.isEmpty == false)
    let stack = try #require(first["stack"] as? [[String: Any]])
    #expect(stack.first?["function"] as? String == "runtime.gopark")
    #expect(stack.first?["line"] is NSNumber)
    #expect(object["stacks"] is [[String: Any]])
    #expect(object["top"] is [[String: Any]])
  }
}
