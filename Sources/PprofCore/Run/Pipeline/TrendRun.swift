public import PprofAnalysis

/// `trend`: reads the profiles of `paths` (files and directories, in order), builds the series
/// and rates them, with suppressions and the baseline applied. `collect --analyze` and `watch`
/// run the same.
public struct TrendRun: Sendable {
  public var paths: [String]
  /// Also read the subdirectories of directories.
  public var recursive = false
  public var order: TrendOrder = .time
  /// `--memory-limit`: when the in-use heap would reach it.
  public var memoryLimitBytes: Int64?
  /// Keep every stack's values, for the HTML page and growth profiles.
  public var keepGrowth = false
  public var settings: AnalysisSettings

  public init(paths: [String], settings: AnalysisSettings) {
    self.paths = paths
    self.settings = settings
  }

  /// The report; `observe` hears of each file read and of what is said on the side.
  public func run(_ observe: (RunEvent) -> Void = { _ in }) throws(RunError) -> TrendReport {
    let policy = try settings.policy()
    let listing = try ProfileDirectory.files(in: paths, recursive: recursive)
    for note in listing.notes { observe(.diagnostic(Diagnostic(.note, note))) }
    let files = listing.files
    var builder = TrendBuilder()
    var skippedAt: [(position: Int, skipped: TrendReport.Skipped)] = []
    func skip(_ position: Int, _ reason: String) {
      let path = ProfileFile.displayName(files[position].path)
      skippedAt.append((position, TrendReport.Skipped(path: path, reason: reason)))
    }
    for (position, file) in files.enumerated() {
      if let reason = file.unreadableReason { skip(position, reason) }
    }
    // Files are decoded on every core, a few ahead, and added to the series in order.
    let readablePositions = files.indices.filter { files[$0].unreadableReason == nil }
    let readable = readablePositions.map { files[$0] }
    do {
      try settings.loader.loadPreparedInOrder(readable.map(\.path)) { index, result in
        let file = readable[index]
        observe(.reading(index: index, total: readable.count, path: file.path))
        switch result {
        case .success(var snapshots):
          for index in snapshots.indices {
            snapshots[index].path = ProfileFile.displayName(snapshots[index].path)
            builder.add(snapshots[index], modified: file.modified)
          }
          for diagnostic in snapshots.diagnostics { observe(.diagnostic(diagnostic)) }
        case .failure(let error):
          guard file.fromDirectory else { throw RunError.load(error) }
          let reason = ProfileDirectory.reason(error, path: file.path)
          skip(readablePositions[index], reason)
        }
      }
    } catch let error as RunError {
      throw error
    } catch {
      preconditionFailure("loadInOrder rethrows only what its closure throws: \(error)")
    }
    observe(.finishedReading)
    let skipped = skippedAt.sorted { $0.position < $1.position }.map(\.skipped)
    // Every file not skipped was read (a named file that fails has already thrown).
    guard files.count > skipped.count else {
      throw .noProfiles(paths: paths, skipped: skipped.count)
    }
    var trend = TrendReport(
      builder: builder, order: order, thresholds: settings.thresholds,
      memoryLimitBytes: memoryLimitBytes, skipped: skipped, sources: settings.sources,
      keepGrowth: keepGrowth)
    trend.apply(policy)
    if let note = settings.createdByNote(hasTraceback: builder.hasTracebacks) { observe(.diagnostic(note)) }
    return trend
  }
}

extension Array where Element: SnapshotOrigin {
  /// The warnings of the snapshots read (a dump cut off mid-goroutine) and the notes (a log
  /// tool's prefix cut off), naming each file.
  public var diagnostics: [Diagnostic] {
    flatMap { snapshot in
      let file = ProfileFile.displayName(snapshot.path)
      return snapshot.notes.map { Diagnostic(.note, "\(file): \($0)") }
        + snapshot.warnings.map { Diagnostic(.warning, "\(file): \($0)") }
    }
  }
}
