import Dispatch
import Foundation
import Synchronization
public import PprofAnalysis

extension ProfileLoader {
  /// Loads `paths` on every core and hands the results to `consume` one at a time, in order.
  /// At most `window` files (default: twice the cores) are read ahead of the one being
  /// consumed, so memory holds a few decoded profiles at a time, never the whole series; and
  /// the files being read and inflated share one `maxDecompressedSize` of memory, however many
  /// cores there are (a big file is inflated alone).
  public func loadInOrder(
    _ paths: [String], window: Int? = nil,
    consume: (Int, Result<[Snapshot], ProfileLoadError>) throws -> Void
  ) rethrows {
    try loadInOrder(
      paths, window: window, budget: MemoryBudget(capacity: maxDecompressedSize), consume: consume)
  }

  /// `loadInOrder`, with the memory budget given.
  package func loadInOrder(
    _ paths: [String], window: Int? = nil, budget: MemoryBudget,
    consume: (Int, Result<[Snapshot], ProfileLoadError>) throws -> Void
  ) rethrows {
    try loadInOrder(
      paths, window: window, budget: budget,
      load: { loader, path throws(ProfileLoadError) in try loader.loadSnapshots(path: path) },
      consume: consume)
  }

  /// `loadInOrder`, each file's samples prepared for a series on the loading thread.
  public func loadPreparedInOrder(
    _ paths: [String], window: Int? = nil,
    consume: (Int, Result<[PreparedSnapshot], ProfileLoadError>) throws -> Void
  ) rethrows {
    try loadInOrder(
      paths, window: window, budget: MemoryBudget(capacity: maxDecompressedSize),
      load: { loader, path throws(ProfileLoadError) in try loader.loadPrepared(path: path) },
      consume: consume)
  }

  private func loadInOrder<Item: Sendable>(
    _ paths: [String], window: Int?, budget: MemoryBudget,
    load: @escaping @Sendable (ProfileLoader, String) throws(ProfileLoadError) -> Item,
    consume: (Int, Result<Item, ProfileLoadError>) throws -> Void
  ) rethrows {
    guard !paths.isEmpty else { return }
    let loader = self
    let results = Mutex<[Result<Item, ProfileLoadError>?]>(Array(repeating: nil, count: paths.count))
    let ready = paths.map { _ in DispatchSemaphore(value: 0) }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let slots = DispatchSemaphore(value: max(window ?? 2 * cores, 1))
    let next = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
    let workers = max(1, min(cores, paths.count))
    let group = DispatchGroup()
    for _ in 0..<workers {
      DispatchQueue.global().async(group: group) {
        while true {
          // A slot is taken before an index, so the oldest file not yet consumed always has one.
          slots.wait()
          let index = next.add(1, ordering: .relaxed).oldValue
          guard index < paths.count, !stop.load(ordering: .relaxed) else {
            slots.signal()
            return
          }
          let result = Result { () throws(ProfileLoadError) in
            try loader.within(budget, path: paths[index], load)
          }
          results.withLock { $0[index] = result }
          ready[index].signal()
        }
      }
    }
    defer {
      stop.store(true, ordering: .relaxed)
      // Free every worker that may be waiting for a slot, then wait for all of them.
      for _ in 0..<workers { slots.signal() }
      group.wait()
    }
    for index in paths.indices {
      ready[index].wait()
      let result = results.withLock { results -> Result<Item, ProfileLoadError> in
        defer { results[index] = nil }
        return results[index]!
      }
      slots.signal()
      try consume(index, result)
    }
  }
}
