#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGINT and SIGTERM, the signals that stop a run.
public enum InterruptSignals {
  /// Unblocks them in this thread: a parent may have left them blocked (a test runner's
  /// thread, a CI agent), and they would then wait, pending, until the run ends.
  public static func unblock() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }
}

/// The temporary files of atomic writes in progress, removed when SIGINT or SIGTERM ends the
/// process before they are renamed into place: a table of C strings made before the handler
/// can read it, so the handler only reads memory and calls unlink(2), which is safe in a signal
/// handler. Installed only where the signals have their default action (`collect` and `watch`
/// stop between writes on their own).
enum TemporaryFiles {
  static let capacity = 64
  /// The table: a path per slot, nil for a free one.
  nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    table.initialize(repeating: nil, count: capacity)
    return table
  }()
  nonisolated(unsafe) static var lock = pthread_mutex_t()
  nonisolated(unsafe) static var installed = false

  /// Records `path` until `forget` is called with the slot; nil when the table is full (the
  /// file is then left on a signal, as before).
  static func remember(_ path: String) -> Int? {
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    installIfDefault()
    guard let slot = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
    slots[slot] = FileName.withCString(path) { strdup($0) }
    return slot
  }

  static func forget(_ slot: Int?) {
    guard let slot else { return }
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    let path = slots[slot]
    slots[slot] = nil
    free(path)
  }

  /// Handlers for the signals still at their default action: remove the files, then die by the
  /// signal as before.
  private static func installIfDefault() {
    guard !installed else { return }
    installed = true
    InterruptSignals.unblock()
    for number in [SIGINT, SIGTERM] {
      var current = sigaction()
      sigaction(number, nil, &current)
      guard current.__sigaction_handler.sa_handler == nil else { continue }
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { number in
        for slot in 0..<TemporaryFiles.capacity {
          if let path = TemporaryFiles.slots[slot] { unlink(path) }
        }
        signal(number, SIG_DFL)
        raise(number)
      }
      sigemptyset(&action.sa_mask)
      sigaction(number, &action, nil)
    }
  }
}
