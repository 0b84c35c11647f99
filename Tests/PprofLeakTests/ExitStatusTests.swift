import Foundation
import Testing
@testable import pprof_leak

/// The exit-status contract: 0 clean, 1 findings, 2 usage or input errors, with a one-line
/// message on standard error. Each case runs `Main.run` in a child process.
@Suite("Exit status")
struct ExitStatusTests {
  /// The absolute path of a fixture. Exit-test bodies may not capture values, so they call this.
  static func fixture(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(relative).path
  }

  @Test("top on a good profile exits 0 and prints pprof's table")
  func topSucceeds() async {
    let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      Main.run(["top", ExitStatusTests.fixture("profiles/leaky/heap-08.pb.gz")])
    }
    let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
    #expect(output.contains("main.longRunningTask"))
    #expect(output.contains("      flat  flat%   sum%        cum   cum%"))
  }

  @Test("a malformed file exits 2 with one line naming the file and the problem")
  func malformed() async {
    let path = Self.fixture("malformed/truncated.pb.gz")
    let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent, \.standardOutputContent]) {
      Main.run(["top", ExitStatusTests.fixture("malformed/truncated.pb.gz")])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.hasPrefix("pprof-leak: error: \(path): byte "))
    #expect(message.contains("truncated gzip data"))
    #expect(message.filter { $0 == "\n" }.count == 1)
    let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
    #expect(!output.contains("flat%"), "\(output)")
  }

  @Test("a gzip bomb over --max-decompressed-size exits 2")
  func bomb() async {
    let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
      Main.run(["top", "--max-decompressed-size", "1M", ExitStatusTests.fixture("malformed/bomb.pb.gz")])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("decompresses to more than 1 MiB"))
  }

  @Test("a 1 MB gzip that inflates past the default 1 GiB cap exits 2")
  func bombAtDefaultCap() async {
    let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
      Main.run(["top", ExitStatusTests.fixture("malformed/bomb-1g.pb.gz")])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("decompresses to more than 1 GiB"))
  }

  @Test("bad usage exits 2, not ArgumentParser's 64")
  func usage() async {
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["top"]) }
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["frobnicate"]) }
    await #expect(processExitsWith: .exitCode(2)) {
      Main.run(["top", "--nodecount", "-1", "x.pb.gz"])
    }
    await #expect(processExitsWith: .exitCode(2)) {
      Main.run(["top", "--max-decompressed-size", "lots", "x.pb.gz"])
    }
  }

  @Test("an unknown sample index exits 2 and lists the choices")
  func sampleIndex() async {
    let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
      Main.run(["top", "--sample-index", "bogus", ExitStatusTests.fixture("profiles/types/heap.pb.gz")])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("must be one of: alloc_objects, alloc_space, inuse_objects, inuse_space"))
  }

  @Test("--help and --version exit 0")
  func help() async {
    await #expect(processExitsWith: .success) { Main.run(["--help"]) }
    await #expect(processExitsWith: .success) { Main.run(["top", "--help"]) }
    await #expect(processExitsWith: .success) { Main.run(["--version"]) }
  }

  @Test("a directory and a missing file exit 2")
  func paths() async {
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["top", ExitStatusTests.fixture("profiles")]) }
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["top", "/nonexistent.pb.gz"]) }
  }

  @Test("diff exits 1 when a finding reaches --fail-on, 0 otherwise")
  func diffFindings() async {
    await #expect(processExitsWith: .exitCode(1)) {
      Main.run([
        "diff", ExitStatusTests.fixture("profiles/leaky/goroutine-01.pb.gz"),
        ExitStatusTests.fixture("profiles/leaky/goroutine-08.pb.gz"),
      ])
    }
    await #expect(processExitsWith: .success) {
      Main.run([
        "diff", "--fail-on", "never", ExitStatusTests.fixture("profiles/leaky/goroutine-01.pb.gz"),
        ExitStatusTests.fixture("profiles/leaky/goroutine-08.pb.gz"),
      ])
    }
    // The heap pair's growth is a suspect, not a leak.
    await #expect(processExitsWith: .success) {
      Main.run([
        "diff", ExitStatusTests.fixture("profiles/leaky/heap-01.pb.gz"),
        ExitStatusTests.fixture("profiles/leaky/heap-08.pb.gz"),
      ])
    }
    await #expect(processExitsWith: .exitCode(1)) {
      Main.run([
        "diff", "--fail-on", "suspect", "--format", "json",
        ExitStatusTests.fixture("profiles/leaky/heap-01.pb.gz"),
        ExitStatusTests.fixture("profiles/leaky/heap-08.pb.gz"),
      ])
    }
  }

  @Test("diff of two different kinds exits 2 and says what differs")
  func diffIncompatible() async {
    let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
      Main.run([
        "diff", ExitStatusTests.fixture("profiles/leaky/heap-01.pb.gz"),
        ExitStatusTests.fixture("profiles/leaky/goroutine-08.pb.gz"),
      ])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.hasPrefix("pprof-leak: error: "))
    #expect(message.contains("cannot diff"))
    #expect(message.contains("goroutine/count"))
  }

  @Test("diff rejects bad thresholds and two standard inputs with status 2")
  func diffUsage() async {
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["diff", "-", "-"]) }
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["diff", "--fail-on", "maybe", "a", "b"]) }
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["diff", "--min-growth", "lots", "a", "b"]) }
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["diff", "--min-heap", "x", "a", "b"]) }
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["diff", "a"]) }
  }

  @Test("diff --traces lists the changed stacks after the table")
  func diffTraces() async {
    let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardOutputContent]) {
      Main.run([
        "diff", "--traces", "--color", "never", ExitStatusTests.fixture("profiles/leaky/goroutine-01.pb.gz"),
        ExitStatusTests.fixture("profiles/leaky/goroutine-08.pb.gz"),
      ])
    }
    let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
    #expect(output.contains("1. LEAK     blocked-send  +175 goroutines (25 → 200)"))
    #expect(output.contains("Changed stacks ("))
    #expect(output.contains("+175 goroutines (25 → 200)\n    runtime.gopark"))
    #expect(!output.contains("\u{1B}["))
  }

  @Test("trend on the leaky directory finds the leak and exits 1")
  func trendLeak() async {
    let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardOutputContent]) {
      Main.run(["trend", "--color", "never", ExitStatusTests.fixture("profiles/leaky")])
    }
    let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
    #expect(output.contains("1. LEAK     blocked-send  +175 goroutines"))
    #expect(output.contains("main.longRunningTask"))
    #expect(output.contains("per goroutine"))
    #expect(output.contains("goroutine tracebacks (debug=2) beside the binary profiles"))
    #expect(output.contains("created by main.handler"))
    await #expect(processExitsWith: .success) {
      Main.run(["trend", "--fail-on", "never", ExitStatusTests.fixture("profiles/leaky")])
    }
  }

  @Test("trend with nothing to read exits 2 and says what it wanted")
  func trendNothing() async {
    let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
      Main.run(["trend", ExitStatusTests.fixture("gen/leaky")])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.hasPrefix("pprof-leak: error: no profiles in "))
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["trend", "/nonexistent/dir"]) }
    await #expect(processExitsWith: .exitCode(2)) { Main.run(["trend"]) }
    await #expect(processExitsWith: .exitCode(2)) {
      Main.run(["trend", "--order", "size", ExitStatusTests.fixture("profiles/leaky")])
    }
    // A file named explicitly must be a profile.
    await #expect(processExitsWith: .exitCode(2)) {
      Main.run(["trend", ExitStatusTests.fixture("malformed/random.bin")])
    }
  }

  @Test("trend exits 0 on every non-leak series and 1 on a slow leak in noise")
  func trendVerdicts() async {
    await #expect(processExitsWith: .success) {
      Main.run(["trend", ExitStatusTests.fixture("trend/bounded-cache")])
    }
    await #expect(processExitsWith: .success) {
      Main.run(["trend", ExitStatusTests.fixture("trend/sawtooth")])
    }
    await #expect(processExitsWith: .success) {
      Main.run(["trend", ExitStatusTests.fixture("trend/steady-pool")])
    }
    await #expect(processExitsWith: .success) {
      Main.run(["trend", ExitStatusTests.fixture("trend/warming-pool")])
    }
    await #expect(processExitsWith: .exitCode(1)) {
      Main.run(["trend", ExitStatusTests.fixture("trend/noisy-slow-leak")])
    }
  }
}
