import ArgumentParser
import Foundation
import PprofCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `diff` and `trend` can write their findings as.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json, sarif, junit, markdown, github, html
}

/// The options of the commands that report findings: the format and where it goes, what to
/// ignore, the baseline, path mappings, and the config file that can hold all of them.
struct ReportOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Output format: text, json, sarif (code scanning), junit (test reports), markdown "
        + "(step summaries, merge-request comments), github (workflow annotations) or html (a "
        + "page with charts and a diff flame graph, for --output FILE.html)."))
  var format: ReportFormat = .text

  @Option(
    name: .customLong("output"),
    help: ArgumentHelp(
      "Write the --format output to FILE (atomically: whole or not at all) and the text report "
        + "to standard output.",
      valueName: "file"))
  var output: String?

  @Option(
    name: .customLong("ignore-top"),
    help: ArgumentHelp(
      "Suppress findings whose top user function (without one: the top function outside the "
        + "runtime) matches this regular expression, whole (repeatable).",
      valueName: "func"))
  var ignoreTop: [String] = []

  @Option(
    name: .customLong("ignore-any"),
    help: ArgumentHelp(
      "Suppress findings with any function on their stack matching (repeatable).",
      valueName: "func"))
  var ignoreAny: [String] = []

  @Option(
    name: .customLong("ignore-created-by"),
    help: ArgumentHelp(
      "Suppress goroutines whose 'created by' function matches; needs a debug=2 traceback "
        + "(repeatable).",
      valueName: "func"))
  var ignoreCreatedBy: [String] = []

  @Option(
    name: .customLong("path-prefix"),
    help: ArgumentHelp(
      "Map a recorded path prefix to one in the repository for the CI formats "
        + "(e.g. /home/runner/work/app/app/=; repeatable).",
      valueName: "from=to"))
  var pathPrefixes: [String] = []

  @Option(
    help: ArgumentHelp(
      "A previous --format json report: its findings (same pattern, function and file) are "
        + "shown but do not fail the run.",
      valueName: "file"))
  var baseline: String?

  @Option(
    name: .customLong("write-baseline"),
    help: ArgumentHelp("Also write this run's JSON report to FILE, to give to --baseline next time.", valueName: "file"))
  var writeBaseline: String?

  @Option(
    name: .customLong("write-profile"),
    help: ArgumentHelp(
      "Also write the growth (NEW - BASE, or last - first snapshot) as a gzip profile.proto "
        + "for go tool pprof, Pyroscope or speedscope (trend with several kinds: FILE gets the "
        + "kind, e.g. growth.heap.pb.gz).",
      valueName: "file"))
  var writeProfile: String?

  @Option(
    name: .customLong("write-profile-dir"),
    help: ArgumentHelp(
      "Also write one growth profile per finding into DIR (created when missing).",
      valueName: "dir"))
  var writeProfileDir: String?

  @OptionGroup var configFile: ConfigOptions

  func validate() throws {
    for text in pathPrefixes where PathMapper.parsePrefix(text) == nil {
      throw ValidationError("--path-prefix '\(text)' is not FROM=TO")
    }
    for file in [output, writeBaseline].compactMap({ $0 }) where file == ProfileFile.standardInputPath {
      throw ValidationError("write to a file; - is standard input (the report goes to standard output anyway)")
    }
  }

  /// The config file: --config, else the nearest .pprof-leak.yaml; nil with --no-config.
  func loadConfig() throws -> ConfigFile? { try configFile.load() }

  /// Whether the report must keep every stack's values: for html and growth profiles.
  var keepsGrowth: Bool { format == .html || writeProfile != nil || writeProfileDir != nil }

  /// The growth profiles asked for: --write-profile (one per kind) and --write-profile-dir
  /// (one per finding), gzip-compressed.
  func profileFiles(_ growths: [Growth], findings: [Finding])
    -> [(bytes: [UInt8], path: String)]
  {
    var files: [(bytes: [UInt8], path: String)] = []
    if let writeProfile {
      for growth in growths {
        var path = writeProfile
        if growths.count > 1 {
          let stem = path.hasSuffix(".pb.gz") ? String(path.dropLast(6)) : path
          path = stem + "." + growth.kind + ".pb.gz"
        }
        files.append((Profile(growth: growth).encodedGzip(), path))
      }
    }
    if let writeProfileDir {
      for (index, finding) in findings.enumerated() {
        guard let growth = growths.first(where: { $0.kind == finding.profileKind }) else { continue }
        let name = growth.function(of: finding)
          .map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? $0 : "-" }
        let file = String(format: "%02d", index + 1) + "-\(finding.pattern.rawValue)-\(String(name)).pb.gz"
        files.append(
          (Profile(growth: growth.stacks(of: finding)).encodedGzip(), writeProfileDir + "/" + file))
      }
    }
    return files
  }

  /// Suppressions of the config file and the command line, and the baseline.
  func policy(_ config: ConfigFile?) throws -> FindingPolicy {
    var suppressions: Suppressions
    do {
      suppressions = try config?.suppressions() ?? Suppressions()
      for (kind, patterns) in [
        (Suppressions.Kind.top, ignoreTop), (.any, ignoreAny), (.createdBy, ignoreCreatedBy),
      ] {
        for pattern in patterns { try suppressions.add(kind, pattern) }
      }
    } catch {
      throw CommandFailure(error.description)
    }
    var loaded: Baseline?
    // A run that writes the baseline may be the first: one that is not there yet is no baseline.
    if let path = baseline ?? config?.baseline,
      writeBaseline == nil || FileManager.default.fileExists(atPath: path)
    {
      do {
        let bytes = try ProfileFile.read(path: path, limit: 64 << 20)
        loaded = try Baseline(json: bytes, path: path)
      } catch let error as InputError {
        throw CommandFailure("\(path): \(error) (write a baseline with --write-baseline)")
      } catch {
        throw CommandFailure("\(error)")
      }
    }
    return FindingPolicy(suppressions: suppressions, baseline: loaded)
  }

  /// Says on standard error when --ignore-created-by cannot match: only goroutine tracebacks
  /// record creators.
  func noteCreatedBy(_ config: ConfigFile?, hasTraceback: Bool) {
    guard !hasTraceback, !ignoreCreatedBy.isEmpty || !(config?.ignoreCreatedBy.isEmpty ?? true)
    else { return }
    var standardError = StandardError()
    print(
      "pprof-leak: note: --ignore-created-by matches nothing here: only goroutine tracebacks "
        + "(debug=2, panics, SIGQUIT dumps) say which function created a goroutine",
      to: &standardError)
  }

  /// Maps recorded paths into the repository (the working directory's git checkout).
  func pathMapper(_ config: ConfigFile?, sourceRoots: [String]) throws -> PathMapper {
    let rules = (config?.pathPrefixes ?? []) + pathPrefixes.compactMap(PathMapper.parsePrefix)
    let directory: String
    do {
      directory = try WorkingDirectory.path()
    } catch {
      throw CommandFailure("cannot place findings in the repository: \(error)")
    }
    let root = PathMapper.repositoryRoot(containing: directory)
    return PathMapper(prefixes: rules, repositoryRoot: root, sourceRoots: sourceRoots)
  }

  /// Writes the report: the chosen format to --output (and the text report to standard
  /// output) or to standard output; the JSON to --write-baseline. Files are written first, both
  /// or neither, so a file that cannot be written ends the run with status 2 before anything
  /// is printed.
  func emit(
    text: () -> String, json: () throws -> String, html: () throws -> String,
    ci: () -> CIReport, root: String, profiles: () -> [(bytes: [UInt8], path: String)]
  ) throws {
    if format == .html, output == nil, isatty(STDOUT_FILENO) != 0 {
      throw CommandFailure("--format html writes a page: give --output FILE.html (or redirect)")
    }
    let rendered: String
    switch format {
    case .text: rendered = text()
    case .json: rendered = try json()
    case .sarif: rendered = try SARIFRenderer.render(ci(), repositoryRoot: root)
    case .junit: rendered = JUnitRenderer.render(ci())
    case .markdown: rendered = MarkdownRenderer.render(ci())
    case .github: rendered = GitHubRenderer.render(ci())
    case .html: rendered = try html()
    }
    var files: [(bytes: [UInt8], path: String)] = []
    if let output { files.append((Array(rendered.utf8), output)) }
    if let writeBaseline {
      files.append((Array((format == .json ? rendered : try json()).utf8), writeBaseline))
    }
    if let writeProfileDir {
      do {
        try FileManager.default.createDirectory(atPath: writeProfileDir, withIntermediateDirectories: true)
      } catch {
        throw CommandFailure("\(writeProfileDir): cannot create the directory (--write-profile-dir)")
      }
    }
    files += profiles()
    do {
      try AtomicFile.write(files)
    } catch {
      throw CommandFailure(error.description)
    }
    writeOutput(output != nil && format != .text ? text() : rendered)
  }
}
