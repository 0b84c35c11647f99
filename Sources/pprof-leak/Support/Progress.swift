#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress line on standard error, only when it is a terminal and the work is long.
final class Progress {
  private let enabled: Bool
  private var shown = false

  /// `quiet`: never shown (watch redraws its own screen).
  init(quiet: Bool = false) {
    enabled = !quiet && isatty(STDERR_FILENO) != 0
  }

  func update(_ index: Int, _ path: String, total: Int) {
    guard enabled, total >= 20 else { return }
    shown = true
    let name = path.split(separator: "/").last.map(String.init) ?? path
    StandardStreams.writeError("\r\u{1B}[Kreading \(index + 1)/\(total) \(name)")
  }

  func finish() {
    guard shown else { return }
    StandardStreams.writeError("\r\u{1B}[K")
  }
}
