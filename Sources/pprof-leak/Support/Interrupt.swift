import PprofCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM as a flag the collection loop polls, so a stop ends the run
/// between two writes, never in the middle of one. A second signal ends the process at once,
/// by that signal, after leaving the alternate screen.
enum Interrupt {
  private static let flag = Atomic<Bool>(false)

  static func install() {
    InterruptSignals.unblock()
    for number in [SIGINT, SIGTERM] {
      signal(number) { number in
        // The first signal asks for a stop. A second leaves the screen and is raised again:
        // blocked while its handler runs, it then gets the default action.
        guard Interrupt.flag.exchange(true, ordering: .relaxed) else { return }
        AlternateScreen.leave()
        signal(number, SIG_DFL)
        raise(number)
      }
    }
  }

  static var requested: Bool { flag.load(ordering: .relaxed) }
}
