import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The terminal's alternate screen, where `watch` redraws its report. Whatever ends the run
/// leaves it: the normal way out, an error, and a second Ctrl-C (Interrupt's handler calls
/// `leave()`, so it writes with write(2) and keeps its state in an atomic).
enum AlternateScreen {
  private static let isShown = Atomic<Bool>(false)

  static func enter() {
    isShown.store(true, ordering: .relaxed)
    send("\u{1B}[?1049h")
  }

  /// Back to the normal screen; nothing when not on the alternate one. Safe in a signal handler.
  static func leave() {
    guard isShown.exchange(false, ordering: .relaxed) else { return }
    send("\u{1B}[?1049l")
  }

  private static func send(_ sequence: StaticString) {
    _ = write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
  }
}
