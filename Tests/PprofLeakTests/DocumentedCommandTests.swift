import ArgumentParser
import Foundation
import Testing
import Yams
import PprofCore
@testable import pprof_leak

/// The commands the README and the man page show, and the CI jobs users paste from the README,
/// are ones this build accepts: an option renamed or removed fails here, not in a user's
/// pipeline.
@Suite("Documented commands")
struct DocumentedCommandTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func text(_ relative: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
  }

  /// The README's fenced code blocks: (language, body).
  static func codeBlocks() throws -> [(language: String, body: String)] {
    var blocks: [(String, String)] = []
    var language: String?
    var body: [Substring] = []
    for line in try text("README.md").split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("```") else {
        if language != nil { body.append(line) }
        continue
      }
      if let open = language {
        blocks.append((open, body.joined(separator: "\n")))
        language = nil
        body = []
      } else {
        language = String(line.dropFirst(3))
      }
    }
    return blocks
  }

  /// The man page's example lines (`.Dl` and literal displays), with its escapes undone and
  /// continued lines joined.
  static func manualExamples() throws -> [String] {
    var lines: [String] = []
    var literal = false
    for line in try text("man/pprof-leak.1").split(separator: "\n") {
      if line.hasPrefix(".Bd -literal") { literal = true; continue }
      if line.hasPrefix(".Ed") { literal = false; continue }
      if line.hasPrefix(".Dl ") {
        lines.append(String(line.dropFirst(4)))
      } else if literal {
        lines.append(String(line))
      }
    }
    let text = lines.joined(separator: "\n")
      .replacingOccurrences(of: "\\e\n", with: " ")
      .replacingOccurrences(of: "\\e", with: "\\")
      .replacingOccurrences(of: "\\(dq", with: "\"")
      .replacingOccurrences(of: "\\ ", with: " ")
    return text.split(separator: "\n").map(String.init)
  }

  /// The arguments of each `pprof-leak SUBCOMMAND …` invocation on `line`, up to the first
  /// shell operator or comment; output lines ("pprof-leak trend: 1 leak") are not invocations.
  static func invocations(in line: String) -> [[String]] {
    let subcommands = Set(PprofLeak.configuration.subcommands.compactMap { $0.configuration.commandName })
    var words = shellWords(line)
    var found: [[String]] = []
    while let start = words.firstIndex(of: "pprof-leak") {
      words.removeSubrange(...start)
      guard let first = words.first, subcommands.contains(first) else { continue }
      let end = words.firstIndex { ["|", "||", "&&", ">", ">>", "2>&1", "&", ";", "#"].contains($0) } ?? words.endIndex
      found.append(Array(words[..<end]))
    }
    return found
  }

  /// `line` split as a shell would split simple words: blanks outside quotes separate, quotes
  /// are removed.
  static func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quote: Character?
    var inWord = false
    for character in line {
      if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
      } else if character == "'" || character == "\"" {
        quote = character
        inWord = true
      } else if character == " " || character == "\t" {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }

  @Test("every pprof-leak command in the README and the man page's examples parses")
  func commandsParse() throws {
    var lines = try Self.codeBlocks().flatMap { $0.body.split(separator: "\n").map(String.init) }
    lines += try Self.manualExamples()
    let invocations = lines.flatMap(Self.invocations)
    #expect(invocations.count >= 40)
    for arguments in invocations {
      #expect(throws: Never.self, "pprof-leak \(arguments.joined(separator: " "))") {
        _ = try PprofLeak.parseAsRoot(arguments)
      }
    }
    // The check can fail: an option that does not exist does not parse.
    #expect(throws: (any Error).self) { _ = try PprofLeak.parseAsRoot(["trend", "--no-such-option", "x"]) }
  }

  @Test("action.yml is a composite action whose steps run the committed scripts with the inputs it declares")
  func action() throws {
    let text = try Self.text("action.yml")
    let action = try #require(try Yams.load(yaml: text) as? [String: Any])
    #expect(action["name"] as? String == "pprof-leak")
    #expect((action["description"] as? String)?.isEmpty == false)
    let inputs = try #require(action["inputs"] as? [String: [String: Any]])
    for name in ["paths", "fail-on", "baseline", "reports", "upload-sarif", "version", "archive"] {
      #expect(inputs[name]?["description"] != nil, "input \(name)")
    }
    // Every input the steps use is declared.
    for match in text.matches(of: /inputs\.([a-z-]+)/) {
      #expect(inputs[String(match.1)] != nil, "inputs.\(match.1) is not declared")
    }
    let runs = try #require(action["runs"] as? [String: Any])
    #expect(runs["using"] as? String == "composite")
    let steps = try #require(runs["steps"] as? [[String: Any]])
    for step in steps where step["run"] != nil {
      #expect(step["shell"] as? String == "bash", "\(step["name"] ?? "")")
    }
    for script in ["action/install.sh", "action/run.sh"] {
      #expect(text.contains("$GITHUB_ACTION_PATH/\(script)"))
      #expect(FileManager.default.isExecutableFile(atPath: Self.root.appendingPathComponent(script).path), "\(script)")
    }
    #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true })
  }

  @Test("the README's CI jobs are valid YAML with the steps they are described with; its config file loads")
  func ciJobs() throws {
    let yaml = try Self.codeBlocks().filter { $0.language == "yaml" }.map(\.body)
    #expect(yaml.count == 3)
    let config = try #require(yaml.first { $0.hasPrefix("# .pprof-leak.yaml") })
    let loaded = try ConfigFile(yaml: config, path: ".pprof-leak.yaml")
    #expect(loaded.baseline?.hasSuffix("/ci/pprof-leak-baseline.json") == true)
    let documents = try yaml.filter { $0 != config }.map { try #require(try Yams.load(yaml: $0) as? [String: Any]) }
    let github = try #require(documents.first { $0["jobs"] != nil })
    let steps = try #require(((github["jobs"] as? [String: Any])?["leaks"] as? [String: Any])?["steps"] as? [[String: Any]])
    let uses = steps.compactMap { $0["uses"] as? String }
    #expect(uses.contains { $0.hasPrefix("mikepenz/action-junit-report@") })
    // The gate is this repository's Action, with every report and the SARIF upload.
    let gate = try #require(steps.first { ($0["uses"] as? String)?.contains("/pprof-leak@") == true })
    let with = try #require(gate["with"] as? [String: Any])
    #expect(with["reports"] as? String == "summary,annotations,sarif,junit")
    #expect(with["upload-sarif"] as? Bool == true)
    let action = try #require(try Yams.load(yaml: Self.text("action.yml")) as? [String: Any])
    let inputs = try #require(action["inputs"] as? [String: Any])
    for key in with.keys { #expect(inputs[key] != nil, "the README gives the Action an input it has not: \(key)") }
    #expect(action["outputs"] != nil)
    let gitlab = try #require(documents.first { $0["leaks"] != nil }?["leaks"] as? [String: Any])
    let reports = (gitlab["artifacts"] as? [String: Any])?["reports"] as? [String: Any]
    #expect(reports?["junit"] as? String == "pprof-leak.xml")
  }
}
