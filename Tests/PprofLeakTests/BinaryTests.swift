import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `pprof-leak` binary as a user would, for what exit tests cannot reach
/// (standard input).
@Suite("pprof-leak binary")
struct BinaryTests {
  /// The executable sits next to the test bundle in SwiftPM's build directory.
  static let executable: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("pprof-leak")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: "pprof-leak")
  }()

  static func run(_ arguments: [String], stdin: Data) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(stdin)
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
  }

  @Test("- reads the profile from standard input")
  func standardInput() throws {
    let profile = try Data(contentsOf: URL(fileURLWithPath: ExitStatusTests.fixture("profiles/leaky/goroutine-08.pb.gz")))
    let result = try Self.run(["top", "-"], stdin: profile)
    #expect(result.status == 0)
    #expect(result.out.contains("main.longRunningTask"))
  }

  @Test("garbage on standard input is named <stdin> and exits 2")
  func standardInputGarbage() throws {
    let binary = try Self.run(["top", "-"], stdin: Data([0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]))
    #expect(binary.status == 2)
    #expect(binary.err.hasPrefix("pprof-leak: error: <stdin>: byte "))
    #expect(binary.out.isEmpty)
    let text = try Self.run(["top", "-"], stdin: Data("hello\n".utf8))
    #expect(text.status == 2)
    #expect(text.err.hasPrefix("pprof-leak: error: <stdin>: line 1: not a goroutine dump"))
    #expect(text.out.isEmpty)
  }

  @Test("trend skips a pipe in a directory instead of blocking on it")
  func pipeInDirectory() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("pprof-leak-fifo-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for index in 1...2 {
      try FileManager.default.copyItem(
        atPath: ExitStatusTests.fixture("profiles/leaky/goroutine-0\(index).pb.gz"),
        toPath: directory.appendingPathComponent("g-\(index).pb.gz").path)
    }
    #expect(mkfifo(directory.appendingPathComponent("pipe").path, 0o600) == 0)
    let result = try Self.run(["trend", "--color", "never", directory.path], stdin: Data())
    #expect(result.status == 0)
    #expect(result.out.contains("skipped 1 file (pipe): not a regular file"))
  }

  @Test("--recursive does not follow a link back to a parent directory")
  func linkLoop() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("pprof-leak-loop-\(getpid())")
    let sub = directory.appendingPathComponent("sub")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.copyItem(
      atPath: ExitStatusTests.fixture("profiles/leaky/goroutine-01.pb.gz"),
      toPath: sub.appendingPathComponent("g.pb.gz").path)
    try FileManager.default.createSymbolicLink(
      at: sub.appendingPathComponent("loop"), withDestinationURL: directory)
    let result = try Self.run(["trend", "--recursive", "--color", "never", directory.path], stdin: Data())
    #expect(result.status == 0)
    #expect(result.out.contains("1 profile in 1 series"))
  }
}
