import ArgumentParser
import Foundation
import PprofCore

/// `pprof-leak trend PATH...`: follow snapshots over time, rank stacks by monotonic growth.
struct Trend: ParsableCommand, ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "trend",
    abstract: "Follow many snapshots over time and rank stacks by steady growth.",
    discussion: """
      Each PATH is a profile or a directory of profiles (heap and goroutine mixed, goroutine \
      text dumps too; each file's kind is read from its content, never its name). Snapshots are ordered by the profiles' \
      own times. Every stack is followed across the series and rated by a Mann–Kendall trend \
      test, its Theil–Sen slope, the share of steps that do not go down, and whether it has \
      flattened: a plateau, a sawtooth or a steady pool is not a leak. See the man page.

      Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on bad usage or input.

      Examples:
        pprof-leak trend snapshots/
        pprof-leak trend --memory-limit 2G --fail-on suspect snapshots/
        pprof-leak trend --format json heap-*.pb.gz
        pprof-leak trend --baseline known.json --format junit --output t.xml dir/
      """)

  @Argument(help: "Profiles or goroutine text dumps, or directories of them.")
  var paths: [String]

  @Flag(help: "Also read the subdirectories of directories.")
  var recursive = false

  @OptionGroup var analysis: TrendAnalysisOptions

  func validate() throws {
    guard paths.filter({ $0 == ProfileFile.standardInputPath }).count <= 1 else {
      throw ValidationError("- (standard input) can be given once")
    }
  }

  func run() throws { try execute(on: StandardConsole()) }

  func execute(on console: some Console) throws {
    try analysis.analyze(paths, recursive: recursive, on: console)
  }
}

/// What `trend` does with the files it is given, shared by `collect --analyze` and `watch`:
/// the series options, thresholds, report format, suppressions and baseline.
struct TrendAnalysisOptions: ParsableArguments {
  @Option(help: "Order snapshots by: time (the profiles' own time_nanos), name (natural order) or mtime.")
  var order: TrendOrder = .time

  @OptionGroup var failOn: FailOnOption
  @OptionGroup var sizes: SizeThresholdOptions

  @Option(
    name: .customLong("memory-limit"),
    help: ArgumentHelp(
      "Estimate when the in-use heap reaches this size at its current slope (e.g. 2G).",
      valueName: "size"),
    transform: parseSize)
  var memoryLimit: Int64?

  @OptionGroup var report: ReportOptions
  @OptionGroup var display: DisplayOptions
  @OptionGroup var input: InputOptions

  func validate() throws {
    if let memoryLimit, memoryLimit <= 0 {
      throw ValidationError("--memory-limit must be more than 0")
    }
  }

  /// The settings of these options and the config file.
  func settings() throws -> AnalysisSettings {
    var settings = AnalysisSettings()
    try report.apply(to: &settings)
    sizes.apply(to: &settings)
    input.apply(to: &settings)
    settings.failOn = failOn.failOn
    return settings
  }

  /// Reads `paths`, writes the report, and ends with status 1 when a finding fails the run.
  func analyze(_ paths: [String], recursive: Bool, on console: some Console = StandardConsole()) throws {
    let settings = try settings()
    let trend = try makeReport(paths, recursive: recursive, settings: settings, console: console)
    try report.emit(
      try report.reportOutput(colour: display.useColour).emission(.trend(trend), settings: settings), on: console)
    try FailOnOption.check(trend.findings, settings: settings)
  }

  /// The trend of the profiles in `paths`, with suppressions and the baseline applied.
  func makeReport(
    _ paths: [String], recursive: Bool, settings: AnalysisSettings, quiet: Bool = false,
    console: any Console = StandardConsole()
  ) throws -> TrendReport {
    var run = TrendRun(paths: paths, settings: settings)
    run.recursive = recursive
    run.order = order
    run.memoryLimitBytes = memoryLimit
    run.keepGrowth = report.reportOutput(colour: false).keepsGrowth
    return try run.run(RunReporter(console: console, quiet: quiet).callAsFunction)
  }

  func textReport(_ trend: TrendReport, settings: AnalysisSettings) -> String {
    TextRenderer(colour: display.useColour, failOn: settings.failingSeverity).render(.trend(trend))
  }
}

