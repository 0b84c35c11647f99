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

/// `pprof-leak collect URL`: snapshots of a live service's /debug/pprof/ over time.
struct Collect: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "collect",
    abstract: "Take snapshots of a running Go service's /debug/pprof/ over time.",
    discussion: """
      Each round fetches heap?gc=1 and goroutine (gzip protobuf), and with --text also \
      goroutine?debug=2, checks each is a profile, and writes it atomically into --out with a \
      timestamped name (heap-20261203T074501.250Z.pb.gz). A failed request (refused, timed out, \
      an HTTP error, a body that is not a profile) is retried with backoff, then reported; the \
      run goes on, and fails (exit 2) only when nothing was written (every round failed, or \
      Ctrl-C came first). Ctrl-C stops between two \
      writes and keeps what was written. With --analyze, `trend` runs on the snapshots at the \
      end and gives the exit status; the trend options apply to it.

      A bearer token is read from the environment variable named by --token-env \
      (PPROF_LEAK_TOKEN by default), never from the command line.

      Examples:
        pprof-leak collect http://localhost:6060 --every 30s --count 10 --out snapshots/
        pprof-leak collect http://svc:6060 --every 10s --count 12 --analyze --fail-on leak
        PPROF_LEAK_TOKEN=… pprof-leak collect https://svc.internal/debug/pprof/ --text
      """)

  @OptionGroup var source: CollectOptions

  @Option(
    help: ArgumentHelp("Time from one round's start to the next (default 30s).", valueName: "duration"),
    transform: parseSeconds)
  var every: Double = 30

  @Option(help: "Rounds to take (default 10).")
  var count: Int = 10

  @Option(
    help: ArgumentHelp(
      "Directory for the snapshots, created when missing (default snapshots-<time> in the "
        + "working directory).",
      valueName: "dir"))
  var out: String?

  @Flag(help: "At the end, run trend on the snapshots taken and exit with its status.")
  var analyze = false

  @OptionGroup var analysis: TrendAnalysisOptions

  func validate() throws {
    guard count >= 1 else { throw ValidationError("--count must be 1 or more") }
  }

  func run() throws {
    let directory = out ?? "snapshots-" + Collector.fileName(.heap, at: Date())
      .dropFirst("heap-".count).prefix { $0 != "." }
    try CollectOptions.prepare(directory)
    Interrupt.install()
    let summary = try source.collect(
      every: every, count: count,
      directory: directory, liveProgress: isatty(STDERR_FILENO) != 0)
    var standardError = StandardError()
    let files = "\(summary.files.count) file\(summary.files.count == 1 ? "" : "s")"
    if summary.interrupted {
      print(
        "pprof-leak: stopped after \(summary.roundsDescription); "
          + "the \(files) written are kept in \(directory)", to: &standardError)
    } else {
      print(
        "pprof-leak: \(summary.roundsDescription), \(files) in \(directory)"
          + (analyze ? "" : "; next: pprof-leak trend \(directory)"),
        to: &standardError)
    }
    guard analyze, !summary.files.isEmpty else { return }
    try analysis.analyze(summary.files, recursive: false)
  }
}
