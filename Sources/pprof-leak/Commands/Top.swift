import ArgumentParser
import PprofCore

/// `pprof-leak top FILE`: the functions with the most of one sample type, as `go tool pprof -top`.
struct Top: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "top",
    abstract: "List the functions holding the most of one sample type (like go tool pprof -top).",
    discussion: """
      Prints flat, flat%, sum%, cum and cum% per function with the same numbers, trimming and \
      order as `go tool pprof -top` on the same file. Functions whose cumulative value is under \
      0.5% of the total are dropped, as pprof does.

      A goroutine text dump (debug=1 or debug=2, or a panic or SIGQUIT traceback) reads as a \
      goroutine profile, and its goroutines blocked for --min-blocked or longer are \
      listed under the table with their wait reason, place and creator.

      Examples:
        pprof-leak top heap.pb.gz
        pprof-leak top --sample-index alloc_space --nodecount 10 heap.pb.gz
        curl -s localhost:6060/debug/pprof/goroutine | pprof-leak top -
        pprof-leak top goroutines-debug2.txt
      """)

  @Argument(
    help: "A profile file (gzip or plain profile.proto, or a goroutine text dump), or - for standard input.")
  var file: String

  @Option(
    name: .customLong("sample-index"),
    help: ArgumentHelp(
      "The sample type to show, by name (inuse_space, alloc_objects, …) or index. "
        + "Default: the profile's default type, else its last (inuse_space for heap profiles).",
      valueName: "name|n"))
  var sampleIndex: String?

  @Option(name: .customLong("nodecount"), help: "Show at most this many functions (0: all).")
  var nodeCount: Int = 0

  @Flag(name: .customLong("cum"), help: "Sort by cumulative value instead of flat.")
  var sortByCum = false

  @Option(
    help: "Output format: text (pprof's layout) or json.",
    completion: .list(OutputFormat.allCases.map(\.rawValue)),
    transform: OutputFormat.topFormat)
  var format: OutputFormat = .text

  @OptionGroup var goroutines: GoroutineThresholdOptions
  @OptionGroup var display: DisplayOptions
  @OptionGroup var input: InputOptions
  @OptionGroup var configFile: ConfigOptions

  func validate() throws {
    guard nodeCount >= 0 else { throw ValidationError("--nodecount must be 0 or more") }
  }

  func run() throws {
    let config = try configFile.load()
    let snapshot = try input.loadLast(file, command: "top")
    let profile = snapshot.profile
    let options = TopReport.Options(
      sampleIndex: sampleIndex, nodeCount: nodeCount, sortByCum: sortByCum)
    let report: TopReport
    do {
      report = try TopReport(profile: profile, options: options)
    } catch {
      throw CommandFailure("\(displayName(file)): \(error)")
    }
    // A traceback says what each goroutine waits on and for how long: enough to rate
    // goroutines stuck in a leak pattern from this one snapshot.
    // The config file lends its thresholds and source roots; the command line wins.
    let blocked = snapshot.source == .traceback ? snapshot.dump.map {
      BlockedReport(
        dump: $0, path: displayName(file), thresholds: goroutines.leakThresholds(config),
        sources: input.sources(config))
    } : nil
    if snapshot.source == .debug1 {
      // Nothing in it can show a goroutine stuck (--source-root included): say what would.
      var standardError = StandardError()
      print(
        "pprof-leak: note: \(displayName(file)) is a debug=1 dump, which records neither what "
          + "goroutines wait on nor for how long: a debug=2 dump (?debug=2) shows what is stuck, "
          + "and trend over several dumps what grows",
        to: &standardError)
    }
    switch format {
    case .text:
      writeOutput(
        TopTextRenderer.render(report)
          + (blocked.map { BlockedTextRenderer(colour: display.useColour).render($0) } ?? ""))
    case .json: writeOutput(try TopJSONRenderer.render(report, path: file, blocked: blocked))
    }
  }
}
