import ArgumentParser
import Foundation
import PprofCore

/// `pprof-leak trend PATH...`: follow snapshots over time, rank stacks by monotonic growth.
struct Trend: ParsableCommand {
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

  func run() throws {
    try analysis.analyze(paths, recursive: recursive)
  }
}

/// What `trend` does with the files it is given, shared by `collect --analyze` and `watch`:
/// the series options, thresholds, report format, suppressions and baseline.
struct TrendAnalysisOptions: ParsableArguments {
  @Option(help: "Order snapshots by: time (the profiles' own time_nanos), name (natural order) or mtime.")
  var order: OrderChoice = .time

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

  /// Reads `paths`, writes the report, and ends with status 1 when a finding fails the run.
  func analyze(_ paths: [String], recursive: Bool) throws {
    let config = try report.loadConfig()
    let trend = try makeReport(paths, recursive: recursive, config: config)
    try emit(trend, config: config)
    try failOn.check(trend.findings, config: config)
  }

  /// The trend of the profiles in `paths`, with suppressions and the baseline applied.
  func makeReport(_ paths: [String], recursive: Bool, config: ConfigFile?, quiet: Bool = false)
    throws -> TrendReport
  {
    let policy = try report.policy(config)
    let files = try ProfileDirectory.files(in: paths, recursive: recursive)
    var builder = TrendBuilder()
    var skipped: [TrendReport.Skipped] = []
    let progress = Progress(total: quiet ? 0 : files.count)
    var skippedAt: [(position: Int, skipped: TrendReport.Skipped)] = []
    for (position, file) in files.enumerated() {
      if let reason = file.unreadableReason {
        skippedAt.append((position, TrendReport.Skipped(path: file.path, reason: reason)))
      }
    }
    // Files are decoded on every core, a few ahead, and added to the series in order.
    let readablePositions = files.indices.filter { files[$0].unreadableReason == nil }
    let readable = readablePositions.map { files[$0] }
    var loader = input.loader
    loader.preparesStacks = true
    try loader.loadInOrder(readable.map(\.path)) { index, result in
      let file = readable[index]
      progress.update(index, file.path)
      switch result {
      case .success(var snapshots):
        for index in snapshots.indices {
          snapshots[index].path = displayName(snapshots[index].path)
          builder.add(snapshots[index], modified: file.modified)
        }
        warn(snapshots)
      case .failure(let error):
        guard file.fromDirectory else { throw CommandFailure(error.description) }
        let reason = ProfileDirectory.reason(error, path: file.path)
        skippedAt.append((readablePositions[index], TrendReport.Skipped(path: file.path, reason: reason)))
      }
    }
    progress.finish()
    skipped = skippedAt.sorted { $0.position < $1.position }.map(\.skipped)
    // Every file not skipped was read (a named file that fails has already thrown).
    guard files.count > skipped.count else {
      throw CommandFailure(
        "no profiles in \(paths.map(displayName).joined(separator: ", "))"
          + (skipped.isEmpty ? "" : " (\(skipped.count) files were not profiles)")
          + ": give files written by runtime/pprof, or directories of them")
    }
    var trend = TrendReport(
      builder: builder, order: order.order,
      thresholds: sizes.leakThresholds(config),
      memoryLimitBytes: memoryLimit, skipped: skipped, sources: input.sources(config),
      keepGrowth: report.keepsGrowth)
    trend.apply(policy)
    report.noteCreatedBy(config, hasTraceback: builder.hasTracebacks)
    return trend
  }

  /// Writes the report in the chosen format (and to --output, --write-baseline).
  func emit(_ trend: TrendReport, config: ConfigFile?) throws {
    let failOn = failOn.severity(config)
    let paths = try report.pathMapper(config, sourceRoots: input.sourceRoots(config))
    try report.emit(
      text: { textReport(trend, config: config) },
      json: { try TrendJSONRenderer.render(trend, failOn: failOn) },
      html: { try HTMLRenderer.render(trend, failOn: failOn) },
      ci: { CIReport(trend: trend, failOn: failOn, paths: paths, toolVersion: PprofLeak.version) },
      root: paths.repositoryRoot,
      profiles: { report.profileFiles(trend.growths, findings: trend.findings) })
  }

  func textReport(_ trend: TrendReport, config: ConfigFile?) -> String {
    TrendTextRenderer(colour: display.useColour, failOn: failOn.severity(config)).render(trend)
  }
}

enum OrderChoice: String, CaseIterable, ExpressibleByArgument {
  case time, name, mtime

  var order: TrendOrder {
    switch self {
    case .time: .time
    case .name: .name
    case .mtime: .mtime
    }
  }
}
