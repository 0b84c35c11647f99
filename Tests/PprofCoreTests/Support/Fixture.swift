import Foundation
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// Paths of the committed fixtures and goldens (see Fixtures/README.md).
enum Fixture {
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = root.appendingPathComponent("Fixtures")
  static let profiles = fixtures.appendingPathComponent("profiles")
  static let golden = fixtures.appendingPathComponent("golden")
  static let malformed = fixtures.appendingPathComponent("malformed")
  static let fuzzFailures = fixtures.appendingPathComponent("fuzz-failures")

  static func path(_ relative: String) -> String {
    fixtures.appendingPathComponent(relative).path
  }

  /// Every binary profile fixture, relative to Fixtures/profiles (e.g. "leaky/heap-01.pb.gz").
  static let binaryProfiles: [String] = {
    let enumerator = FileManager.default.enumerator(atPath: profiles.path)
    var found: [String] = []
    while let item = enumerator?.nextObject() as? String {
      if item.hasSuffix(".pb.gz") || item.hasSuffix(".pb") { found.append(item) }
    }
    return found.sorted()
  }()

  /// The golden stem pprof-leak's regen script uses: "leaky/heap-01.pb.gz" → "leaky-heap-01".
  static func stem(_ relative: String) -> String {
    var name = relative.replacingOccurrences(of: "/", with: "-")
    if name.hasSuffix(".pb.gz") { name.removeLast(6) }
    return name
  }

  static func load(_ relative: String) throws -> Profile {
    try ProfileLoader().load(path: profiles.appendingPathComponent(relative).path)
  }

  static func bytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func text(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
  }

  /// Golden files under Fixtures/golden/<kind>/.
  static func goldens(_ kind: String) -> [String] {
    let directory = golden.appendingPathComponent(kind)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted()
  }

  /// Drops the lines pprof prints that depend on paths and time zones.
  static func withoutVolatileLines(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("File:") && !$0.hasPrefix("Build ID:") && !$0.hasPrefix("Time:") }
      .joined(separator: "\n")
  }
}
