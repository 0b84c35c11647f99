#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress line on standard error, only when it is a terminal and the work is long.
final class Progress {
  private let console: any Console
  private let enabled: Bool
  private var shown = false

  /// `quiet`: never shown (watch redraws its own screen).
  init(console: any Console, quiet: Bool = false) {
    self.console = console
    enabled = !quiet && console.showsProgress
  }

  func update(_ index: Int, _ path: String, total: Int) {
    guard enabled, total >= 20 else { return }
    shown = true
    let name = displayName(path.split(separator: "/").last.map(String.init) ?? path)
    console.writeError("\r\u{1B}[Kreading \(index + 1)/\(total) \(name)")
  }

  func finish() {
    guard shown else { return }
    console.writeError("\r\u{1B}[K")
  }
}
