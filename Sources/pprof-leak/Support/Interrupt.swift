import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM as a flag the collection loop polls, so a stop ends the run
/// between two writes, never in the middle of one. A second signal kills at once.
enum Interrupt {
  private static let flag = Atomic<Bool>(false)

  static func install() {
    // A parent may have left the signals blocked (a test runner's thread, a CI agent): then
    // they would wait, pending, until the run ends.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    for number in [SIGINT, SIGTERM] {
      signal(number) { number in
        Interrupt.flag.store(true, ordering: .relaxed)
        signal(number, SIG_DFL)
      }
    }
  }

  static var requested: Bool { flag.load(ordering: .relaxed) }
}
