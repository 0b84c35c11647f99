import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
import PprofCore

/// The same leaks written by Go 1.21, 1.23, 1.25 and 1.27 (Fixtures/profiles/matrix, made by
/// Fixtures/gen/matrix.sh): every form of every version puts each at its pattern and line, across
/// the runtime's renames (`sync.Mutex.Lock` wait reasons from 1.20, `internal/sync` frames from
/// 1.24). `top`'s numbers on them are checked against each version's own pprof by TopReport's
/// golden tests.
@Suite("Version matrix: Go 1.21–1.27")
struct VersionMatrixTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var version: String
    var scenario: String
    var testDescription: String { "go\(version) \(scenario)" }
  }

  static let cases = ["1.21", "1.23", "1.25", "1.27"].flatMap { version in
    ["blocked-send", "sync-mutex"].map { Case(version: version, scenario: $0) }
  }

  /// The pattern, function and marker of each scenario.
  static func expected(_ scenario: String) throws -> (LeakPattern, String, Int64) {
    let file = "gen/scenarios/main.go"
    return scenario == "blocked-send"
      ? (.blockedSend, "main.sendResult", try line(of: "leak-site: blocked-send", in: file))
      : (.syncWait, "main.lockAccount", try line(of: "leak-site: sync-mutex", in: file))
  }

  @Test("binary, debug=1 and debug=2 put the leak at its pattern and line", arguments: cases)
  func classified(_ testCase: Case) throws {
    let (pattern, function, line) = try Self.expected(testCase.scenario)
    let directory = "matrix/go\(testCase.version)/\(testCase.scenario)/"
    let sources = SourceResolver(roots: [Fixture.root.path])
    // The binary profile: the stacks through the function, leaf first.
    let profile = try Fixture.load(directory + "new.goroutine.pb.gz")
    var table = StackTable()
    let stacks = Set(table.add(profile)).map { table.resolve($0) }.filter { $0.contains { $0.function == function } }
    #expect(!stacks.isEmpty)
    for stack in stacks {
      let key = FindingKey.classify(stack, waitReason: nil, isGoroutine: true, sources: nil).key
      #expect(key.pattern == pattern, "\(stack.map(\.function))")
      #expect(key.responsible?.function == function && key.responsible?.line == line)
    }
    if testCase.scenario == "sync-mutex", testCase.version >= "1.25" {
      #expect(stacks.allSatisfy { $0.contains { $0.function == "internal/sync.(*Mutex).lockSlow" } })
    }
    // The text forms: debug=2 by its wait reason, debug=1 from the source line.
    for form in ["new.goroutine.debug2.txt", "new.goroutine.debug1.txt"] {
      let dumps = try GoroutineDump.parseAll(Fixture.bytes(Fixture.profiles.appendingPathComponent(directory + form).path))
      let dump = try #require(dumps.first)
      #expect(dumps.count == 1 && dump.warnings.isEmpty, "\(form): \(dump.warnings)")
      let keys = WaitEvidence.index(dump, path: form, sources: sources).keys
      #expect(
        keys.contains { $0.pattern == pattern && $0.responsible?.function == function && $0.responsible?.line == line },
        "\(form): \(keys.map { "\($0.pattern) \($0.responsible?.function ?? "-")" })")
    }
  }
}
