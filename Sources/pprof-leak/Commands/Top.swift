import ArgumentParser
import PprofCore

/// `pprof-leak top FILE`: the functions with the most of one sample type, as `go tool pprof -top`.
struct Top: ParsableCommand, ConsoleCommand {
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

  func run() throws { try execute(on: StandardConsole()) }

  func execute(on console: some Console) throws {
    var settings = AnalysisSettings()
    settings.config = try configFile.load()
    goroutines.apply(to: &settings)
    input.apply(to: &settings)
    var run = TopRun(file: file, settings: settings)
    run.options = TopReport.Options(sampleIndex: sampleIndex, nodeCount: nodeCount, sortByCum: sortByCum)
    let result = try run.run(RunReporter(console: console).callAsFunction)
    switch format {
    case .text:
      console.write(
        TopTextRenderer.render(result.top)
          + (result.blocked.map { BlockedTextRenderer(colour: display.useColour).render($0) } ?? ""))
    case .json: console.write(try TopJSONRenderer.render(result.top, path: file, blocked: result.blocked))
    }
  }
}
