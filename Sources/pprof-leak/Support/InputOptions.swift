import ArgumentParser
import PprofCore

/// Options every command that reads profiles shares.
struct InputOptions: ParsableArguments {
  @Option(
    name: .customLong("max-decompressed-size"),
    help: ArgumentHelp(
      "The most bytes one profile may read or decompress to, and the memory the cores share to read and inflate files (e.g. 512M, 2G; default 1G).",
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

  func apply(to settings: inout AnalysisSettings) {
    settings.maxDecompressedSize = maxDecompressedSize
    settings.sourceRoots = sourceRoots
  }
}

/// Prints what a run says on the side (notes, warnings) on standard error, and its progress
/// line on a terminal.
struct RunReporter {
  let progress: Progress
  let console: any Console

  /// `quiet`: no progress line (watch redraws its own screen).
  init(console: any Console = StandardConsole(), quiet: Bool = false) {
    self.console = console
    progress = Progress(console: console, quiet: quiet)
  }

  func callAsFunction(_ event: RunEvent) {
    switch event {
    case .reading(let index, let total, let path): progress.update(index, path, total: total)
    case .finishedReading: progress.finish()
    case .diagnostic(let diagnostic): console.writeError("pprof-leak: \(diagnostic)\n")
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
