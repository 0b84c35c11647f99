import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// Path mapping, suppression rules, baselines and the config file, on their own.
@Suite("Policy: paths, suppressions, baselines, config")
struct PolicyTests {
  static let root = Fixture.root.path

  @Test("recorded paths become repository paths: prefix rules, then the root, then by suffix")
  func paths() {
    let mapper = PathMapper(
      prefixes: [("example.com/app/", "Fixtures/gen/"), ("example.com/", "nowhere/")],
      repositoryRoot: Self.root)
    // -trimpath module paths, longest rule first.
    #expect(mapper.repositoryPath("example.com/app/leaky/main.go") == "Fixtures/gen/leaky/main.go")
    // A CI runner's build directory: found by suffix.
    #expect(mapper.repositoryPath("/home/runner/work/app/app/Fixtures/gen/trend/main.go") == "Fixtures/gen/trend/main.go")
    #expect(mapper.repositoryPath(Self.root + "/Fixtures/gen/dumps/main.go") == "Fixtures/gen/dumps/main.go")
    // The standard library is not in the repository.
    #expect(mapper.repositoryPath("/usr/lib/go-1.19/src/runtime/proc.go") == nil)
    #expect(mapper.repositoryPath("") == nil)
    #expect(PathMapper.parsePrefix("/build/=").map { [$0.from, $0.to] } == ["/build/", ""])
    #expect(PathMapper.parsePrefix("=x") == nil)
    #expect(PathMapper.parsePrefix("no-equals") == nil)
  }

  static func finding(_ function: String, leaf: String, createdBy: String? = nil) -> Finding {
    let frame = Frame(function: function, file: "/app/main.go", line: 10)
    var evidence: WaitEvidence?
    if let createdBy {
      evidence = WaitEvidence(
        goroutines: 3, waitReasons: ["chan send"], minutesBlockedCounts: [0: 3],
        createdBy: Frame(function: createdBy, file: "/app/main.go", line: 3), createdByCount: 3,
        path: "dump.txt")
    }
    return Finding(
      severity: .leak, pattern: .blockedSend, profileKind: .goroutine, sampleType: "goroutine",
      sampleUnit: "count", responsible: frame, attributionNote: nil,
      stack: [Frame(function: leaf, file: "", line: 0), frame, Frame(function: "main.main", file: "/app/main.go", line: 2)],
      stackCount: 1, values: [1, 30], evidence: evidence)
  }

  @Test("suppression rules match whole names, by top, any frame or creator")
  func suppressions() throws {
    var rules = Suppressions()
    try rules.add(.top, #"main\.worker"#)
    try rules.add(.any, "main.run.*")
    try rules.add(.createdBy, "main.spawn")
    #expect(rules.rule(matching: Self.finding("main.worker", leaf: "runtime.gopark"))?.kind == .top)
    #expect(rules.rule(matching: Self.finding("main.workers", leaf: "runtime.gopark")) == nil)
    // The top is the responsible function; a leaf below it does not count...
    #expect(rules.rule(matching: Self.finding("x.y", leaf: "main.worker")) == nil)
    // ...unless the stack has no responsible function: then the top frame outside the runtime.
    var stdlibOnly = Self.finding("x.y", leaf: "runtime.gopark")
    stdlibOnly.responsible = nil
    stdlibOnly.stack = [
      Frame(function: "runtime.gopark", file: "", line: 0),
      Frame(function: "internal/poll.runtime_pollWait", file: "", line: 0),
    ]
    var pollRules = Suppressions()
    try pollRules.add(.top, #"internal/poll\..*"#)
    #expect(pollRules.rule(matching: stdlibOnly)?.kind == .top)
    #expect(pollRules.rule(matching: Self.finding("main.a", leaf: "internal/poll.runtime_pollWait")) == nil)
    // The runtime's frames at the leaf of every parked goroutine are not its top.
    var runtimeRules = Suppressions()
    try runtimeRules.add(.top, #"runtime\..*"#)
    #expect(runtimeRules.rule(matching: Self.finding("main.a", leaf: "runtime.gopark")) == nil)
    var deep = Self.finding("x.y", leaf: "runtime.gopark")
    deep.stack.append(Frame(function: "main.runLoop", file: "", line: 0))
    #expect(rules.rule(matching: deep)?.description == "--ignore-any main.run.*")
    #expect(rules.rule(matching: Self.finding("x.y", leaf: "z", createdBy: "main.spawn"))?.kind == .createdBy)
    #expect(rules.rule(matching: Self.finding("x.y", leaf: "z", createdBy: "main.spawner")) == nil)
    #expect(throws: SuppressionError.self) { try rules.add(.top, "main.(") }
    #expect(throws: SuppressionError.self) { try rules.add(.top, "") }
    let (kept, hidden) = rules.apply(to: [Self.finding("main.worker", leaf: "a"), Self.finding("main.other", leaf: "a")])
    #expect(kept.map { $0.responsible?.function } == ["main.other"])
    #expect(hidden.map(\.rule) == [#"--ignore-top main\.worker"#])
  }

  @Test("baselines match pattern, function and file, not the line")
  func baseline() throws {
    let json = """
      {"schema": "pprof-leak/trend", "findings": [
        {"pattern": "blocked-send", "function": "main.worker", "file": "/ci/build/app/main.go", "line": 99}]}
      """
    let baseline = try Baseline(json: Array(json.utf8), path: "b.json")
    var findings = [Self.finding("main.worker", leaf: "a"), Self.finding("main.other", leaf: "a")]
    findings[0].responsible?.file = "/ci/build/other/main.go"
    #expect(!baseline.contains(findings[0]))  // another directory: another file
    findings[0].responsible?.file = "/home/me/app/main.go"
    #expect(baseline.contains(findings[0]))  // another checkout of the same file
    findings[0].responsible?.file = "app/main.go"
    #expect(baseline.contains(findings[0]))  // a path suffix of the baseline's file
    baseline.mark(&findings)
    #expect(findings.map(\.inBaseline) == [true, false])
    #expect(Severity.fails(findings, failOn: .leak))
    #expect(!Severity.fails([findings[0]], failOn: .leak))
    #expect(throws: BaselineError.self) { try Baseline(json: Array("{}".utf8), path: "x.json") }
    #expect(throws: BaselineError.self) { try Baseline(json: Array("[".utf8), path: "x.json") }
  }

  @Test("the config file: every key, relative paths from its directory, errors with lines")
  func config() throws {
    let config = try ConfigFile(
      yaml: """
        fail-on: suspect
        min-goroutines: 20
        min-heap: 512K
        min-objects: 50
        min-growth: 25%
        min-blocked: 2h
        ignore-top: main.a
        ignore-any: [main.b, main.c]
        ignore-created-by:
          - main.d
        path-prefix: /build/=
        source-root: [., ../src]
        baseline: known.json
        """, path: "/project/ci/.pprof-leak.yaml")
    #expect(config.failOn == .suspect)
    #expect(config.minGoroutines == 20)
    #expect(config.minHeapBytes == 512 << 10)
    #expect(config.minHeapObjects == 50)
    #expect(config.minGrowthFraction == 0.25)
    #expect(config.minBlockedMinutes == 120)
    #expect(config.ignoreAny == ["main.b", "main.c"])
    #expect(config.ignoreCreatedBy == ["main.d"])
    #expect(config.pathPrefixes.map(\.from) == ["/build/"])
    #expect(config.sourceRoots == ["/project/ci", "/project/src"])
    #expect(config.baseline == "/project/ci/known.json")
    #expect(try config.suppressions().rules.count == 4)
    #expect(try ConfigFile(yaml: "", path: "/x/.pprof-leak.yaml").failOn == nil)

    for (yaml, message) in [
      ("fail-on: sometimes", "line 1: fail-on: 'sometimes' is not one of"),
      ("min-goroutines: 0", "line 1: min-goroutines: expected a whole number"),
      ("\nmin-blocked: 10s", "line 2: min-blocked: '10s' is not a duration"),
      ("ignore-top: {a: b}", "ignore-top: expected a value or a list"),
      ("- a\n- b", "expected a mapping"),
      ("fail-on: [", "not valid YAML"),
    ] {
      let error = #expect(throws: ConfigError.self) { try ConfigFile(yaml: yaml, path: "c.yaml") }
      #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }
  }

  @Test("GitHub commands and JUnit XML escape what would break them")
  func escaping() {
    #expect(GitHubRenderer.property("a:b,c%\nd") == "a%3Ab%2Cc%25%0Ad")
    #expect(GitHubRenderer.data("a:b,c%\r\n") == "a:b,c%25%0D%0A")
    #expect(JUnitRenderer.escape("<a & \"b\">\u{1}\n") == "&lt;a &amp; &quot;b&quot;&gt;&#10;")
    #expect(JUnitRenderer.escape("x\ny", attribute: false) == "x\ny")
    #expect(SARIFRenderer.percentEncoded("dir with space/ü.go") == "dir%20with%20space/%C3%BC.go")
  }

  @Test("the text, GitHub and HTML verdicts count the baseline and suppressed findings alike")
  func verdicts() {
    var known = Self.finding("main.a", leaf: "runtime.chansend1")
    known.inBaseline = true
    let findings = [known, Self.finding("main.b", leaf: "runtime.chansend1")]
    let tally = "2 leak, 0 suspect, 0 info; 1 in the baseline; 3 suppressed"
    #expect(Severity.tally(findings, suppressed: 3) == tally)
    #expect(HTMLRenderer.verdict(findings, suppressed: 3, failOn: .leak, failed: true) == tally + " (--fail-on leak: fails)")
    #expect(TextStyle(colour: false).summary(findings, suppressed: [], failOn: .leak).first
      == "Summary: 2 leak, 0 suspect, 0 info; 1 in the baseline  (--fail-on leak: exit 1)")
  }
}
