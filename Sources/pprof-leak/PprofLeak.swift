import ArgumentParser
import PprofCore

/// The root command: `pprof-leak <subcommand>`.
struct PprofLeak: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pprof-leak",
    abstract: "Find memory and goroutine leaks in Go services from their pprof profiles.",
    discussion: """
      Reads profiles written by Go's runtime/pprof (gzip-compressed or plain profile.proto) and \
      goroutine text dumps (debug=1, debug=2, panic and SIGQUIT tracebacks) from files or \
      standard input (-).

      Start with:
        pprof-leak trend DIR      rank what grows across many snapshots
        pprof-leak diff OLD NEW   what grew between two, and the line to fix
        pprof-leak top FILE       one profile, like go tool pprof -top
        pprof-leak collect URL    snapshots of a running service's /debug/pprof/
        pprof-leak watch URL      the same, with the findings redrawn each round

      Exit status: 0 when the analysis ran and found nothing, 1 when it found a leak, \
      2 for bad usage or unreadable input.
      """,
    version: PprofLeak.versionLine,
    subcommands: [Top.self, Diff.self, Trend.self, Collect.self, Watch.self, MeasureDecode.self]
  )

  static let version = "0.1.0"

  /// What `--version` prints: the version, and in a release build (scripts/release.sh) the
  /// commit it was built from.
  static var versionLine: String {
    #if PPROF_LEAK_RELEASE
      "\(version) (commit \(releaseCommit))"
    #else
      version
    #endif
  }
}

/// Exit statuses of the contract in the man page.
enum ExitStatus {
  /// A leak or growth over the threshold was found.
  static let findings = ExitCode(1)
  /// Bad usage, unreadable or malformed input, or an internal failure.
  static let trouble = ExitCode(2)
}

@main
enum Main {
  static func main() {
    Allocator.keepFreedMemory()
    StandardStreams.reserveDescriptors()
    run(Array(arguments.dropFirst()))
  }

  /// The arguments as the kernel passed them: `CommandLine.arguments` repairs bytes that are
  /// not UTF-8 into U+FFFD, which would name another file; `FileName` keeps them.
  static var arguments: [String] {
    (0..<Int(CommandLine.argc)).map { index in
      guard let argument = CommandLine.unsafeArgv[index] else { return "" }
      var length = 0
      while argument[length] != 0 { length += 1 }
      return FileName.string(
        UnsafeBufferPointer(start: argument, count: length).lazy.map { UInt8(bitPattern: $0) })
    }
  }

  /// Parses and runs; every failure other than findings and help ends with status 2.
  static func run(_ arguments: [String]) -> Never {
    let status = run(arguments, on: StandardConsole())
    PprofLeak.exit(withError: status == 0 ? nil : ExitCode(status))
  }

  /// Parses and runs with `console` for the report and messages, and returns the exit status:
  /// what `main` does, and what tests run in-process.
  static func run(_ arguments: [String], on console: some Console) -> Int32 {
    do {
      var command = try PprofLeak.parseAsRoot(arguments)
      if let reporting = command as? any ConsoleCommand {
        try reporting.execute(on: console)
      } else {
        try command.run()
      }
      return 0
    } catch {
      // A report with findings has already been printed.
      if (error as? ExitCode) == ExitStatus.findings { return ExitStatus.findings.rawValue }
      // --help, --version and completion scripts go to standard output, as a report does, so
      // that a failed write is an exit 2 rather than a status 0 with the text lost.
      if PprofLeak.exitCode(for: error) == .success {
        let text = PprofLeak.fullMessage(for: error)
        console.write(text.isEmpty || text.hasSuffix("\n") ? text : text + "\n")
        return 0
      }
      if let failure = error as? CommandFailure {
        console.writeError("pprof-leak: error: \(failure.message)\n")
      } else if let failure = error as? RunError {
        console.writeError("pprof-leak: error: \(failure)\n")
      } else {
        console.writeError(PprofLeak.fullMessage(for: error) + "\n")
      }
      return ExitStatus.trouble.rawValue
    }
  }
}
