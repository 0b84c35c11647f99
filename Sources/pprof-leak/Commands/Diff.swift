import ArgumentParser
import PprofCore

/// `pprof-leak diff BASE NEW`: what grew, which leak pattern it is, the line to fix.
struct Diff: ParsableCommand {
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

  func run() throws {
    let config = try report.loadConfig()
    let policy = try report.policy(config)
    let (baseSnapshot, newSnapshot) = try input.loadLast(base, new, command: "diff")
    var options = DiffReport.Options(
      sampleIndex: sampleIndex, thresholds: thresholds.thresholds(config), nodeCount: nodeCount,
      maxStacks: maxStacks, sources: input.sources(config))
    options.keepGrowth = report.keepsGrowth
    var diff: DiffReport
    do {
      diff = try DiffReport(
        base: baseSnapshot.profile, basePath: displayName(base), new: newSnapshot.profile,
        newPath: displayName(new), newDump: newSnapshot.source == .traceback ? newSnapshot.dump : nil,
        options: options)
    } catch {
      throw CommandFailure("\(displayName(base)) and \(displayName(new)): \(error)")
    }
    diff.apply(policy)
    report.noteCreatedBy(config, hasTraceback: newSnapshot.source == .traceback)
    let failOn = failOn.severity(config)
    let paths = try report.pathMapper(config, sourceRoots: input.sourceRoots(config))
    try report.emit(
      text: {
        DiffTextRenderer(colour: display.useColour, failOn: failOn, showStacks: showStacks)
          .render(diff)
      },
      json: { try DiffJSONRenderer.render(diff, failOn: failOn) },
      html: { try HTMLRenderer.render(diff, failOn: failOn) },
      ci: { CIReport(diff: diff, failOn: failOn, paths: paths, toolVersion: PprofLeak.version) },
      root: paths.repositoryRoot,
      profiles: { report.profileFiles(diff.growth.map { [$0] } ?? [], findings: diff.findings) })
    try self.failOn.check(diff.findings, config: config)
  }
}
