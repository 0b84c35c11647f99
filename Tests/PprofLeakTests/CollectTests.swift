import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A real Go service (Fixtures/gen/liveserver, built with `go build`) on a loopback port.
final class LiveServer: @unchecked Sendable {
  static let source = CIFormatTests.root.appendingPathComponent("Fixtures/gen/liveserver")

  /// Go is needed to build the server; without it these tests are skipped (CI installs it).
  static let goPath: String? = {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      let candidate = "\(directory)/go"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }()

  static var goAvailable: Bool { goPath != nil }

  /// Go 1.27 (`GO127`, else the toolchain Fixtures/gen/go-toolchain.sh installs into
  /// .cache/go-1.27.3; .ci/run installs it), whose runtime serves goroutineleak.
  static let go127Path: String? = {
    let candidates: [String?] = [
      ProcessInfo.processInfo.environment["GO127"],
      CIFormatTests.root.appendingPathComponent(".cache/go-1.27.3/go/bin/go").path,
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  static var go127Available: Bool { go127Path != nil }

  /// Built once per test run.
  static let binary: Result<String, any Error> = build(with: goPath, name: "liveserver")
  /// The same server built with Go 1.27.
  static let binary127: Result<String, any Error> = build(with: go127Path, name: "liveserver127")

  static func build(with go: String?, name: String) -> Result<String, any Error> {
    Result { try build(go: go ?? "/usr/bin/go", name: name) }
  }

  private static func build(go: String, name: String) throws -> String {
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("pprof-leak-\(name)-\(getpid())").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: go)
    process.arguments = ["build", "-o", output, "."]
    var environment = ProcessInfo.processInfo.environment
    environment["GOTOOLCHAIN"] = "local"
    environment["GOPROXY"] = "off"
    process.environment = environment
    process.currentDirectoryURL = source
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(decoding: message, as: UTF8.self)])
    }
    return output
  }

  let process = Process()
  let url: String

  /// `tls`: https with a self-signed certificate; `go127`: the server built with Go 1.27.
  init(mode: String, token: String? = nil, tls: Bool = false, go127: Bool = false) throws {
    process.executableURL = URL(fileURLWithPath: try (go127 ? Self.binary127 : Self.binary).get())
    process.arguments = ["-mode", mode, "-exit-with-stdin"] + (token.map { ["-token", $0] } ?? [])
      + (tls ? ["-tls"] : [])
    let output = Pipe()
    process.standardOutput = output
    // The server exits when this pipe closes, as it does when the test process dies.
    process.standardInput = Pipe()
    try process.run()
    // "listening on http://127.0.0.1:PORT\n" (https with tls)
    var line = Data()
    while !line.contains(0x0A) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard let start = text.range(of: "listening on ") else {
      process.terminate()
      throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "liveserver said: \(text)"])
    }
    url = String(text[start.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func stop() {
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
  }

  deinit { stop() }

  /// Requests /work every `interval` on a background thread until `stop` is called on the
  /// returned driver: the traffic that makes the leaky handler leak between rounds.
  func drive(every interval: Double) -> Driver {
    let driver = Driver()
    let target = URL(string: url + "/work")!
    let thread = Thread {
      let session = URLSession(configuration: .ephemeral)
      while !driver.stopped {
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: target) { _, _, _ in done.signal() }.resume()
        _ = done.wait(timeout: .now() + 5)
        driver.requests += 1
        Thread.sleep(forTimeInterval: interval)
      }
      driver.finished.signal()
    }
    thread.start()
    return driver
  }

  final class Driver: @unchecked Sendable {
    var stopped = false
    var requests = 0
    let finished = DispatchSemaphore(value: 0)

    func stop() {
      stopped = true
      finished.wait()
    }
  }
}

/// `collect` and `watch` end to end against a real Go service, and their failure paths
/// against real sockets.
@Suite("Live collection against a real Go server", .serialized)
struct CollectTests {
  static let skip = "go is not installed (apt-get install -y golang-go); .ci/run installs it"

  static func temporaryDirectory() throws -> URL { try CIFormatTests.temporaryDirectory() }

  @Test("collect --analyze finds the leaking handler's blocked send, at its line, and exits 1", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func leak() throws {
    let server = try LiveServer(mode: "leak")
    defer { server.stop() }
    let out = try Self.temporaryDirectory()
    let driver = server.drive(every: 0.02)
    let result = try CIFormatTests.run([
      "collect", server.url, "--every", "300ms", "--count", "8", "--text", "--out", out.path,
      "--analyze", "--fail-on", "leak",
    ])
    driver.stop()
    #expect(result.status == 1, "\(result.err)")
    #expect(result.out.contains("1. LEAK     blocked-send"))
    let line = try lineNumber(of: "results <- buf // leak-site: blocked-send")
    #expect(result.out.contains("main.compute  ") && result.out.contains("Fixtures/gen/liveserver/main.go:\(line)"), "\(result.out)")
    #expect(result.out.contains("created by main.leakyWork"))
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(files.filter { $0.hasPrefix("heap-") && $0.hasSuffix(".pb.gz") }.count == 8)
    #expect(files.filter { $0.hasPrefix("goroutine-") && $0.hasSuffix(".pb.gz") }.count == 8)
    #expect(files.filter { $0.hasSuffix(".debug2.txt") }.count == 8)
    #expect(!files.contains { $0.hasPrefix(".") })  // no temporary files left
    #expect(result.err.contains("round 8/8"))
    #expect(result.err.contains("8 rounds, 24 files in \(out.path)"))
  }

  @Test("against Go 1.27, collect also takes the runtime's leak checks, and the leak comes out proved", .enabled(if: LiveServer.go127Available, Comment(rawValue: "Go 1.27 is not installed: Fixtures/gen/go-toolchain.sh 1.27.3 installs it; .ci/run does")))
  func leakProvedByGo127() throws {
    let server = try LiveServer(mode: "leak", go127: true)
    defer { server.stop() }
    let out = try Self.temporaryDirectory()
    let driver = server.drive(every: 0.02)
    let result = try CIFormatTests.run([
      "collect", server.url, "--every", "300ms", "--count", "3", "--text", "--out", out.path,
      "--analyze", "--fail-on", "leak",
    ])
    driver.stop()
    #expect(result.status == 1, "\(result.err)")
    #expect(result.err.contains("goroutineleak (if served)"), "\(result.err)")
    #expect(!result.err.contains("not fetching"), "\(result.err)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(files.filter { $0.hasPrefix("goroutineleak-") && $0.hasSuffix(".pb.gz") }.count == 3)
    #expect(files.filter { $0.hasPrefix("goroutineleak-") && $0.hasSuffix(".debug2.txt") }.count == 3)
    #expect(!files.contains { $0.hasPrefix("goroutine-") && $0.hasSuffix(".debug2.txt") })
    let line = try lineNumber(of: "results <- buf // leak-site: blocked-send")
    #expect(result.out.contains("1. LEAK     blocked-send"), "\(result.out)")
    #expect(result.out.contains("Fixtures/gen/liveserver/main.go:\(line)"), "\(result.out)")
    #expect(result.out.contains("proof: proved leaked by the Go runtime"), "\(result.out)")
    // The Go 1.19 server serves no goroutineleak: left out with a note, nothing fails.
    let old = try LiveServer(mode: "leak")
    defer { old.stop() }
    let older = try Self.temporaryDirectory()
    let plain = try CIFormatTests.run(["collect", old.url, "--every", "200ms", "--count", "1", "--out", older.path])
    #expect(plain.status == 0, "\(plain.err)")
    #expect(plain.err.contains("note: not fetching goroutineleak: the service's pprof index does not list"), "\(plain.err)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: older.path).count == 2)
  }

  @Test("the same traffic to a handler that does not leak: exit 0", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func clean() throws {
    let server = try LiveServer(mode: "clean")
    defer { server.stop() }
    let out = try Self.temporaryDirectory()
    let driver = server.drive(every: 0.02)
    let result = try CIFormatTests.run([
      "collect", server.url + "/debug/pprof/", "--every", "300ms", "--count", "8", "--out", out.path,
      "--analyze",
    ])
    driver.stop()
    #expect(driver.requests > 20)
    #expect(result.status == 0, "\(result.out)\(result.err)")
    #expect(!result.out.contains("LEAK"))
    #expect(result.out.contains("(--fail-on leak: exit 0)"))
  }

  @Test("failures against real sockets: nothing listening, 500, HTML, a stall past the timeout", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func failures() throws {
    let closed = try LiveServer(mode: "clean")
    let deadURL = closed.url
    closed.stop()
    let cases: [(mode: String?, expected: String)] = [
      (nil, "cannot connect: connection refused (is the service up, at this address?)"),
      ("error", "HTTP 500 Internal Server Error: \"profiling is broken today\""),
      ("html", "the body is not a profile: an HTML page"),
      ("stall", "no answer within 500 ms (--timeout)"),
    ]
    for (mode, expected) in cases {
      let server = try mode.map { try LiveServer(mode: $0) }
      defer { server?.stop() }
      let out = try Self.temporaryDirectory()
      let started = Date()
      let result = try CIFormatTests.run([
        "collect", server?.url ?? deadURL, "--every", "300ms", "--count", "2", "--retries", "1",
        "--timeout", "500ms", "--kinds", "goroutine", "--out", out.path,
      ])
      #expect(result.status == 2, "\(mode ?? "closed"): \(result.err)")
      #expect(result.err.contains("retry 1 in"), "\(mode ?? "closed")")
      #expect(result.err.contains("pprof-leak: error: all 2 rounds failed, nothing was collected: goroutine: \(expected)"), "\(result.err)")
      #expect(result.out.isEmpty)
      #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
      // A stalled server costs the timeout per try, not its 30 s.
      #expect(Date().timeIntervalSince(started) < 10)
    }
  }

  @Test("https failures get TLS hints: a self-signed certificate, https spoken to plain http", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func tls() throws {
    let selfSigned = try LiveServer(mode: "clean", tls: true)
    defer { selfSigned.stop() }
    let plain = try LiveServer(mode: "clean")
    defer { plain.stop() }
    #expect(selfSigned.url.hasPrefix("https://"))
    let cases = [
      (selfSigned.url, "certificate not trusted: SSL certificate problem: ",
       "(the system's trust store does not trust the service's certificate: add its CA there)"),
      (plain.url.replacingOccurrences(of: "http://", with: "https://"), "TLS failed: ",
       "(does the service serve https at this address, not plain http?)"),
    ]
    for (url, error, hint) in cases {
      let out = try Self.temporaryDirectory()
      let result = try CIFormatTests.run(["collect", url, "--count", "1", "--retries", "0", "--kinds", "goroutine", "--out", out.path])
      #expect(result.status == 2)
      let message = try #require(result.err.split(separator: "\n").last)
      #expect(message.hasPrefix("pprof-leak: error: all 1 round failed, nothing was collected: goroutine: \(error)"), "\(message)")
      #expect(message.hasSuffix(hint), "\(message)")
      #expect(!message.contains("is the service up"))
    }
  }

  @Test("a body over --max-response-size is abandoned, and --kinds picks what is fetched", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func responseLimit() throws {
    let server = try LiveServer(mode: "clean")
    defer { server.stop() }
    let out = try Self.temporaryDirectory()
    let small = try CIFormatTests.run([
      "collect", server.url, "--every", "200ms", "--count", "1", "--retries", "0", "--kinds", "heap",
      "--max-response-size", "100", "--out", out.path,
    ])
    #expect(small.status == 2)
    #expect(small.err.contains("heap: the body is over 100 B (--max-response-size)"), "\(small.err)")
    #expect(!small.err.contains("(raise"), "\(small.err)")
    let heapOnly = try CIFormatTests.run([
      "collect", server.url, "--every", "200ms", "--count", "2", "--kinds", "heap", "--out", out.path,
    ])
    #expect(heapOnly.status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(files.count == 2)
    #expect(files.allSatisfy { $0.hasPrefix("heap-") })
    let bad = try CIFormatTests.run(["collect", server.url, "--kinds", "cpu"])
    #expect(bad.status == 2)
    #expect(bad.err.contains("'cpu' is not heap, goroutine or goroutineleak"))
  }

  @Test("bad collect and watch options exit 2 with what is wrong, before any request")
  func badOptions() throws {
    let url = "http://127.0.0.1:1"
    let cases: [([String], String)] = [
      (["collect", url, "--retries", "11"], "--retries must be 0 to 10"),
      (["collect", url, "--header", "no colon here"], "--header 'no colon here' is not 'Name: value'"),
      (["collect", url, "--count", "0"], "--count must be 1 or more"),
      (["collect", url, "--every", "0s"], "is not a duration"),
      (["collect", "ftp://example.com/"], "not a service URL"),
      (["watch", url, "--format", "sarif"], "watch shows text or json"),
      (["watch", url, "--write-profile", "/tmp/x.pb.gz"], "watch shows text or json"),
      (["trend", CIFormatTests.leaky, "--config", "x.yaml", "--no-config"], "--config and --no-config contradict"),
    ]
    for (arguments, message) in cases {
      let result = try CIFormatTests.run(arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.err.contains(message), "\(arguments): \(result.err)")
      #expect(result.out.isEmpty, "\(arguments)")
    }
    // An Authorization header and a token would each replace the other: neither is chosen.
    for variable in ["PPROF_LEAK_TOKEN", "MY_TOKEN"] {
      let both = try CIFormatTests.run(
        ["watch", url, "--header", "authorization: Bearer abc"] + (variable == "MY_TOKEN" ? ["--token-env", variable] : []),
        environment: [variable: "xyz"])
      #expect(both.status == 2)
      #expect(
        both.err.contains("--header Authorization and the bearer token in \(variable) (--token-env) both set Authorization: give one of them"),
        "\(both.err)")
      #expect(!both.err.contains("abc") && !both.err.contains("xyz"))
    }
    // watch that never gets a report: the reasons on standard error, nothing on standard out.
    let out = try Self.temporaryDirectory()
    let dead = try CIFormatTests.run(["watch", url, "--every", "100ms", "--count", "2", "--retries", "0", "--out", out.path])
    #expect(dead.status == 2)
    #expect(dead.out.isEmpty)
    #expect(dead.err.contains("connection refused"))
  }

  @Test("a bearer token comes from the environment, headers from --header", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func authentication() throws {
    let server = try LiveServer(mode: "clean", token: "s3cret")
    defer { server.stop() }
    let out = try Self.temporaryDirectory()
    let arguments = ["collect", server.url, "--every", "200ms", "--count", "1", "--retries", "0", "--out", out.path]
    let denied = try CIFormatTests.run(arguments)
    #expect(denied.status == 2)
    #expect(denied.err.contains("HTTP 401 Unauthorized"))
    #expect(denied.err.contains("give credentials with --header or --token-env"))
    let header = try CIFormatTests.run(arguments + ["--header", "Authorization: Bearer s3cret"])
    #expect(header.status == 0, "\(header.err)")
    let token = try CIFormatTests.run(arguments + ["--token-env", "MY_TOKEN"], environment: ["MY_TOKEN": "s3cret"])
    #expect(token.status == 0, "\(token.err)")
    // With no --token-env, PPROF_LEAK_TOKEN is the variable.
    let byDefault = try CIFormatTests.run(arguments, environment: ["PPROF_LEAK_TOKEN": "s3cret"])
    #expect(byDefault.status == 0, "\(byDefault.err)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 6)
  }

  @Test("Ctrl-C stops between writes and keeps what was written", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func interrupt() throws {
    let server = try LiveServer(mode: "leak")
    defer { server.stop() }
    for signal in [SIGINT, SIGTERM] {
      let out = try Self.temporaryDirectory()
      let (process, errors) = try Self.start(["collect", server.url, "--every", "10s", "--count", "5", "--out", out.path])
      let deadline = Date().addingTimeInterval(10)
      while (try FileManager.default.contentsOfDirectory(atPath: out.path)).filter({ !$0.hasPrefix(".") }).count < 2, Date() < deadline {
        Thread.sleep(forTimeInterval: 0.05)
    }
    kill(process.processIdentifier, signal)
    let message = String(decoding: errors.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "signal \(signal)")
    #expect(message.contains("stopped after 1 round; the 2 files written are kept in \(out.path)"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 2)
    }
  }

  @Test("Ctrl-C during the first fetch says nothing was written, and exits 2", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func interruptBeforeAnySnapshot() throws {
    let server = try LiveServer(mode: "stall")
    defer { server.stop() }
    let out = try Self.temporaryDirectory()
    let (process, errors) = try Self.start(["collect", server.url, "--timeout", "20s", "--count", "1", "--out", out.path])
    // The first line comes once the signals are handled; the fetch then waits on the server.
    var message = Data()
    while !message.contains(0x0A) {
      let chunk = errors.availableData
      if chunk.isEmpty { break }
      message.append(chunk)
    }
    Thread.sleep(forTimeInterval: 0.3)
    kill(process.processIdentifier, SIGINT)
    message.append(errors.readDataToEndOfFile())
    process.waitUntilExit()
    let text = String(decoding: message, as: UTF8.self)
    #expect(process.terminationStatus == 2, "\(text)")
    #expect(text.hasSuffix("pprof-leak: error: stopped before any snapshot was written\n"), "\(text)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
  }

  /// Starts pprof-leak with standard error on a pipe (returned) and standard output discarded.
  static func start(_ arguments: [String]) throws -> (Process, FileHandle) {
    let process = Process()
    process.executableURL = BinaryTests.executable
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return (process, errors.fileHandleForReading)
  }

  @Test("watch appends a report per round when piped, and exits with the last one's status", .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)))
  func watch() throws {
    let server = try LiveServer(mode: "leak")
    defer { server.stop() }
    let out = try Self.temporaryDirectory()
    let driver = server.drive(every: 0.02)
    let result = try CIFormatTests.run(["watch", server.url, "--every", "300ms", "--count", "8", "--out", out.path])
    driver.stop()
    #expect(result.status == 1, "\(result.err)")
    let headers = result.out.split(separator: "\n").filter { $0.hasPrefix("== pprof-leak watch ") }
    #expect(headers.count == 8)
    #expect(headers.last?.contains("round 8/8") == true)
    #expect(result.out.contains("1. LEAK     blocked-send"))
    #expect(!result.out.contains("\u{1B}["))
    #expect(result.out.contains("pprof-leak trend: 16 profiles in 2 series"))
    #expect(result.err.contains("snapshots kept in \(out.path)"))
    // --format json: a JSON Lines stream, one report per round and nothing else; into the same
    // --out, each reads only this run's snapshots, not the 16 the run above left there.
    let json = try CIFormatTests.run(["watch", server.url, "--every", "200ms", "--count", "2", "--format", "json", "--out", out.path])
    let reports = try json.out.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(reports.count == 2)
    #expect(reports.allSatisfy { $0["schema"] as? String == "pprof-leak/trend" })
    #expect(reports.map { ($0["profiles"] as? [Any])?.count } == [2, 4])
    #expect(json.err.contains("round 2/2"))
  }

  static let scriptPath: String? = ["/usr/bin/script", "/bin/script"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  @Test(
    "watch on a terminal redraws on the alternate screen and leaves the last report on the normal one",
    .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)),
    .enabled(if: scriptPath != nil, "script(1) from util-linux makes the terminal"))
  func watchOnTerminal() throws {
    let server = try LiveServer(mode: "leak")
    defer { server.stop() }
    let out = try Self.temporaryDirectory().appendingPathComponent("snapshots").path
    let screen = try Self.onTerminal(["watch", server.url, "--every", "200ms", "--count", "3", "--out", out])
    #expect(screen.contains("\u{1B}[?1049h"))
    #expect(screen.components(separatedBy: "\u{1B}[H\u{1B}[2J").count == 4)  // three redraws
    let normal = try #require(screen.components(separatedBy: "\u{1B}[?1049l").last)
    #expect(normal.contains("pprof-leak trend: 6 profiles in 2 series"))
    // With --format json the report left on the normal screen is JSON too.
    let json = try Self.onTerminal([
      "watch", server.url, "--every", "200ms", "--count", "2", "--format", "json", "--out", out + "-json",
    ])
    let left = try #require(json.components(separatedBy: "\u{1B}[?1049l").last)
    #expect(left.contains("\"schema\" : \"pprof-leak/trend\""), "\(left)")
    #expect(!left.contains("pprof-leak trend: 4 profiles"))
  }

  @Test(
    "collect on a terminal redraws one progress line, and announces no round after the last",
    .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)),
    .enabled(if: scriptPath != nil, "script(1) from util-linux makes the terminal"))
  func collectOnTerminal() throws {
    let server = try LiveServer(mode: "clean")
    defer { server.stop() }
    let out = try Self.temporaryDirectory().path
    let screen = try Self.onTerminal(["collect", server.url, "--every", "200ms", "--count", "2", "--out", out])
    let drawings = screen.components(separatedBy: "\r\u{1B}[K")
    #expect(drawings.last { $0.hasPrefix("round 1/2") }?.contains("next in 200 ms") == true, "\(drawings)")
    let last = drawings.filter { $0.hasPrefix("round 2/2") }
    #expect(!last.isEmpty && !last.contains { $0.contains("next in") }, "\(last)")
  }

  @Test(
    "a second Ctrl-C ends watch at once, and still leaves the alternate screen",
    .enabled(if: LiveServer.goAvailable, Comment(rawValue: skip)),
    .enabled(if: scriptPath != nil, "script(1) from util-linux makes the terminal"))
  func watchSecondInterrupt() throws {
    let server = try LiveServer(mode: "clean")
    defer { server.stop() }
    let out = try Self.temporaryDirectory().path
    let screen = try Self.onTerminal(["watch", server.url, "--every", "10s", "--out", out]) { pid in
      let deadline = Date().addingTimeInterval(10)
      while (try? FileManager.default.contentsOfDirectory(atPath: out))?.count ?? 0 < 2, Date() < deadline {
        Thread.sleep(forTimeInterval: 0.05)
      }
      Thread.sleep(forTimeInterval: 0.3)  // the first report drawn; the next round 10 s away
      // Signals until the process is gone: after the first, a stop takes up to 50 ms, and the
      // next one ends the process at once.
      while kill(pid, SIGINT) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
    }
    #expect(screen.components(separatedBy: "\u{1B}[H\u{1B}[2J").count == 2)  // one report
    let afterEntering = try #require(screen.components(separatedBy: "\u{1B}[?1049h").last)
    #expect(afterEntering.contains("\u{1B}[?1049l"))
  }

  /// Runs pprof-leak on a terminal that script(1) makes, and returns all it wrote there.
  /// `whileRunning` gets its process id as soon as it starts.
  static func onTerminal(_ arguments: [String], whileRunning: (pid_t) -> Void = { _ in }) throws -> String {
    let directory = try Self.temporaryDirectory()
    let typescript = directory.appendingPathComponent("typescript").path
    let pidFile = directory.appendingPathComponent("pid").path
    // The shell writes its process id, which exec hands on to pprof-leak.
    let command = "echo $$ > '\(pidFile)'; exec "
      + ([BinaryTests.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.scriptPath ?? "/usr/bin/script")
    process.arguments = ["-qc", command, typescript]
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    var pid: pid_t?
    while pid == nil, process.isRunning {
      pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap {
        pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      if pid == nil { Thread.sleep(forTimeInterval: 0.01) }
    }
    if let pid { whileRunning(pid) }
    process.waitUntilExit()
    return try String(contentsOfFile: typescript, encoding: .utf8)
  }

  func lineNumber(of marker: String) throws -> Int {
    let text = try String(contentsOf: LiveServer.source.appendingPathComponent("main.go"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return try #require(lines.firstIndex { $0.contains(marker) }) + 1
  }
}
