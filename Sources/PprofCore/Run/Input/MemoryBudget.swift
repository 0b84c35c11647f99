import Dispatch
import Synchronization

/// A number of bytes shared by the loader's workers: a worker reserves what one file will hold
/// while it is read, inflated and decoded, and waits while others hold the rest. Requests are
/// served first come, first served, so a big file is never starved by small ones; a request
/// larger than the whole budget waits until nothing else is held and then runs alone.
package final class MemoryBudget: Sendable {
  /// The bytes that may be held at once.
  package let capacity: Int

  private struct State {
    var inUse = 0
    /// The most bytes held at once so far.
    var peak = 0
    /// Requests waiting, oldest first, each woken by its semaphore once granted.
    var waiting: [(bytes: Int, granted: DispatchSemaphore)] = []

    mutating func take(_ bytes: Int) {
      inUse += bytes
      peak = max(peak, inUse)
    }
  }

  private let state = Mutex(State())

  package init(capacity: Int) {
    self.capacity = max(capacity, 1)
  }

  /// The most bytes held at once since the budget was made.
  package var peak: Int { state.withLock(\.peak) }

  /// The requests waiting for bytes.
  package var waitingCount: Int { state.withLock(\.waiting.count) }

  /// Waits until `bytes` (at most the capacity) can be held, and holds them: the caller must
  /// `release` what this returns.
  package func reserve(_ bytes: Int) -> Int {
    let bytes = min(max(bytes, 0), capacity)
    let wait = state.withLock { state -> DispatchSemaphore? in
      if state.waiting.isEmpty, state.inUse + bytes <= capacity {
        state.take(bytes)
        return nil
      }
      let granted = DispatchSemaphore(value: 0)
      state.waiting.append((bytes, granted))
      return granted
    }
    wait?.wait()
    return bytes
  }

  /// Gives back bytes a `reserve` returned, and grants the waiting requests that now fit.
  package func release(_ bytes: Int) {
    state.withLock { state in
      state.inUse -= bytes
      while let first = state.waiting.first, state.inUse + first.bytes <= capacity {
        state.waiting.removeFirst()
        state.take(first.bytes)
        first.granted.signal()
      }
    }
  }
}
