public import Foundation
public import PprofCore

/// Paths of the committed fixtures and goldens (see Fixtures/README.md).
public enum Fixture {
  /// The repository: three levels above Tests/TestSupport/Fixture.swift.
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  public static let fixtures = root.appendingPathComponent("Fixtures")
  public static let profiles = fixtures.appendingPathComponent("profiles")
  public static let golden = fixtures.appendingPathComponent("golden")
  public static let malformed = fixtures.appendingPathComponent("malformed")
  public static let fuzzFailures = fixtures.appendingPathComponent("fuzz-failures")

  public static func path(_ relative: String) -> String {
    fixtures.appendingPathComponent(relative).path
  }

  /// Every binary profile fixture, relative to Fixtures/profiles (e.g. "leaky/heap-01.pb.gz").
  public static let binaryProfiles: [String] = {
    let enumerator = FileManager.default.enumerator(atPath: profiles.path)
    var found: [String] = []
    while let item = enumerator?.nextObject() as? String {
      if item.hasSuffix(".pb.gz") || item.hasSuffix(".pb") { found.append(item) }
    }
    return found.sorted()
  }()

  /// The golden stem pprof-leak's regen script uses: "leaky/heap-01.pb.gz" → "leaky-heap-01".
  public static func stem(_ relative: String) -> String {
    var name = relative.replacingOccurrences(of: "/", with: "-")
    if name.hasSuffix(".pb.gz") { name.removeLast(6) }
    return name
  }

  public static func load(_ relative: String) throws -> Profile {
    try ProfileLoader().load(path: profiles.appendingPathComponent(relative).path)
  }

  public static func bytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  public static func text(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
  }

  /// Golden files under Fixtures/golden/<kind>/.
  public static func goldens(_ kind: String) -> [String] {
    let directory = golden.appendingPathComponent(kind)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted()
  }

  /// Drops the lines pprof prints that depend on paths and time zones.
  public static func withoutVolatileLines(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("File:") && !$0.hasPrefix("Build ID:") && !$0.hasPrefix("Time:") }
      .joined(separator: "\n")
  }

  /// True for fixtures written by the Go of `apt-get install golang-go` (1.19), false for those
  /// of the Go 1.21–1.27 toolchains (`go1.27/`, `matrix/`), whose goldens come from their own
  /// pprof.
  public static func isFromSystemGo(_ fixture: String) -> Bool {
    !fixture.hasPrefix("go1.27/") && !fixture.hasPrefix("matrix/")
  }

  /// The binary fixtures that have a `go tool pprof -raw` golden.
  public static let rawCases: [String] = binaryProfiles.filter {
    FileManager.default.fileExists(atPath: golden.appendingPathComponent("raw/\(stem($0)).txt").path)
  }
}

/// A marker that is not in the fixture program a test looked in.
public struct MissingMarker: Error, CustomStringConvertible {
  public var marker: String
  public var path: String
  public var description: String { "no \(marker) in \(path)" }
}

/// The line of `marker` in a fixture program, 1-based (how tests find where a leak is).
public func line(of marker: String, in relativePath: String) throws -> Int64 {
  let text = try Fixture.text(Fixture.fixtures.appendingPathComponent(relativePath))
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  guard let index = lines.firstIndex(where: { $0.contains(marker) }) else {
    throw MissingMarker(marker: marker, path: relativePath)
  }
  return Int64(index + 1)
}
