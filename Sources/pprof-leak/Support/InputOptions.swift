import ArgumentParser
import PprofCore

/// Options every command that reads profiles shares.
struct InputOptions: ParsableArguments {
  @Option(
    name: .customLong("max-decompressed-size"),
    help: ArgumentHelp(
      "The most bytes one profile may read or decompress to (e.g. 512M, 2G; default 1G).",
      valueName: "size"),
    transform: { Int(try parseSize($0)) })
  var maxDecompressedSize: Int = ProfileLoader.defaultMaxDecompressedSize

  @Option(
    name: .customLong("source-root"),
    help: ArgumentHelp(
      "A checkout of the profiled program's source, searched by path suffix for the files "
        + "profiles name (repeatable; the recorded path and the current directory are tried "
        + "too). Lets debug=1 dumps, which hide what goroutines wait on, be classified from "
        + "the source line.",
      valueName: "dir"))
  var sourceRoots: [String] = []

  func validate() throws {
    guard maxDecompressedSize > 0 else {
      throw ValidationError("--max-decompressed-size must be more than 0")
    }
  }

  var loader: ProfileLoader { ProfileLoader(maxDecompressedSize: maxDecompressedSize) }

  /// The source roots of the command line, then of the config file.
  func sourceRoots(_ config: ConfigFile? = nil) -> [String] {
    sourceRoots + (config?.sourceRoots ?? [])
  }

  /// Where Go source files are looked for.
  func sources(_ config: ConfigFile? = nil) -> SourceResolver {
    SourceResolver(roots: sourceRoots(config) + ["."])
  }

  /// Loads the snapshots of `path` (several for a log holding several dumps), turning a load
  /// error into the CLI's one-line message and printing what was wrong but not fatal.
  func loadSnapshots(_ path: String) throws -> [Snapshot] {
    let snapshots: [Snapshot]
    do {
      snapshots = try loader.loadSnapshots(path: path)
    } catch {
      throw CommandFailure(error.description)
    }
    warn(snapshots)
    return snapshots
  }

  /// The snapshot of `path` a command that reads one snapshot per file uses: the last dump of
  /// a log holding several, said on standard error.
  func loadLast(_ path: String, command: String) throws -> Snapshot {
    try last(of: loadSnapshots(path), path: path, command: command)
  }

  /// The last snapshots of two files read at once (diff's BASE and NEW).
  func loadLast(_ first: String, _ second: String, command: String) throws -> (Snapshot, Snapshot) {
    var snapshots: [Snapshot] = []
    try loader.loadInOrder([first, second]) { index, result in
      let path = [first, second][index]
      switch result {
      case .success(let read):
        warn(read)
        snapshots.append(try last(of: read, path: path, command: command))
      case .failure(let error):
        throw CommandFailure(error.description)
      }
    }
    return (snapshots[0], snapshots[1])
  }

  private func last(of snapshots: [Snapshot], path: String, command: String) throws -> Snapshot {
    if snapshots.count > 1 {
      var standardError = StandardError()
      print(
        "pprof-leak: note: \(displayName(path)) holds \(snapshots.count) goroutine dumps; \(command) "
          + "reads the last (trend follows them all)", to: &standardError)
    }
    // loadSnapshots returns at least one snapshot or throws.
    return snapshots[snapshots.count - 1]
  }
}

/// Prints the warnings of snapshots read (a dump cut off mid-goroutine) on standard error.
func warn(_ snapshots: [Snapshot]) {
  var standardError = StandardError()
  for snapshot in snapshots {
    for warning in snapshot.warnings {
      print("pprof-leak: warning: \(displayName(snapshot.path)): \(warning)", to: &standardError)
    }
  }
}

enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
  case text
  case json

  /// `top --format`: a format of the commands that rate findings is refused with the command
  /// that writes it (top is pprof's view, with no verdict to gate on).
  static func topFormat(_ argument: String) throws -> OutputFormat {
    if let format = OutputFormat(rawValue: argument) { return format }
    if ReportFormat(rawValue: argument) != nil {
      throw ValidationError(
        "top writes text or json; for \(argument) and an exit status that gates on the findings, "
          + "run trend on the same file: pprof-leak trend FILE --format \(argument)")
    }
    throw ValidationError("'\(argument)' is not a format of top: give text or json")
  }
}
