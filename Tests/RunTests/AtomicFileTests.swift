import Foundation
import Testing
import TestSupport
@testable import PprofCore

#if canImport(Glibc)
  import Glibc
#endif

/// Atomic output keeps what it replaces as it was: the file's mode, a symbolic link; never two
/// outputs on one file; no directory left behind by a failed write.
@Suite("Atomic output: modes, links, one file per output, leftovers")
struct AtomicFileTests {
  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func mode(_ path: String) -> mode_t {
    var status = stat()
    _ = stat(path, &status)
    return status.st_mode & 0o7777
  }

  @Test("a file replaced keeps its mode; a new one gets the umask's")
  func keepsMode() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("report.json").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: report))
    chmod(report, 0o600)
    try AtomicFile.write("new", to: report)
    #expect(Self.mode(report) == 0o600)
    #expect(try String(contentsOfFile: report, encoding: .utf8) == "new")
    let fresh = directory.appendingPathComponent("fresh.json").path
    try AtomicFile.write("x", to: fresh)
    let mask = umask(0)
    umask(mask)
    #expect(Self.mode(fresh) == 0o666 & ~mask)
  }

  @Test("a link is written through to a writable file; a dangling or looping one is not replaced")
  func links() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let target = directory.appendingPathComponent("target.txt").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: target))
    let link = directory.appendingPathComponent("link.txt").path
    symlink(target, link)
    try AtomicFile.write("new", to: link)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    let dangling = directory.appendingPathComponent("dangling.txt").path
    symlink(directory.appendingPathComponent("missing/nothing.txt").path, dangling)
    let loop = directory.appendingPathComponent("loop.txt").path
    symlink(loop, loop)
    for path in [dangling, loop] {
      let error = #expect(throws: WriteError.self) { try AtomicFile.write("x", to: path) }
      #expect(error?.reason.contains("symbolic link whose target does not exist or loops") == true)
      #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil, "\(path) was replaced")
    }
  }

  @Test("two outputs on one file (also through a link) are refused, and nothing is written")
  func oneFilePerOutput() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("report.json").path
    let link = directory.appendingPathComponent("baseline.json").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: report))
    symlink(report, link)
    let error = #expect(throws: WriteError.self) {
      try AtomicFile.write([(Array("a".utf8), report), (Array("b".utf8), link)])
    }
    #expect(error?.reason.contains("the same file as \(report)") == true)
    #expect(try String(contentsOfFile: report, encoding: .utf8) == "old")
  }

  @Test("a directory made for files that could not be written is removed")
  func noLeftoverDirectory() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let made = directory.appendingPathComponent("profiles").path
    let emission = ReportOutput.Emission(
      files: [(Array("a".utf8), made + "/01.pb.gz"), (Array("b".utf8), directory.path + "/missing/02.pb.gz")],
      standardOutput: "", directory: made)
    #expect(throws: RunError.self) { try emission.writeFiles() }
    #expect(!FileManager.default.fileExists(atPath: made))
  }
}
