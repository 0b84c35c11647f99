public import Foundation

/// `Tests/Servers/hostile.py` on a loopback port: a service that redirects elsewhere, never
/// stops sending, gzip-bombs, floods headers and echoes credentials. Python 3 is on every
/// machine that runs the tests (`.ci/run` uses it for the SARIF schema check).
public final class HostileServer: @unchecked Sendable {
  public let process = Process()
  private let input = Pipe()
  /// `http://127.0.0.1:PORT`; a mode is the first path segment.
  public let url: String
  /// Where the "other host" records each request's headers, one JSON object a line.
  public let record: URL

  public init() throws {
    let root = Fixture.root
    record = FileManager.default.temporaryDirectory
      .appendingPathComponent("pprof-leak-hostile-\(UUID().uuidString).jsonl")
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", root.appendingPathComponent("Tests/Servers/hostile.py").path,
      root.appendingPathComponent("Fixtures/profiles/leaky/goroutine-08.pb.gz").path, record.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    // The server exits when this pipe closes, as it does when the test process dies.
    process.standardInput = input
    try process.run()
    var line = Data()
    while !line.contains(0x0A) {
      let chunk = output.fileHandleForReading.availableData
      guard !chunk.isEmpty else { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    url = String(text.dropFirst("listening on ".count))
  }

  /// The requests the other host received.
  public var recorded: [String] {
    ((try? String(contentsOf: record, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
  }

  public func stop() {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: record)
  }
}
