import Foundation
import Testing
@testable import pprof_leak

/// Goroutine text dumps through the command line: top, trend and diff on real dumps, and the
/// errors and warnings a user sees for text that is not (all of) a dump.
@Suite("Text dumps on the command line")
struct TextInputTests {
  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    try BinaryTests.run(arguments, stdin: Data())
  }

  static let sigquit = ExitStatusTests.fixture("profiles/dumps/sigquit.txt")

  @Test("top on a SIGQUIT dump lists the goroutines in leak patterns with minutes and creators")
  func topOnDump() throws {
    let result = try Self.run(["top", "--color", "never", "--min-blocked", "1m", Self.sigquit])
    #expect(result.status == 0)
    #expect(result.out.contains("main.leakSend"))
    #expect(result.out.contains("Goroutines in leak patterns"))
    #expect(result.out.contains("LEAK"))
    #expect(result.out.contains("waiting: 300 goroutines in chan send, blocked 1 minute"))
    #expect(result.out.contains("created by main.startLeaks"))
    #expect(result.err.isEmpty)
    let json = try Self.run(["top", "--format", "json", "--min-blocked", "1m", Self.sigquit])
    let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
    let blocked = try #require(object?["blocked"] as? [[String: Any]])
    #expect(blocked.first?["pattern"] as? String == "blocked-send")
    #expect(blocked.first?["waitReason"] as? String == "chan send")
    #expect(blocked.first?["goroutines"] as? Int == 300)
    #expect((blocked.first?["minutesBlocked"] as? [String: Int]) == ["min": 1, "max": 1])
    // top is pprof's view: a CI format is refused with the command that writes one.
    let sarif = try Self.run(["top", "--format", "sarif", Self.sigquit])
    #expect(sarif.status == 2)
    #expect(sarif.err.contains("run trend on the same file: pprof-leak trend FILE --format sarif"))
    #expect(sarif.out.isEmpty)
    let bogus = try Self.run(["top", "--format", "bogus", Self.sigquit])
    #expect(bogus.status == 2)
    #expect(bogus.err.contains("'bogus' is not a format of top: give text or json"))
    // A debug=1 dump cannot show anything stuck: top says what would.
    let debug1 = try Self.run(["top", ExitStatusTests.fixture("profiles/dumps/labels.debug1.txt")])
    #expect(debug1.status == 0)
    #expect(debug1.err.contains("is a debug=1 dump, which records neither what goroutines wait on nor for how long"))
  }

  /// The rating of each entry of `top`'s list of blocked goroutines, by responsible function.
  static func ratings(_ output: String) -> [String: String] {
    let lines = output.components(separatedBy: "\n")
    var ratings: [String: String] = [:]
    for (index, line) in lines.enumerated() where line.range(of: #"^\d+\. "#, options: .regularExpression) != nil {
      guard index + 1 < lines.count, let function = lines[index + 1].split(separator: " ").first else { continue }
      ratings[String(function)] = line.split(separator: " ").dropFirst().first.map(String.init)
    }
    return ratings
  }

  @Test("a real deadlock: every goroutine is stuck; without the runtime's verdict, nil channels and select {} still are")
  func deadlock() throws {
    let dump = ExitStatusTests.fixture("profiles/dumps/deadlock.txt")
    let result = try Self.run(["top", "--color", "never", dump])
    #expect(result.status == 0)
    #expect(result.err.isEmpty)
    // The fatal error's dump is read past its preamble, every goroutine of it.
    #expect(result.out.contains("Showing nodes accounting for 73, 100% of 73 total"))
    let functions = ["main.leakNilSend", "main.leakNilRecv", "main.leakNoCases", "main.leakLock", "main.leakWait", "main.leakCond"]
    // "all goroutines are asleep": the runtime proved none can run again, however short the
    // wait so far; a leak each.
    let deadlocked = Self.ratings(result.out)
    for function in functions { #expect(deadlocked[function] == "LEAK", "\(function)") }
    #expect(result.out.contains("waiting: 12 goroutines in semacquire, a wait nothing can end"))
    #expect(result.out.contains("fix: The channel is nil"))
    let json = try Self.run(["top", "--format", "json", dump])
    let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
    let blocked = try #require(object?["blocked"] as? [[String: Any]])
    let reasons = Set(blocked.compactMap { $0["waitReason"] as? String })
    #expect(reasons == ["chan send (nil chan)", "chan receive (nil chan)", "select (no cases)", "semacquire", "sync.Cond.Wait"])
    let nilSend = try #require(blocked.first { $0["waitReason"] as? String == "chan send (nil chan)" })
    #expect((nilSend["advice"] as? String)?.hasPrefix("The channel is nil") == true)
    // The same single dump gates trend.
    #expect(try Self.run(["trend", dump]).status == 1)

    // The same goroutines without the preamble (as in a SIGQUIT dump): nothing can wake a
    // goroutine on a nil channel or in select {}, but a Mutex, a WaitGroup or a Cond could still
    // be released, and their goroutines have waited under a minute.
    let text = try String(contentsOfFile: dump, encoding: .utf8)
    let edited = try CIFormatTests.temporaryDirectory().appendingPathComponent("asleep.txt")
    try text.replacingOccurrences(of: "fatal error: all goroutines are asleep - deadlock!\n", with: "")
      .write(to: edited, atomically: true, encoding: .utf8)
    let alive = Self.ratings(try Self.run(["top", "--color", "never", edited.path]).out)
    for function in functions.prefix(3) { #expect(alive[function] == "LEAK", "\(function)") }
    for function in functions.dropFirst(3) { #expect(alive[function] == "-", "\(function)") }
  }

  @Test("goroutines locked to their OS threads are counted: each blocked one keeps a thread")
  func lockedToThread() throws {
    let locked = ExitStatusTests.fixture("profiles/dumps/locked.txt")
    let text = try Self.run(["top", "--color", "never", locked])
    #expect(text.status == 0)
    #expect(text.out.contains("waiting: 12 goroutines in chan send, no wait time shown (under a minute); 12 locked to their OS threads (each keeps a thread)"), "\(text.out)")
    let top = try JSONSerialization.jsonObject(with: Data(try Self.run(["top", "--format", "json", locked]).out.utf8)) as? [String: Any]
    let blocked = try #require(top?["blocked"] as? [[String: Any]])
    #expect(blocked.first?["function"] as? String == "main.leakLocked")
    #expect(blocked.first?["lockedToThread"] as? Int == 12)
    // In a diff the finding carries it too; goroutines not locked count 0.
    let panic = ExitStatusTests.fixture("profiles/dumps/panic-all.txt")
    let diff = try JSONSerialization.jsonObject(with: Data(try Self.run(["diff", "--format", "json", panic, locked]).out.utf8)) as? [String: Any]
    let findings = try #require(diff?["findings"] as? [[String: Any]])
    #expect(findings.first { $0["function"] as? String == "main.leakLocked" }?["lockedToThread"] as? Int == 12)
    // The CI formats say it in their message.
    let annotations = try Self.run(["diff", "--format", "github", panic, locked]).out
    #expect(annotations.contains("Waiting: 12 goroutines in chan send, no wait time shown (under a minute); 12 locked to their OS threads (each keeps a thread)."), "\(annotations)")
    // The HTML page shows the text report's evidence lines, threads included.
    let page = try CIFormatTests.temporaryDirectory().appendingPathComponent("locked.html")
    _ = try Self.run(["diff", "--format", "html", "--output", page.path, panic, locked])
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.contains("12 locked to their OS threads (each keeps a thread)"))
    let sigquit = try JSONSerialization.jsonObject(with: Data(try Self.run(["top", "--format", "json", "--min-blocked", "1m", Self.sigquit]).out.utf8)) as? [String: Any]
    #expect((sigquit?["blocked"] as? [[String: Any]])?.allSatisfy { $0["lockedToThread"] as? Int == 0 } == true)
  }

  @Test("top reads min-blocked and the other thresholds from .pprof-leak.yaml; the command line wins")
  func topReadsConfig() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let config = directory.appendingPathComponent(".pprof-leak.yaml")
    try Data("min-blocked: 1m\n".utf8).write(to: config)
    let configured = try CIFormatTests.run(["top", "--color", "never", Self.sigquit], in: directory)
    #expect(configured.status == 0)
    #expect(configured.out.contains("LEAK"))
    let ignored = try CIFormatTests.run(["top", "--color", "never", "--no-config", Self.sigquit], in: directory)
    #expect(!ignored.out.contains("LEAK"))
    let overridden = try CIFormatTests.run(
      ["top", "--color", "never", "--min-blocked", "2h", Self.sigquit], in: directory)
    #expect(!overridden.out.contains("LEAK"))
    try Data("min-blocked: soon\n".utf8).write(to: config)
    let broken = try CIFormatTests.run(["top", Self.sigquit], in: directory)
    #expect(broken.status == 2)
    #expect(broken.err.contains(".pprof-leak.yaml: line 1: min-blocked: 'soon' is not a duration"))
  }

  @Test("a single dump gates trend: exit 1 when goroutines have been blocked long enough")
  func singleDumpTrend() throws {
    let strict = try Self.run(["trend", "--color", "never", "--min-blocked", "1m", Self.sigquit])
    #expect(strict.status == 1)
    #expect(strict.out.contains("blocked-send"))
    #expect(strict.out.contains("main.leakSend"))
    #expect(strict.out.contains("created by main.startLeaks"))
    let lenient = try Self.run(["trend", "--color", "never", Self.sigquit])
    #expect(lenient.status == 0)
  }

  @Test("text that is not a dump exits 2 naming the file and the line")
  func notADump() throws {
    let path = ExitStatusTests.fixture("malformed/not-a-dump.txt")
    for command in [["top"], ["trend"]] {
      let result = try Self.run(command + [path])
      #expect(result.status == 2, "\(command)")
      #expect(result.err.hasPrefix("pprof-leak: error: \(path): line 1: not a goroutine dump"), "\(result.err)")
      #expect(result.out.isEmpty)
    }
  }

  @Test("a dump cut off mid-goroutine is read, with a warning on standard error")
  func truncated() throws {
    let path = ExitStatusTests.fixture("malformed/truncated-debug2.txt")
    let result = try Self.run(["top", path])
    #expect(result.status == 0)
    #expect(result.err.contains("pprof-leak: warning: \(path): line "))
    #expect(result.err.contains("ends in the middle of goroutine"))
    #expect(!result.out.isEmpty)
  }

  @Test("a log with two dumps: top reads the last and says so; trend follows both")
  func concatenated() throws {
    let path = ExitStatusTests.fixture("profiles/dumps/concatenated.log")
    let top = try Self.run(["top", path])
    #expect(top.status == 0)
    #expect(top.err.contains("holds 2 goroutine dumps; top reads the last"))
    let trend = try Self.run(["trend", "--color", "never", "--fail-on", "never", path])
    #expect(trend.status == 0)
    #expect(trend.out.contains("2 snapshots"))
  }

  @Test("--min-blocked takes whole minutes in the duration syntax and refuses anything else")
  func minBlocked() throws {
    #expect(try parseMinutes("15m") == 15)
    #expect(try parseMinutes("2h") == 120)
    #expect(try parseMinutes("1.5h") == 90)
    #expect(try parseMinutes("30") == 30)
    for bad in ["", "0", "-5m", "10s", "90s", "m"] {
      #expect(throws: (any Error).self, "\(bad)") { try parseMinutes(bad) }
    }
    let result = try Self.run(["trend", "--min-blocked", "10s", Self.sigquit])
    #expect(result.status == 2)
    #expect(result.err.contains("not a duration"))
  }
}
