import Foundation
import Testing
@testable import pprof_leak
import PprofCore

/// The CI side of diff and trend, through the binary: SARIF checked against the official
/// schema, JUnit read by a real XML parser, the Markdown summary against a golden, GitHub
/// annotations, suppressions, baselines, the config file and atomic output files.
@Suite("CI formats, suppressions and baselines")
struct CIFormatTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let leaky = root.appendingPathComponent("Fixtures/profiles/leaky").path

  /// Runs pprof-leak in `directory` (the repository root by default): `top`, `diff` and
  /// `trend` in-process, as `main` runs them, when neither the directory nor the environment
  /// differs from the test process's; the binary otherwise.
  static func run(
    _ arguments: [String], in directory: URL = root, environment extra: [String: String] = [:]
  ) throws -> (status: Int32, out: String, err: String) {
    if ["top", "diff", "trend"].contains(arguments.first), directory == root, extra.isEmpty,
      OutputGoldenTests.inRepository
    {
      let console = BufferConsole()
      let status = Main.run(arguments + ["--color", "never"], on: console)
      return (status, console.output, console.error)
    }
    return try spawn(arguments, in: directory, environment: extra)
  }

  /// Runs the binary in `directory`.
  static func spawn(
    _ arguments: [String], in directory: URL = root, environment extra: [String: String] = [:]
  ) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = BinaryTests.executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
  }

  /// A fresh empty directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("pprof-leak-ci-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs `python3 -c script args...`; the tests that need Python's parsers fail without it.
  static func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self))
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("SARIF validates against the SARIF 2.1.0 schema and puts the leak on its line")
  func sarif() throws {
    let directory = try Self.temporaryDirectory()
    let file = directory.appendingPathComponent("leaks.sarif").path
    let result = try Self.run(["trend", Self.leaky, "--format", "sarif", "--output", file])
    #expect(result.status == 1)
    #expect(result.out.contains("1. LEAK"))  // the text report still goes to stdout
    let schema = Self.root.appendingPathComponent("Fixtures/schemas/sarif-schema-2.1.0.json").path
    let validation = try Self.python(
      "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('valid')",
      [file, schema])
    #expect(validation.status == 0, "\(validation.out)")
    #expect(validation.out.contains("valid"))

    let log = try Self.json(try String(contentsOfFile: file, encoding: .utf8))
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
    #expect(rules.count == LeakPattern.allCases.count)
    #expect(rules.contains { $0["id"] as? String == "blocked-send" && (($0["help"] as? [String: Any])?["text"] as? String)?.contains("buffer of one") == true })
    let results = try #require(run["results"] as? [[String: Any]])
    let leak = try #require(results.first)
    #expect(leak["ruleId"] as? String == "blocked-send")
    #expect(leak["level"] as? String == "error")
    let location = try #require(((leak["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
    let artifact = try #require(location["artifactLocation"] as? [String: Any])
    #expect(artifact["uri"] as? String == "Fixtures/gen/leaky/main.go")
    #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
    #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 46)
    #expect(results.filter { $0["level"] as? String == "note" }.count == results.count - 1)
  }

  @Test("--path-prefix maps recorded paths; files outside the repository keep absolute URIs")
  func pathPrefix() throws {
    // Map the directory the leaky server was built in (wherever Fixtures/regen ran) onto
    // another file of the repository.
    let report = try Self.json(try Self.run(["trend", Self.leaky, "--format", "json"]).out)
    let file = try #require((report["findings"] as? [[String: Any]])?.first?["file"] as? String)
    let built = String(file.dropLast("main.go".count))
    let mapped = try Self.run([
      "trend", Self.leaky, "--format", "github", "--path-prefix", "\(built)=Fixtures/gen/trend/",
    ])
    #expect(mapped.out.hasPrefix("::error file=Fixtures/gen/trend/main.go,line=46,"))
    // Unmapped, the recorded path is found under the repository (by suffix in a checkout
    // elsewhere than /work/main).
    let plain = try Self.run(["trend", Self.leaky, "--format", "github"])
    #expect(plain.out.hasPrefix("::error file=Fixtures/gen/leaky/main.go,line=46,"))
    let outside = try Self.run(["trend", Self.leaky, "--format", "github"], in: URL(fileURLWithPath: "/"))
    #expect(outside.out.hasPrefix("::error title=pprof-leak%3A leak blocked-send::"))
    // A repository that happens to hold a proc.go: the runtime's frames (runtime/proc.go) are
    // never placed in it, nor are the standard library's creators.
    let other = try Self.temporaryDirectory()
    try FileManager.default.createDirectory(at: other.appendingPathComponent(".git"), withIntermediateDirectories: false)
    for name in ["proc.go", "server.go", "chan.go"] {
      try Data().write(to: other.appendingPathComponent(name))
    }
    let stranger = try Self.run(["trend", Self.leaky, "--format", "github"], in: other)
    #expect(stranger.out.hasPrefix("::error title=pprof-leak%3A leak blocked-send::"), "\(stranger.out)")
    #expect(!stranger.out.contains("file="), "\(stranger.out)")
  }

  @Test("JUnit: one case per pattern and kind checked, a failure for the leak, read by a real parser")
  func junit() throws {
    let result = try Self.run(["trend", Self.leaky, "--format", "junit"])
    #expect(result.status == 1)
    let directory = try Self.temporaryDirectory()
    let file = directory.appendingPathComponent("report.xml")
    try Data(result.out.utf8).write(to: file)
    let parsed = try Self.python(
      """
      import sys, xml.etree.ElementTree as ET
      suite = ET.parse(sys.argv[1]).getroot().find('testsuite')
      cases = suite.findall('testcase')
      failed = [c.get('classname') + ':' + c.get('name') for c in cases if c.find('failure') is not None]
      print(suite.get('tests'), suite.get('failures'), len(cases), ','.join(failed))
      print(cases[0].find('failure').get('message'))
      """, [file.path])
    #expect(parsed.status == 0, "\(parsed.out)")
    let lines = parsed.out.split(separator: "\n")
    #expect(lines.first == "11 1 11 pprof-leak.trend.goroutine:blocked-send")
    #expect(lines.dropFirst().first?.contains("main.longRunningTask (Fixtures/gen/leaky/main.go:46)") == true)

    let clean = try Self.run(["trend", Self.leaky, "--format", "junit", "--fail-on", "never"])
    #expect(clean.status == 0)
    #expect(clean.out.contains("failures=\"0\""))
    #expect(clean.out.contains("[below --fail-on] LEAK main.longRunningTask"))
  }

  /// Each Markdown golden and the command that writes it.
  @Test("GitHub annotations: one command per finding, levels by severity, escaped")
  func github() throws {
    let result = try Self.run(["trend", Self.leaky, "--format", "github"])
    #expect(result.status == 1)
    let lines = result.out.split(separator: "\n")
    #expect(lines.first?.hasPrefix("::error file=Fixtures/gen/leaky/main.go,line=46,title=pprof-leak%3A leak blocked-send::blocked-send in main.longRunningTask: +175 goroutines (25 → 200)") == true)
    // The creator's path is the repository's too, not the build machine's.
    #expect(lines.first?.contains("Created by main.handler at Fixtures/gen/leaky/main.go:34.") == true)
    // The rest are info findings (how many depends on the captured fixtures): notices.
    let info = try #require(
      (try Self.json(try Self.run(["trend", Self.leaky, "--format", "json"]).out)["summary"] as? [String: Int])?["info"])
    #expect(lines.filter { $0.hasPrefix("::notice ") }.count == info)
    #expect(lines.count == info + 2)
    #expect(lines.last == "pprof-leak trend: 1 leak, 0 suspect, \(info) info (--fail-on leak: exit 1)")
  }

  @Test("suppressions hide findings, count them, and say which rule did it")
  func suppressions() throws {
    for rule in [
      ["--ignore-top", "main.longRunningTask"], ["--ignore-top", #"main\.long.*"#],
      ["--ignore-any", #"runtime\.chansend1"#], ["--ignore-created-by", "main.handler"],
    ] {
      let result = try Self.run(["trend", Self.leaky] + rule)
      #expect(result.status == 0, "\(rule)")
      #expect(result.out.contains("Summary: 0 leak, 0 suspect, "), "\(rule)")
      #expect(result.out.contains(" info; 1 suppressed  (--fail-on leak: exit 0)"), "\(rule)")
      #expect(result.out.contains("suppressed: leak blocked-send main.longRunningTask"), "\(rule)")
      #expect(result.out.contains("by \(rule[0]) \(rule[1])"), "\(rule)")
    }
    let json = try Self.json(try Self.run(["trend", Self.leaky, "--format", "json", "--ignore-top", "main.longRunningTask"]).out)
    let suppressed = try #require(json["suppressed"] as? [[String: Any]])
    #expect(suppressed.first?["function"] as? String == "main.longRunningTask")
    #expect(suppressed.first?["rule"] as? String == "--ignore-top main.longRunningTask")
    #expect(json["failed"] as? Bool == false)
    // A partial name is not a whole match.
    #expect(try Self.run(["trend", Self.leaky, "--ignore-top", "longRunningTask"]).status == 1)
    let bad = try Self.run(["trend", Self.leaky, "--ignore-top", "main.(leak"])
    #expect(bad.status == 2)
    #expect(bad.err.contains("is not a valid regular expression"))
    #expect(bad.out.isEmpty)
  }

  @Test("a baseline keeps known findings from failing the run; new ones still fail")
  func baseline() throws {
    let directory = try Self.temporaryDirectory()
    let baseline = directory.appendingPathComponent("baseline.json").path
    // The first run may name the baseline it is about to write (as a config file's `baseline:`
    // does): not there yet, it is no baseline. Reading it alone is still an error.
    let missing = try Self.run(["trend", Self.leaky, "--baseline", baseline])
    #expect(missing.status == 2)
    #expect(missing.err.contains("write a baseline with --write-baseline"))
    let first = try Self.run(["trend", Self.leaky, "--baseline", baseline, "--write-baseline", baseline])
    #expect(first.status == 1)
    let again = try Self.run(["trend", Self.leaky, "--baseline", baseline])
    #expect(again.status == 0)
    #expect(again.out.contains("(in the baseline)"))
    // Every finding of the first run is in the baseline, the leak among them.
    let known = try #require((try Self.json(try Self.run(["trend", Self.leaky, "--format", "json"]).out)["findings"] as? [[String: Any]])?.count)
    #expect(again.out.contains("Summary: 1 leak, 0 suspect, \(known - 1) info; \(known) in the baseline"))
    let json = try Self.json(try Self.run(["trend", Self.leaky, "--baseline", baseline, "--format", "json"]).out)
    #expect((json["findings"] as? [[String: Any]])?.first?["inBaseline"] as? Bool == true)
    #expect(json["baseline"] as? String == baseline)

    // Matched without the line: an edit above the leak moves it.
    var document = try Self.json(try String(contentsOfFile: baseline, encoding: .utf8))
    var findings = try #require(document["findings"] as? [[String: Any]])
    findings[0]["line"] = 999
    document["findings"] = findings
    try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: baseline))
    #expect(try Self.run(["trend", Self.leaky, "--baseline", baseline]).status == 0)

    // A baseline of another program does not hide this leak.
    let other = directory.appendingPathComponent("other.json").path
    let series = Self.root.appendingPathComponent("Fixtures/trend/blocked-recv").path
    _ = try Self.run(["trend", series, "--write-baseline", other])
    let fresh = try Self.run(["trend", Self.leaky, "--baseline", other, "--format", "sarif"])
    #expect(fresh.status == 1)
    #expect(fresh.out.contains("\"baselineState\" : \"new\""))

    // With a baseline every result says its state, suppressed ones too.
    for (file, state) in [(baseline, "unchanged"), (other, "new")] {
      let sarif = try Self.json(
        try Self.run([
          "trend", Self.leaky, "--baseline", file, "--ignore-top", "main.longRunningTask",
          "--format", "sarif",
        ]).out)
      let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
      #expect(results.allSatisfy { $0["baselineState"] is String }, "\(file)")
      let hidden = results.filter { $0["suppressions"] != nil }
      #expect(hidden.count == 1, "\(file)")
      #expect(hidden.first?["baselineState"] as? String == state, "\(file)")
    }

    let junk = directory.appendingPathComponent("junk.json")
    try Data("not json".utf8).write(to: junk)
    let bad = try Self.run(["trend", Self.leaky, "--baseline", junk.path])
    #expect(bad.status == 2)
    #expect(bad.err.contains("junk.json: not JSON"))
  }

  @Test(".pprof-leak.yaml is found from the working directory up; the command line wins")
  func config() throws {
    let project = try Self.temporaryDirectory()
    let nested = project.appendingPathComponent("services/api")
    try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
    try Data(
      """
      # what this project ignores
      fail-on: suspect
      min-goroutines: 500
      ignore-top:
        - 'main\\.longRunningTask'
      """.utf8
    ).write(to: project.appendingPathComponent(".pprof-leak.yaml"))
    let suppressed = try Self.run(["trend", Self.leaky], in: nested)
    #expect(suppressed.status == 0)
    #expect(suppressed.out.contains("1 suppressed"))
    #expect(suppressed.out.contains("(--fail-on suspect: exit 0)"))
    #expect(try Self.run(["trend", Self.leaky, "--no-config"], in: nested).status == 1)
    // Thresholds from the file make the leak info; info fails (file), and --fail-on leak on
    // the command line wins.
    let unsuppressed = project.appendingPathComponent("thresholds.yaml")
    try Data("fail-on: info\nmin-goroutines: 500\nmin-heap: 1G\n".utf8).write(to: unsuppressed)
    let strict = try Self.run(["trend", Self.leaky, "--config", unsuppressed.path, "--format", "json"])
    #expect(strict.status == 1)
    #expect(((try Self.json(strict.out))["findings"] as? [[String: Any]])?.first { $0["pattern"] as? String == "blocked-send" }?["severity"] as? String == "info")
    #expect(try Self.run(["trend", Self.leaky, "--config", unsuppressed.path, "--fail-on", "leak"]).status == 0)

    // The .yml spelling is found too.
    let other = try Self.temporaryDirectory()
    try Data("fail-on: never\n".utf8).write(to: other.appendingPathComponent(".pprof-leak.yml"))
    let yml = try Self.run(["trend", Self.leaky], in: other)
    #expect(yml.status == 0)
    #expect(yml.out.contains("(--fail-on never: exit 0)"))

    let broken = project.appendingPathComponent("broken.yaml")
    try Data("fail-on: leak\nignore-tops: main.x\n".utf8).write(to: broken)
    let bad = try Self.run(["trend", Self.leaky, "--config", broken.path])
    #expect(bad.status == 2)
    #expect(bad.err.contains("broken.yaml: line 2: ignore-tops: unknown key"))

    // A pattern that is not a regular expression is reported at its line.
    try Data("fail-on: leak\n\nignore-any:\n  - main.ok\n  - main.(broken\n".utf8).write(to: broken)
    let pattern = try Self.run(["trend", Self.leaky, "--config", broken.path])
    #expect(pattern.status == 2)
    #expect(pattern.err.contains("broken.yaml: line 5: ignore-any: 'main.(broken' is not a valid regular expression"), "\(pattern.err)")
  }

  @Test("--output is written whole or not at all; an unwritable one exits 2 and prints nothing")
  func atomicOutput() throws {
    let directory = try Self.temporaryDirectory()
    let missing = directory.appendingPathComponent("no/such/dir/report.sarif").path
    let result = try Self.run(["trend", Self.leaky, "--format", "sarif", "--output", missing])
    #expect(result.status == 2)
    #expect(result.err.hasPrefix("pprof-leak: error: cannot write \(missing): "))
    #expect(result.out.isEmpty)
    // So are growth profiles: a missing directory, a file where a directory should be.
    let plain = try Self.temporaryDirectory().appendingPathComponent("plain")
    try Data().write(to: plain)
    for option in [["--write-profile", missing + ".pb.gz"], ["--write-profile-dir", plain.path + "/growth"]] {
      let growth = try Self.run(["trend", Self.leaky] + option)
      #expect(growth.status == 2, "\(option)")
      #expect(growth.err.hasPrefix("pprof-leak: error: ") && growth.err.contains("cannot "), "\(option): \(growth.err)")
      #expect(growth.out.isEmpty, "\(option)")
    }
    // A directory in the way: the rename fails, and the temporary file is removed.
    let blocked = directory.appendingPathComponent("report.xml")
    try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
    let clash = try Self.run(["diff", "--format", "junit", "--output", blocked.path, "\(Self.leaky)/goroutine-01.pb.gz", "\(Self.leaky)/goroutine-08.pb.gz"])
    #expect(clash.status == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.xml"])
    // A good write replaces the old file whole.
    let file = directory.appendingPathComponent("report.md")
    try Data("old".utf8).write(to: file)
    let written = try Self.run(["diff", "--format", "markdown", "--output", file.path, "\(Self.leaky)/goroutine-01.pb.gz", "\(Self.leaky)/goroutine-08.pb.gz"])
    #expect(written.status == 1)
    #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("### pprof-leak diff: 1 leak"))
    #expect(written.out.contains("pprof-leak diff: goroutine profiles"))
  }

  @Test("--output writes through a symbolic link, and into a pipe, instead of replacing them")
  func outputThroughLinksAndPipes() throws {
    let directory = try Self.temporaryDirectory()
    let pair = ["\(Self.leaky)/goroutine-01.pb.gz", "\(Self.leaky)/goroutine-08.pb.gz"]
    // A link to the report: the link stays, its target gets the report.
    let target = directory.appendingPathComponent("reports/latest.md")
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("old".utf8).write(to: target)
    let link = directory.appendingPathComponent("report.md")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    let linked = try Self.run(["diff", "--format", "markdown", "--output", link.path] + pair)
    #expect(linked.status == 1)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
    #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("### pprof-leak diff: 1 leak"))
    // A named pipe (as for a process substitution): the report goes into it, and it stays a
    // pipe; no temporary file is left beside it.
    let fifo = directory.appendingPathComponent("report.fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/cat")
    reader.arguments = [fifo]
    let received = Pipe()
    reader.standardOutput = received
    try reader.run()
    let piped = try Self.run(["diff", "--format", "json", "--output", fifo] + pair)
    // A device that fails the write (/dev/full) is written before any file is put in place:
    // the baseline named before it is not left behind.
    let baseline = directory.appendingPathComponent("baseline.json").path
    let full = try Self.run(["diff", "--write-baseline", baseline, "--write-profile", "/dev/full"] + pair)
    #expect(full.status == 2)
    #expect(full.err.contains("cannot write /dev/full"), "\(full.err)")
    #expect(!FileManager.default.fileExists(atPath: baseline))
    var status = stat()
    let stillPipe = stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
    #expect(stillPipe)
    if !stillPipe { reader.terminate() }  // replaced: nothing will ever write to its pipe
    let bytes = received.fileHandleForReading.readDataToEndOfFile()
    reader.waitUntilExit()
    #expect(piped.status == 1)
    #expect(String(decoding: bytes, as: UTF8.self).contains("\"schema\""))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["report.fifo", "report.md", "reports"])
  }

  @Test("the committed shell completions are what the binary generates")
  func completions() throws {
    for (shell, file) in [("bash", "pprof-leak.bash"), ("zsh", "_pprof-leak"), ("fish", "pprof-leak.fish")] {
      let generated = try Self.run(["--generate-completion-script", shell])
      #expect(generated.status == 0)
      let committed = try String(
        contentsOf: Self.root.appendingPathComponent("completions/\(file)"), encoding: .utf8)
      #expect(generated.out == committed, "completions/\(file) is stale: regenerate it with pprof-leak --generate-completion-script \(shell)")
    }
  }
}
