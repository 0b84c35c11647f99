import ArgumentParser
import PprofCore

/// `pprof-leak diff BASE NEW`: what grew, which leak pattern it is, the line to fix.
struct Diff: ParsableCommand, ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two snapshots: what grew, which leak pattern it is, and the line to fix.",
    discussion: """
      BASE and NEW are two profiles of the same kind (two heap or two goroutine profiles; a \
      goroutine text dump counts as a goroutine profile), BASE the older. Stacks are matched by function, file and line, so snapshots from two processes \
      or builds of the same code line up. Growing stacks are grouped by leak pattern \
      (blocked-send, blocked-recv, blocked-select, sync-wait, unclosed-http-body, \
      unstopped-timer, goroutine-growth, heap-growth) and rated leak, suspect or info; see the \
      man page for the rule. The table at the end is `go tool pprof -top -diff_base BASE NEW`.

      Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on bad usage or input.

      Examples:
        pprof-leak diff goroutine-1.pb.gz goroutine-2.pb.gz
        pprof-leak diff --sample-index inuse_objects heap-1.pb.gz heap-2.pb.gz
        pprof-leak diff --format json --fail-on suspect base.pb.gz new.pb.gz
        pprof-leak diff --format sarif --output leaks.sarif base.pb.gz new.pb.gz
      """)

  @Argument(help: "The older profile or goroutine text dump (or - for standard input).")
  var base: String

  @Argument(help: "The newer profile of the same kind.")
  var new: String

  @Option(
    name: .customLong("sample-index"),
    help: ArgumentHelp(
      "The sample type to compare (default as pprof: inuse_space for heap profiles).",
      valueName: "name|n"))
  var sampleIndex: String?

  @OptionGroup var failOn: FailOnOption

  @OptionGroup var thresholds: ThresholdOptions

  @Option(name: .customLong("nodecount"), help: "Rows of the pprof-style table (0: all).")
  var nodeCount: Int = 10

  @Flag(
    name: .customLong("traces"),
    help: "Also list the changed stacks with their values (like pprof's -traces on a diff).")
  var showStacks = false

  @Option(
    name: .customLong("max-stacks"),
    help: "Changed stacks listed by --traces and in JSON output, largest change first (0: all).")
  var maxStacks: Int = 50

  @OptionGroup var report: ReportOptions
  @OptionGroup var display: DisplayOptions
  @OptionGroup var input: InputOptions

  func validate() throws {
    guard nodeCount >= 0 else { throw ValidationError("--nodecount must be 0 or more") }
    guard maxStacks >= 0 else { throw ValidationError("--max-stacks must be 0 or more") }
    guard base != ProfileFile.standardInputPath || new != ProfileFile.standardInputPath else {
      throw ValidationError("only one of BASE and NEW can be - (standard input)")
    }
  }

  func run() throws { try execute(on: StandardConsole()) }

  func execute(on console: some Console) throws {
    var settings = AnalysisSettings()
    try report.apply(to: &settings)
    thresholds.apply(to: &settings)
    input.apply(to: &settings)
    settings.failOn = failOn.failOn
    var output = report.reportOutput(colour: display.useColour)
    output.showStacks = showStacks
    var run = DiffRun(base: base, new: new, settings: settings)
    run.sampleIndex = sampleIndex
    run.nodeCount = nodeCount
    run.maxStacks = maxStacks
    run.keepGrowth = output.keepsGrowth
    let diff = try run.run(RunReporter(console: console).callAsFunction)
    try report.emit(try output.emission(.diff(diff), settings: settings), on: console)
    try FailOnOption.check(diff.findings, settings: settings)
  }
}
