public import PprofAnalysis

/// `diff`: reads BASE and NEW (at once), compares them and rates what grew, with suppressions
/// and the baseline applied.
public struct DiffRun: Sendable {
  public var base: String
  public var new: String
  /// `--sample-index`: by name or position; nil for pprof's default.
  public var sampleIndex: String?
  /// Rows of the pprof-style table (0: all).
  public var nodeCount = 10
  /// Changed stacks kept, largest change first (0: all).
  public var maxStacks = 50
  /// Keep every stack's values, for the HTML page and growth profiles.
  public var keepGrowth = false
  public var settings: AnalysisSettings

  public init(base: String, new: String, settings: AnalysisSettings) {
    self.base = base
    self.new = new
    self.settings = settings
  }

  public func run(_ observe: (RunEvent) -> Void = { _ in }) throws(RunError) -> DiffReport {
    let policy = try settings.policy()
    var snapshots: [Snapshot] = []
    do {
      try settings.loader.loadInOrder([base, new]) { index, result in
        switch result {
        case .success(let read):
          for diagnostic in read.diagnostics { observe(.diagnostic(diagnostic)) }
          snapshots.append(Snapshot.last(of: read, path: [base, new][index], command: "diff", observe))
        case .failure(let error):
          throw RunError.load(error)
        }
      }
    } catch let error as RunError {
      throw error
    } catch {
      preconditionFailure("loadInOrder rethrows only what its closure throws: \(error)")
    }
    let (baseSnapshot, newSnapshot) = (snapshots[0], snapshots[1])
    var options = DiffReport.Options(
      sampleIndex: sampleIndex, thresholds: settings.thresholds, nodeCount: nodeCount,
      maxStacks: maxStacks, sources: settings.sources)
    options.keepGrowth = keepGrowth
    var diff: DiffReport
    do {
      diff = try DiffReport(
        base: baseSnapshot.profile, basePath: ProfileFile.displayName(base), new: newSnapshot.profile,
        newPath: ProfileFile.displayName(new),
        newDump: newSnapshot.source == .traceback ? newSnapshot.dump : nil, options: options)
    } catch {
      throw .compare(base: base, new: new, error)
    }
    diff.apply(policy)
    if let note = settings.createdByNote(hasTraceback: newSnapshot.source == .traceback) {
      observe(.diagnostic(note))
    }
    return diff
  }
}

extension Snapshot {
  /// The snapshot a command that reads one per file uses: the last dump of a log that holds
  /// several, said as a note. `read` holds at least one snapshot (the loader throws otherwise).
  static func last(of read: [Snapshot], path: String, command: String, _ observe: (RunEvent) -> Void) -> Snapshot {
    if read.count > 1 {
      observe(
        .diagnostic(
          Diagnostic(
            .note,
            "\(ProfileFile.displayName(path)) holds \(read.count) goroutine dumps; \(command) reads "
              + "the last (trend follows them all)")))
    }
    return read[read.count - 1]
  }
}
