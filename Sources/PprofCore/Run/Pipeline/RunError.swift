public import PprofProfile
public import PprofAnalysis

/// Why `top`, `diff` or `trend` could not run: each case one line for the user, naming the file
/// or option at fault and what to do.
public enum RunError: Error, Sendable, CustomStringConvertible {
  /// `.pprof-leak.yaml` (or `--config`) cannot be used.
  case config(ConfigError)
  /// The working directory is gone, and `purpose` needs it; `hint` says how to do without.
  case noWorkingDirectory(purpose: String, hint: String?, WorkingDirectory.Unavailable)
  case suppression(SuppressionError)
  /// `--baseline` cannot be read as a pprof-leak JSON report.
  case baseline(path: String, reason: String)
  case load(ProfileLoadError)
  case noSuchPath(String)
  /// A directory (or a path in it) that cannot be listed or examined, and why.
  case cannotList(String, reason: String)
  /// Nothing readable in the paths given; `skipped` files were not profiles.
  case noProfiles(paths: [String], skipped: Int)
  case compare(base: String, new: String, ProfileDiffError)
  case sampleIndex(path: String, SampleIndexError)
  /// An output file or directory that cannot be written.
  case write(String)

  public var description: String {
    switch self {
    case .config(let error): error.description
    case .noWorkingDirectory(let purpose, let hint, let error):
      "\(purpose): \(error)" + (hint.map { " (\($0))" } ?? "")
    case .suppression(let error): error.description
    case .baseline(let path, let reason): "\(ProfileFile.displayName(path)): \(reason)"
    case .load(let error): error.description
    case .noSuchPath(let path): "\(ProfileFile.displayName(path)): no such file or directory"
    case .cannotList(let path, let reason):
      "\(ProfileFile.displayName(path)): cannot list the directory: \(reason)"
    case .noProfiles(let paths, let skipped):
      "no profiles in \(paths.map(ProfileFile.displayName).joined(separator: ", "))"
        + (skipped == 0 ? "" : " (\(skipped) files were not profiles)")
        + ": give files written by runtime/pprof, or directories of them"
    case .compare(let base, let new, let error):
      "\(ProfileFile.displayName(base)) and \(ProfileFile.displayName(new)): \(error)"
    case .sampleIndex(let path, let error): "\(ProfileFile.displayName(path)): \(error)"
    case .write(let message): message
    }
  }
}

/// Something a run says on the side, on standard error: a note or a warning.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
  public enum Level: String, Sendable {
    case note, warning
  }

  public var level: Level
  public var message: String

  public init(_ level: Level, _ message: String) {
    self.level = level
    self.message = message
  }

  /// "warning: dump.txt: the dump ends in the middle of goroutine 7 …".
  public var description: String { "\(level.rawValue): \(message)" }
}

/// What a run tells while it works: a file being read (for a progress line), and diagnostics.
public enum RunEvent: Sendable {
  case reading(index: Int, total: Int, path: String)
  case finishedReading
  case diagnostic(Diagnostic)
}
