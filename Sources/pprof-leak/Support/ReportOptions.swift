import ArgumentParser
import Foundation
import PprofCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif


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

  /// The settings these options give: the config file and what it may hold.
  func apply(to settings: inout AnalysisSettings) throws {
    settings.config = try configFile.load()
    settings.ignoreTop = ignoreTop
    settings.ignoreAny = ignoreAny
    settings.ignoreCreatedBy = ignoreCreatedBy
    settings.pathPrefixes = pathPrefixes.compactMap(PathMapper.parsePrefix)
    settings.baseline = baseline
    settings.writesBaseline = writeBaseline != nil
  }

  /// Where the report goes.
  func reportOutput(colour: Bool) -> ReportOutput {
    var output = ReportOutput(toolVersion: PprofLeak.version)
    output.format = format
    output.output = self.output
    output.writeBaseline = writeBaseline
    output.writeProfile = writeProfile
    output.writeProfileDir = writeProfileDir
    output.colour = colour
    return output
  }

  /// Writes the files of `emission` (all or none), then prints its text. A page is not printed
  /// to a terminal.
  func emit(_ emission: ReportOutput.Emission, on console: some Console) throws {
    if format == .html, output == nil, console is StandardConsole, isatty(STDOUT_FILENO) != 0 {
      throw CommandFailure("--format html writes a page: give --output FILE.html (or redirect)")
    }
    try emission.writeFiles()
    console.write(emission.standardOutput)
  }
}
