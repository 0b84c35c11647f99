public import PprofAnalysis

/// `top`: one profile as `go tool pprof -top` shows it, and for a goroutine traceback the
/// goroutines the blocked rule rates.
public struct TopRun: Sendable {
  public struct Result: Sendable {
    public var top: TopReport
    /// For a traceback: its goroutines in leak patterns, blocked long enough.
    public var blocked: BlockedReport?
  }

  public var file: String
  public var options = TopReport.Options()
  public var settings: AnalysisSettings

  public init(file: String, settings: AnalysisSettings) {
    self.file = file
    self.settings = settings
  }

  public func run(_ observe: (RunEvent) -> Void = { _ in }) throws(RunError) -> Result {
    let read: [Snapshot]
    do {
      read = try settings.loader.loadSnapshots(path: file)
    } catch {
      throw .load(error)
    }
    for diagnostic in read.diagnostics { observe(.diagnostic(diagnostic)) }
    let snapshot = Snapshot.last(of: read, path: file, command: "top", observe)
    let top: TopReport
    do {
      top = try TopReport(profile: snapshot.profile, options: options)
    } catch {
      throw .sampleIndex(path: file, error)
    }
    // A traceback says what each goroutine waits on and for how long, a goroutineleak
    // profile which goroutines the runtime proved leaked: enough to rate goroutines stuck in a
    // leak pattern from this one snapshot.
    let dump =
      snapshot.profile.kind == .goroutineleak
      ? snapshot.dump ?? GoroutineDump(goroutineleak: snapshot.profile)
      : snapshot.source == .traceback ? snapshot.dump : nil
    let blocked = dump.map {
      BlockedReport(
        dump: $0, path: ProfileFile.displayName(file), thresholds: settings.thresholds,
        sources: settings.sources)
    }
    if snapshot.source == .debug1, snapshot.profile.kind == .goroutine {
      // Nothing in it can show a goroutine stuck (--source-root included): say what would.
      observe(
        .diagnostic(
          Diagnostic(
            .note,
            "\(ProfileFile.displayName(file)) is a debug=1 dump, which records neither what "
              + "goroutines wait on nor for how long: a debug=2 dump (?debug=2) shows what is "
              + "stuck, and trend over several dumps what grows")))
    }
    return Result(top: top, blocked: blocked)
  }
}
