import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofReport

/// The runs of `top`, `diff` and `trend`, and the precedence of their options, in-process: the
/// executable only turns flags into these and their results into bytes and a status.
@Suite("Pipeline: settings, TopRun, DiffRun, TrendRun, ReportOutput")
struct PipelineTests {
  static let leaky = Fixture.profiles.appendingPathComponent("leaky").path
  static let dumps = Fixture.profiles.appendingPathComponent("dumps").path

  static func config(_ yaml: String) throws -> ConfigFile {
    try ConfigFile(yaml: yaml, path: "/project/.pprof-leak.yaml")
  }

  @Test("the command line wins over the config file, the config file over the default")
  func precedence() throws {
    var settings = AnalysisSettings()
    #expect(settings.thresholds == Thresholds())
    #expect(settings.failingSeverity == .leak)
    settings.config = try Self.config(
      "fail-on: suspect\nmin-goroutines: 20\nmin-heap: 2M\nmin-blocked: 1h\nsource-root: src\nignore-top: main\\.a\n")
    #expect(settings.thresholds.minGoroutines == 20)
    #expect(settings.thresholds.minHeapBytes == 2 << 20)
    #expect(settings.thresholds.minBlockedMinutes == 60)
    #expect(settings.failingSeverity == .suspect)
    settings.minGoroutines = 5
    settings.failOn = .never
    settings.sourceRoots = ["/checkout"]
    settings.ignoreTop = ["main\\.b"]
    #expect(settings.thresholds.minGoroutines == 5)
    #expect(settings.thresholds.minHeapBytes == 2 << 20)
    #expect(settings.failingSeverity == nil)
    // Lists add up: the command line's first.
    #expect(settings.allSourceRoots == ["/checkout", "/project/src"])
    #expect(try settings.policy().suppressions.rules.map(\.pattern) == ["main\\.a", "main\\.b"])
  }

  @Test("trend reads a directory in order and finds the blocked send, telling each file read")
  func trend() throws {
    var reads: [Int] = []
    let report = try TrendRun(paths: [Self.leaky], settings: AnalysisSettings()).run { event in
      if case .reading(let index, let total, _) = event {
        reads.append(index)
        #expect(total == 32)  // 8 binary goroutine, 8 heap, 16 goroutine text dumps
      }
    }
    #expect(reads == Array(0..<32))
    let first = try #require(report.findings.first)
    #expect(first.severity == .leak)
    #expect(first.pattern == .blockedSend)
    #expect(first.responsible?.function == "main.longRunningTask")
    #expect(first.trend != nil)
  }

  @Test("trend's errors are typed and name what is wrong")
  func trendErrors() throws {
    #expect(throws: RunError.self) { try TrendRun(paths: ["/no/such/dir"], settings: AnalysisSettings()).run() }
    do {
      _ = try TrendRun(paths: ["/no/such/dir"], settings: AnalysisSettings()).run()
    } catch {
      #expect(error.description == "/no/such/dir: no such file or directory")
    }
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-leak-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try Data("not a profile".utf8).write(to: empty.appendingPathComponent("notes.bin"))
    defer { try? FileManager.default.removeItem(at: empty) }
    do {
      _ = try TrendRun(paths: [empty.path], settings: AnalysisSettings()).run()
      Issue.record("a directory without profiles gave a report")
    } catch {
      guard case .noProfiles(_, let skipped) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(skipped == 1)
    }
  }

  @Test("diff compares the ends of the series; a log of several dumps reads the last, with a note")
  func diff() throws {
    let report = try DiffRun(
      base: Self.leaky + "/goroutine-01.pb.gz", new: Self.leaky + "/goroutine-08.pb.gz",
      settings: AnalysisSettings()
    ).run()
    #expect(report.findings.first?.pattern == .blockedSend)
    #expect(report.findings.first?.values == [25, 200])
    var notes: [String] = []
    _ = try DiffRun(
      base: Self.dumps + "/sigquit.txt", new: Self.dumps + "/concatenated.log", settings: AnalysisSettings()
    ).run { event in
      if case .diagnostic(let diagnostic) = event { notes.append(diagnostic.description) }
    }
    #expect(notes.contains { $0.hasPrefix("note: ") && $0.contains("concatenated.log holds") && $0.contains("diff reads the last") })
  }

  @Test("top of a debug=1 dump says it can show nothing stuck; of a traceback, what is")
  func top() throws {
    var notes: [Diagnostic] = []
    let debug1 = try TopRun(file: Self.leaky + "/goroutine-08.debug1.txt", settings: AnalysisSettings()).run {
      if case .diagnostic(let diagnostic) = $0 { notes.append(diagnostic) }
    }
    #expect(debug1.blocked == nil)
    #expect(notes.count == 1 && notes[0].level == .note && notes[0].message.contains("is a debug=1 dump"))
    var settings = AnalysisSettings()
    settings.minBlockedMinutes = 1
    let traceback = try TopRun(file: Self.dumps + "/sigquit.txt", settings: settings).run()
    #expect(traceback.blocked?.entries.isEmpty == false)
  }

  @Test("the chosen format goes to --output and the text report to standard output")
  func output() throws {
    let report = try DiffRun(
      base: Self.leaky + "/goroutine-01.pb.gz", new: Self.leaky + "/goroutine-08.pb.gz",
      settings: AnalysisSettings()
    ).run()
    var output = ReportOutput(toolVersion: "test")
    output.format = .json
    output.output = "/tmp/report.json"
    output.writeBaseline = "/tmp/baseline.json"
    let emission = try output.emission(.diff(report), settings: AnalysisSettings())
    #expect(emission.standardOutput.hasPrefix("pprof-leak diff: goroutine profiles"))
    #expect(emission.files.map(\.path) == ["/tmp/report.json", "/tmp/baseline.json"])
    #expect(emission.files[0].bytes == emission.files[1].bytes)
    #expect(String(decoding: emission.files[0].bytes, as: UTF8.self).contains("\"schema\" : \"pprof-leak/diff\""))
  }
}
