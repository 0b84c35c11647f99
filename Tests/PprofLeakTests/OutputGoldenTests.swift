import Foundation
import Testing
@testable import pprof_leak

/// Our own outputs as goldens: every format of `top`, `diff` and `trend` over the fixture
/// scenarios and series, compared byte for byte (standard output, standard error when it says
/// anything, and the exit status). A change to any of them is deliberate and named in its commit.
/// The commands run in-process, as `main` runs them, with a console that keeps both streams.
///
/// `PPROF_LEAK_RECORD=1 swift test --filter OutputGolden` rewrites the goldens; a recording run
/// fails every case it wrote, so it can never pass by comparing a file with itself. A missing
/// golden is written and fails the same way.
@Suite("Output goldens: top, diff and trend in every format")
struct OutputGoldenTests {
  struct Case: Sendable, CustomTestStringConvertible {
    /// The golden's name, its path under Goldens/ without the extension.
    var name: String
    var arguments: [String]
    var testDescription: String { name }
  }

  static let goldens = CIFormatTests.root.appendingPathComponent("Tests/PprofLeakTests/Goldens/outputs")
  static let formats = ["text", "json", "sarif", "junit", "markdown", "github", "html"]

  /// Every case, with paths relative to the repository, where the binary runs.
  static let cases: [Case] = {
    var cases: [Case] = []
    let leaky = "Fixtures/profiles/leaky"
    // top: pprof's table on each kind of input, and the blocked rule on a traceback.
    for (name, file) in [
      ("heap", "\(leaky)/heap-08.pb.gz"), ("goroutine", "\(leaky)/goroutine-08.pb.gz"),
      ("sigquit", "Fixtures/profiles/dumps/sigquit.txt"), ("debug1", "\(leaky)/goroutine-08.debug1.txt"),
      ("deadlock", "Fixtures/profiles/dumps/deadlock.txt"), ("cpu", "Fixtures/profiles/types/cpu.pb.gz"),
    ] {
      for format in ["text", "json"] {
        cases.append(Case(name: "top/\(name).\(format)", arguments: ["top", file, "--format", format]))
      }
    }
    // diff: every format on the leaky series' ends, both kinds.
    for kind in ["goroutine", "heap"] {
      for format in formats {
        cases.append(
          Case(
            name: "diff/leaky-\(kind).\(format)",
            arguments: ["diff", "\(leaky)/\(kind)-01.pb.gz", "\(leaky)/\(kind)-08.pb.gz", "--format", format]))
      }
    }
    // diff: text and JSON for each scenario, binary goroutine and heap profiles and tracebacks.
    let scenarios = [
      "blocked-recv", "blocked-select", "blocked-send", "cache-warmup", "sleepers", "sync-cond",
      "sync-mutex", "sync-waitgroup", "unclosed-http-body", "unstopped-timer",
    ]
    for scenario in scenarios {
      let directory = "Fixtures/profiles/scenarios/\(scenario)"
      for input in ["goroutine.pb.gz", "heap.pb.gz", "goroutine.debug2.txt"] {
        // Every format once on a traceback, whose stacks carry their wait reasons.
        let isTraceback = scenario == "blocked-send" && input.hasSuffix(".txt")
        for format in isTraceback ? formats : ["text", "json"] {
          cases.append(
            Case(
              name: "diff/\(scenario)-\(input.replacingOccurrences(of: ".", with: "-")).\(format)",
              arguments: ["diff", "\(directory)/base.\(input)", "\(directory)/new.\(input)", "--format", format]))
        }
      }
    }
    // diff --traces on a traceback: each changed stack names its wait after its change.
    let blockedSend = "Fixtures/profiles/scenarios/blocked-send"
    cases.append(
      Case(
        name: "diff/blocked-send-goroutine-debug2-txt-traces.text",
        arguments: [
          "diff", "\(blockedSend)/base.goroutine.debug2.txt", "\(blockedSend)/new.goroutine.debug2.txt",
          "--traces", "--format", "text",
        ]))
    // trend: every format on the leaky series; text and JSON on each series of Fixtures/trend.
    for format in formats {
      cases.append(Case(name: "trend/leaky.\(format)", arguments: ["trend", leaky, "--format", format]))
    }
    let series = [
      "blocked-recv", "blocked-select", "blocked-send", "bounded-cache", "global-map", "mixed-names",
      "noisy-slow-leak", "sawtooth", "steady-pool", "timer-loop", "warming-pool",
    ]
    for name in series {
      for format in ["text", "json"] {
        cases.append(
          Case(name: "trend/\(name).\(format)", arguments: ["trend", "Fixtures/trend/\(name)", "--format", format]))
      }
    }
    cases.append(
      Case(name: "trend/blocked-send.markdown", arguments: ["trend", "Fixtures/trend/blocked-send", "--format", "markdown"]))
    cases.append(
      Case(name: "trend/dumps.text", arguments: ["trend", "Fixtures/profiles/dumps/sigquit.txt", "--format", "text"]))
    return cases
  }()

  /// `swift test` runs from the package's directory; elsewhere, the tests move there first.
  static let inRepository: Bool = {
    let root = CIFormatTests.root.path
    return FileManager.default.currentDirectoryPath == root
      || FileManager.default.changeCurrentDirectoryPath(root)
  }()

  static var recording: Bool { ProcessInfo.processInfo.environment["PPROF_LEAK_RECORD"] != nil }

  @Test("each output matches its golden, byte for byte", arguments: cases)
  func golden(_ example: Case) throws {
    // The working directory is the repository, and paths are relative to it, so no output
    // names the folder of this clone.
    try #require(Self.inRepository, "the tests run from the repository's top directory")
    let console = BufferConsole()
    let status = Main.run(example.arguments + ["--no-config", "--color", "never"], on: console)
    let result = (status: status, out: console.output, err: console.error)
    // Every case names its format last.
    let format = example.arguments.last ?? "text"
    try #require(Self.formats.contains(format), "\(example.name) does not end in --format FORMAT")
    var out = format == "html" ? try Self.pageData(result.out) : result.out
    // SARIF names the checkout it ran in (originalUriBaseIds): the one part that is the clone's.
    out = out.replacingOccurrences(of: "\"file://\(CIFormatTests.root.path)/\"", with: "\"file://$REPOSITORY/\"")
    var outputs = [(extension: format == "html" ? "html-data.json" : Self.fileExtension(format), bytes: out)]
    if !result.err.isEmpty { outputs.append(("stderr", result.err)) }
    outputs.append(("status", "\(result.status)\n"))
    for (fileExtension, text) in outputs {
      let file = Self.goldens.appendingPathComponent("\(example.name).\(fileExtension)")
      let golden = try? String(contentsOf: file, encoding: .utf8)
      if Self.recording || golden == nil {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        Issue.record("\(file.lastPathComponent): \(golden == nil ? "no golden yet" : "recorded"); run again without PPROF_LEAK_RECORD")
        continue
      }
      #expect(text == golden, "\(example.name).\(fileExtension) differs from its golden; PPROF_LEAK_RECORD=1 rewrites it")
    }
  }

  @Test("no golden is left that no case writes")
  func noStrayGoldens() throws {
    let expected = Set(Self.cases.map(\.name))
    let enumerator = FileManager.default.enumerator(atPath: Self.goldens.path)
    var stray: [String] = []
    while let path = enumerator?.nextObject() as? String {
      guard path.hasSuffix(".status") else { continue }
      let name = String(path.dropLast(".status".count))
      if !expected.contains(name) { stray.append(path) }
    }
    #expect(stray.isEmpty)
  }

  static func fileExtension(_ format: String) -> String {
    switch format {
    case "text": "txt"
    case "markdown": "md"
    case "junit": "xml"
    case "sarif": "sarif.json"
    case "github": "github.txt"
    default: format
    }
  }

  /// The data the page draws, pretty-printed with sorted keys: the page's script and style are
  /// code, tested in a browser by HTMLReportTests.
  static func pageData(_ page: String) throws -> String {
    let start = try #require(page.range(of: "<script type=\"application/json\" id=\"data\">"))
    let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
    let json = try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8))
    let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
