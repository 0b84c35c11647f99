import Foundation
public import PprofAnalysis

/// What a run of `top`, `diff` or `trend` is told: the command line's values (nil or empty for
/// an option not given) and the config file. Every option's precedence is decided here, once:
/// the command line wins over `.pprof-leak.yaml` for single values and adds to its lists;
/// without either, the default.
public struct AnalysisSettings: Sendable {
  public var failOn: FailOn?
  public var minGoroutines: Int64?
  public var minBlockedMinutes: Int?
  public var minHeapBytes: Int64?
  public var minHeapObjects: Int64?
  public var minGrowthFraction: Double?
  public var ignoreTop: [String] = []
  public var ignoreAny: [String] = []
  public var ignoreCreatedBy: [String] = []
  /// `--path-prefix FROM=TO` rules (checked when parsed).
  public var pathPrefixes: [(from: String, to: String)] = []
  public var sourceRoots: [String] = []
  /// `--baseline`.
  public var baseline: String?
  /// `--write-baseline` is given: a baseline that does not exist yet is this run's to write.
  public var writesBaseline = false
  public var maxDecompressedSize = ProfileLoader.defaultMaxDecompressedSize
  /// The config file read (`ConfigFile.load`); nil for none.
  public var config: ConfigFile?

  public init() {}

  public var thresholds: Thresholds {
    var thresholds = Thresholds()
    if let value = minGoroutines ?? config?.minGoroutines { thresholds.minGoroutines = value }
    if let value = minBlockedMinutes ?? config?.minBlockedMinutes { thresholds.minBlockedMinutes = value }
    if let value = minHeapBytes ?? config?.minHeapBytes { thresholds.minHeapBytes = value }
    if let value = minHeapObjects ?? config?.minHeapObjects { thresholds.minHeapObjects = value }
    if let value = minGrowthFraction ?? config?.minGrowthFraction { thresholds.minGrowthFraction = value }
    return thresholds
  }

  /// The severity that fails the run: `--fail-on`, else the config's, else `leak`.
  public var failingSeverity: Severity? { (failOn ?? config?.failOn ?? .leak).severity }

  /// The source roots of the command line, then of the config file.
  public var allSourceRoots: [String] { sourceRoots + (config?.sourceRoots ?? []) }

  /// Where Go source files are looked for: the source roots, then the working directory.
  public var sources: SourceResolver { SourceResolver(roots: allSourceRoots + ["."]) }

  var loader: ProfileLoader { ProfileLoader(maxDecompressedSize: maxDecompressedSize) }

  /// Suppressions of the config file and the command line, and the baseline.
  public func policy() throws(RunError) -> FindingPolicy {
    var suppressions: Suppressions
    do {
      suppressions = try config?.suppressions() ?? Suppressions()
      for (kind, patterns) in [
        (Suppressions.Kind.top, ignoreTop), (.any, ignoreAny), (.createdBy, ignoreCreatedBy),
      ] {
        for pattern in patterns { try suppressions.add(kind, pattern) }
      }
    } catch {
      throw .suppression(error)
    }
    var loaded: Baseline?
    // A run that writes the baseline may be the first: one that is not there yet is no baseline.
    if let path = baseline ?? config?.baseline,
      !writesBaseline || FileManager.default.fileExists(atPath: path)
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
      prefixes: (config?.pathPrefixes ?? []) + pathPrefixes,
      repositoryRoot: PathMapper.repositoryRoot(containing: directory), sourceRoots: allSourceRoots)
  }

  /// Said when `--ignore-created-by` cannot match: only goroutine tracebacks record creators.
  func createdByNote(hasTraceback: Bool) -> Diagnostic? {
    guard !hasTraceback, !ignoreCreatedBy.isEmpty || !(config?.ignoreCreatedBy.isEmpty ?? true)
    else { return nil }
    return Diagnostic(
      .note,
      "--ignore-created-by matches nothing here: only goroutine tracebacks (debug=2, panics, "
        + "SIGQUIT dumps) say which function created a goroutine")
  }
}
