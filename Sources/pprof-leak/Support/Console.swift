/// Where a command's report and its messages go: the process's streams when it runs, or a
/// buffer when a test runs the command in-process.
protocol Console: AnyObject {
  /// The report, on standard output.
  func write(_ text: String)
  /// A message, on standard error.
  func writeError(_ text: String)
  /// Whether standard error is a terminal that can show a progress line.
  var showsProgress: Bool { get }
}

/// The process's standard output and standard error (see `StandardStreams`).
final class StandardConsole: Console {
  func write(_ text: String) { StandardStreams.writeOutput(text) }
  func writeError(_ text: String) { StandardStreams.writeError(text) }
  var showsProgress: Bool { isatty(STDERR_FILENO) != 0 }
}

/// Both streams kept as text, for tests.
final class BufferConsole: Console {
  private(set) var output = ""
  private(set) var error = ""
  func write(_ text: String) { output += text }
  func writeError(_ text: String) { error += text }
  var showsProgress: Bool { false }
}

/// A command that reports through a console, so a test can run it in-process.
protocol ConsoleCommand {
  func execute(on console: some Console) throws
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
