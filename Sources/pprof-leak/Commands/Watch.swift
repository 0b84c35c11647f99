import ArgumentParser
import Foundation
import PprofCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `pprof-leak watch URL`: collect, and redraw the trend after every round.
struct Watch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Watch a running Go service: snapshots every interval, the ranked findings redrawn.",
    discussion: """
      Takes snapshots as `collect` does and, after each round, runs `trend` on those this run \
      has taken (older files in --out are not read) and shows the report: redrawn in place on a \
      terminal (the alternate screen, left on Ctrl-C with the last report printed), appended \
      with a header line when standard output is not a terminal, or with --format json one \
      report per line and nothing else (JSON Lines). Snapshots stay in --out (by default a new \
      temporary directory, named at the start). The exit status is that of the last report.

      Examples:
        pprof-leak watch http://localhost:6060
        pprof-leak watch http://localhost:6060 --every 5s --text --out snapshots/
      """)

  @OptionGroup var source: CollectOptions

  @Option(
    help: ArgumentHelp("Time from one round's start to the next (default 10s).", valueName: "duration"),
    transform: parseSeconds)
  var every: Double = 10

  @Option(help: "Stop after this many rounds (default: until Ctrl-C).")
  var count: Int?

  @Option(
    help: ArgumentHelp(
      "Directory for the snapshots (default: a new temporary directory).", valueName: "dir"))
  var out: String?

  @OptionGroup var analysis: TrendAnalysisOptions

  func validate() throws {
    if let count, count < 1 { throw ValidationError("--count must be 1 or more") }
    guard analysis.report.output == nil, analysis.report.writeBaseline == nil,
      analysis.report.writeProfile == nil, analysis.report.writeProfileDir == nil,
      analysis.report.format == .text || analysis.report.format == .json
    else {
      throw ValidationError(
        "watch shows text or json; for files, profiles and CI formats use collect --analyze")
    }
  }

  func run() throws {
    let directory: String
    if let out {
      directory = out
    } else {
      let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("pprof-leak-watch-\(getpid())-\(Int(Date().timeIntervalSince1970))")
      directory = url.path
    }
    try CollectOptions.prepare(directory)
    let settings = try analysis.settings()
    let screen = isatty(STDOUT_FILENO) != 0
    Interrupt.install()
    var last: TrendReport?
    var lastError: String?
    var standardError = StandardError()
    if screen { AlternateScreen.enter() }
    defer { AlternateScreen.leave() }
    _ = try source.collect(
      every: every, count: count,
      directory: directory, liveProgress: false, roundLines: !screen
    ) { round, files in
      let header =
        "pprof-leak watch \(source.url)  round \(round)\(count.map { "/\($0)" } ?? "")  "
        + "snapshots in \(directory)  (Ctrl-C to stop)"
      let body: String
      do {
        // Only this run's snapshots, as collect --analyze: older ones in --out are another run's.
        guard !files.isEmpty else { throw CommandFailure("no snapshot written yet") }
        let report = try analysis.makeReport(files, recursive: false, settings: settings, quiet: true)
        last = report
        lastError = nil
        body = rendered(report, settings: settings, singleLine: !screen)
      } catch {
        lastError = "\(error)"
        // Piped, standard output holds reports only (and nothing at all when the run fails).
        if !screen {
          print("pprof-leak: round \(round): no report yet: \(error)", to: &standardError)
          return
        }
        body = "no report yet: \(error)\n"
      }
      if screen {
        writeOutput("\u{1B}[H\u{1B}[2J" + header + "\n\n" + body)
      } else if analysis.report.format == .json {
        // A JSON Lines stream: the round is on standard error already.
        writeOutput(body)
      } else {
        writeOutput("== " + header + "\n" + body + "\n")
      }
    }
    if screen {
      // Leave the alternate screen with the last report on the normal one.
      AlternateScreen.leave()
      if let last {
        writeOutput(rendered(last, settings: settings, singleLine: false))
      }
    }
    print("pprof-leak: snapshots kept in \(directory)", to: &standardError)
    if let lastError, last == nil { throw CommandFailure(lastError) }
    if let last { try FailOnOption.check(last.findings, settings: settings) }
  }

  /// A round's report in the chosen format (JSON on one line for a piped JSON Lines stream).
  private func rendered(_ report: TrendReport, settings: AnalysisSettings, singleLine: Bool) -> String {
    guard analysis.report.format == .json else { return analysis.textReport(report, settings: settings) }
    return (try? JSONRenderer.render(.trend(report), failOn: settings.failingSeverity, singleLine: singleLine)) ?? ""
  }
}
