import Foundation
import Testing

/// What the binary does when its surroundings fail: a full disk, a closed or broken pipe, a
/// deleted working directory. Nothing traps; each ends with the status the man page gives.
@Suite("Failing surroundings: writes, pipes, working directory")
struct StreamFailureTests {
  static let heap = CIFormatTests.leaky + "/heap-08.pb.gz"

  /// Runs `script` in bash with `$BIN` set to the binary; returns its status and stderr.
  static func bash(_ script: String, in directory: URL = CIFormatTests.root) throws -> (status: Int32, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.environment = ProcessInfo.processInfo.environment.merging(
      ["BIN": BinaryTests.executable.path, "NO_COLOR": "1"]) { $1 }
    process.currentDirectoryURL = directory
    let error = Pipe()
    process.standardError = error
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: err, as: UTF8.self))
  }

  @Test(
    "a report that cannot be written is exit 2 with one line, not a trap",
    arguments: [
      ("top '\(heap)' > /dev/full", "no space left on device"),
      ("top '\(heap)' >&-", "bad file descriptor"),
      ("trend '\(CIFormatTests.leaky)' > /dev/full", "no space left on device"),
      ("--help > /dev/full", "no space left on device"),
      ("--version > /dev/full", "no space left on device"),
    ])
  func fullOrClosed(_ example: (arguments: String, reason: String)) throws {
    let result = try Self.bash("\"$BIN\" \(example.arguments)")
    #expect(result.status == 2, "\(result.err)")
    #expect(result.err == "pprof-leak: error: cannot write to standard output: \(example.reason)\n")
  }

  @Test("a reader that goes away ends the run quietly by SIGPIPE, even with SIGPIPE ignored")
  func brokenPipe() throws {
    for ignore in ["", "trap '' PIPE; "] {
      // The reader closes its end at once, so the report's first write meets no reader.
      let result = try Self.bash(
        "\(ignore)\"$BIN\" trend --no-config '\(CIFormatTests.leaky)' | (exec 0<&-; sleep 1); echo \"status ${PIPESTATUS[0]}\" >&2")
      #expect(result.err == "status 141\n", "\(ignore): \(result.err)")
    }
  }

  @Test("standard error full or closed: the report and the exit status are unchanged")
  func failedStandardError() throws {
    for redirect in ["2>/dev/full", "2>&-"] {
      let probe = try Self.bash(
        "exec 3>&2; \"$BIN\" trend --no-config '\(CIFormatTests.leaky)' \(redirect) | tail -1 >&3; echo \"status ${PIPESTATUS[0]}\" >&3")
      #expect(probe.err.hasPrefix("Summary: 1 leak"), "\(redirect): \(probe.err)")
      #expect(probe.err.hasSuffix("status 1\n"), "\(redirect): \(probe.err)")
    }
  }

  @Test("a deleted working directory is exit 2 with what to do, never a hang")
  func deletedWorkingDirectory() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let path = directory.path
    for arguments in [
      "trend '\(CIFormatTests.leaky)'", "trend --no-config --format sarif '\(CIFormatTests.leaky)'",
      "top '\(Self.heap)'",
    ] {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      let result = try Self.bash("cd '\(path)' && rmdir '\(path)' && exec timeout 20 \"$BIN\" \(arguments)")
      #expect(result.status == 2, "\(arguments): \(result.err)")
      #expect(result.err.contains("the working directory cannot be found (no such file or directory)"), "\(result.err)")
      #expect(result.err.split(separator: "\n").count == 1)
    }
    // Where nothing needs the working directory, the run goes on: top, and trend's text report,
    // with --no-config.
    for (arguments, status) in [("top --no-config '\(Self.heap)'", 0), ("trend --no-config '\(CIFormatTests.leaky)'", 1)] {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      let result = try Self.bash("cd '\(path)' && rmdir '\(path)' && exec timeout 20 \"$BIN\" \(arguments) > /dev/null")
      #expect(result.status == Int32(status), "\(arguments): \(result.err)")
    }
  }
}

/// A run ended by SIGTERM in the middle of its atomic writes leaves no temporary file.
@Suite("Signals during atomic output")
struct SignalOutputTests {
  @Test("SIGTERM while an output waits for its reader removes the other outputs' temporary files")
  func termRemovesTemporaryFiles() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let fifo = directory.appendingPathComponent("report.fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let baseline = directory.appendingPathComponent("baseline.json").path
    let process = Process()
    process.executableURL = BinaryTests.executable
    // The FIFO is written first, and opening it waits for a reader that never comes: the
    // baseline's temporary file is written by then, waiting to be renamed.
    process.arguments = ["trend", CIFormatTests.leaky, "--no-config", "--format", "json", "--output", fifo, "--write-baseline", baseline]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    func temporaries() -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasPrefix(".baseline.json.") }
    }
    while temporaries().isEmpty, Date() < deadline, process.isRunning { Thread.sleep(forTimeInterval: 0.02) }
    #expect(temporaries().count == 1, "no temporary file appeared")
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
    #expect(temporaries().isEmpty, "left \(temporaries())")
    #expect(!FileManager.default.fileExists(atPath: baseline))
  }
}
