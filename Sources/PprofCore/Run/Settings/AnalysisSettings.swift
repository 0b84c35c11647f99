import Foundation
public import PprofAnalysis
import PprofProfile

/// What a run of `top`, `diff` or `trend` is told: the command line's values (nil or empty for
/// an option not given) and the config file. Every option's precedence is decided here, once:
/// the command line wins over `.pprof-leak.yaml` for single values and adds to its lists;
/// without either, the default.
@dynamicMemberLookup
public struct AnalysisSettings: Sendable {
  /// The options given on the command line.
  public var commandLine = OptionValues()
  /// `--write-baseline` is given: a baseline that does not exist yet is this run's to write.
  public var writesBaseline = false
  public var maxDecompressedSize = ProfileLoader.defaultMaxDecompressedSize
  /// The config file read (`ConfigFile.load`); nil for none.
  public var config: ConfigFile?

  public init() {}

  public subscript<Value>(dynamicMember keyPath: WritableKeyPath<OptionValues, Value>) -> Value {
    get { commandLine[keyPath: keyPath] }
    set { commandLine[keyPath: keyPath] = newValue }
  }

  public var thresholds: Thresholds {
    var thresholds = Thresholds()
    if let value = commandLine.minGoroutines ?? config?.minGoroutines { thresholds.minGoroutines = value }
    if let value = commandLine.minBlockedMinutes ?? config?.minBlockedMinutes { thresholds.minBlockedMinutes = value }
    if let value = commandLine.minHeapBytes ?? config?.minHeapBytes { thresholds.minHeapBytes = value }
    if let value = commandLine.minHeapObjects ?? config?.minHeapObjects { thresholds.minHeapObjects = value }
    if let value = commandLine.minGrowthFraction ?? config?.minGrowthFraction { thresholds.minGrowthFraction = value }
    return thresholds
  }

  /// The severity that fails the run: `--fail-on`, else the config's, else `leak`.
  public var failingSeverity: Severity? { (commandLine.failOn ?? config?.failOn ?? .leak).severity }

  /// The source roots of the command line, then of the config file.
  public var allSourceRoots: [String] { commandLine.sourceRoots + (config?.sourceRoots ?? []) }

  /// Where Go source files are looked for: the source roots, then the working directory.
  public var sources: SourceResolver { SourceResolver(roots: allSourceRoots + ["."]) }

  var loader: ProfileLoader { ProfileLoader(maxDecompressedSize: maxDecompressedSize) }

  /// Suppressions of the config file and the command line, and the baseline.
  public func policy() throws(RunError) -> FindingPolicy {
    var suppressions: Suppressions
    do {
      suppressions = try config?.suppressions() ?? Suppressions()
      for (kind, patterns) in [
        (Suppressions.Kind.top, commandLine.ignoreTop), (.any, commandLine.ignoreAny), (.createdBy, commandLine.ignoreCreatedBy),
      ] {
        for pattern in patterns { try suppressions.add(kind, pattern) }
      }
    } catch {
      throw .suppression(error)
    }
    var loaded: Baseline?
    // A run that writes the baseline may be the first: one that is not there yet is no baseline.
    if let path = commandLine.baseline ?? config?.baseline,
      !writesBaseline || FileName.status(path, following: false) != nil
    {
      do {
        let bytes = try ProfileFile.read(path: path, limit: 64 << 20)
        loaded = try Baseline(json: bytes, path: path)
      } catch let error as InputError {
        throw .baseline(path: path, reason: "\(error) (write a baseline with --write-baseline)")
      } catch {
        throw .baseline(path: path, reason: "\(error)")
      }
    }
    return FindingPolicy(suppressions: suppressions, baseline: loaded)
  }

  /// Maps recorded paths into the repository (the working directory's git checkout).
  public func pathMapper() throws(RunError) -> PathMapper {
    let directory: String
    do {
      directory = try WorkingDirectory.path()
    } catch {
      throw .noWorkingDirectory(purpose: "cannot place findings in the repository", hint: nil, error)
    }
    return PathMapper(
      prefixes: (config?.pathPrefixes ?? []) + commandLine.pathPrefixes,
      repositoryRoot: PathMapper.repositoryRoot(containing: directory), sourceRoots: allSourceRoots)
  }

  /// Said when `--ignore-created-by` cannot match: only goroutine tracebacks record creators.
  func createdByNote(hasTraceback: Bool) -> Diagnostic? {
    guard !hasTraceback, !commandLine.ignoreCreatedBy.isEmpty || !(config?.ignoreCreatedBy.isEmpty ?? true)
    else { return nil }
    return Diagnostic(
      .note,
      "--ignore-created-by matches nothing here: only goroutine tracebacks (debug=2, panics, "
        + "SIGQUIT dumps) say which function created a goroutine")
  }
}
