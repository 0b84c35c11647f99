import Dispatch
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import PprofCore

/// The loader's workers share one `--max-decompressed-size` of memory for the bytes they read
/// and inflate, however many cores there are (issue 20, item 5).
@Suite("Memory budget: one decompression cap across the loader's workers")
struct MemoryBudgetTests {
  static let leaky = Fixture.profiles.appendingPathComponent("leaky").path

  /// The leaky series' binary profiles, and what each holds while it is read and inflated.
  static func leakyProfiles() throws -> [(path: String, footprint: Int)] {
    try ProfileDirectory.files(in: [leaky], recursive: false).files
      .map(\.path).filter { $0.hasSuffix(".pb.gz") }
      .map { path in
        let footprint = try #require(ProfileFile.footprint(path: path))
        return (path, footprint.size + (footprint.inflated ?? 0))
      }
  }

  @Test("a series is read within one cap: never more than the cap held at once, every file read")
  func seriesWithinCap() throws {
    let profiles = try Self.leakyProfiles()
    #expect(profiles.count == 16)
    let largest = try #require(profiles.map(\.footprint).max())
    // Room for one file and a half: the files are inflated one or two at a time.
    let loader = ProfileLoader(maxDecompressedSize: largest * 3 / 2)
    let budget = MemoryBudget(capacity: loader.maxDecompressedSize)
    var read = 0
    try loader.loadInOrder(profiles.map(\.path), window: 8, budget: budget) { _, result in
      _ = try result.get()
      read += 1
    }
    #expect(read == 16)
    #expect(budget.peak >= largest)
    #expect(budget.peak <= loader.maxDecompressedSize)
    #expect(profiles.map(\.footprint).reduce(0, +) > 4 * loader.maxDecompressedSize)
  }

  @Test("a gzip trailer that promises less than the data holds: read again, alone, under the whole cap")
  func trailerThatPromisesLess() throws {
    // Two gzip members: the trailer gives the size of the last one only.
    let path = Fixture.path("profiles/types/heap-multimember.pb.gz")
    let footprint = try #require(ProfileFile.footprint(path: path))
    let plain = try Fixture.bytes(Fixture.path("profiles/types/heap.pb"))
    #expect(try #require(footprint.inflated) < plain.count)
    let loader = ProfileLoader(maxDecompressedSize: 1 << 20)
    let budget = MemoryBudget(capacity: loader.maxDecompressedSize)
    let snapshots = try loader.loadSnapshots(path: path, within: budget)
    #expect(snapshots.count == 1)
    #expect(budget.peak == budget.capacity)
    #expect(try snapshots[0].profile == ProfileLoader().load(path: Fixture.path("profiles/types/heap.pb")))
  }

  @Test("data over the cap is refused with the cap in the message, not the trailer's estimate")
  func bombRefusedAtTheCap() throws {
    let loader = ProfileLoader(maxDecompressedSize: 1 << 20)
    let budget = MemoryBudget(capacity: loader.maxDecompressedSize)
    let error = #expect(throws: ProfileLoadError.self) {
      try loader.loadSnapshots(path: Fixture.path("malformed/bomb.pb.gz"), within: budget)
    }
    #expect(error?.description.contains("more than 1 MiB") == true)
  }

  @Test("requests are served in order: a big one waiting holds back the small ones behind it")
  func firstComeFirstServed() throws {
    let budget = MemoryBudget(capacity: 10)
    let first = budget.reserve(6)
    let order = Mutex<[String]>([])
    let done = DispatchGroup()
    DispatchQueue.global().async(group: done) {
      let big = budget.reserve(8)
      order.withLock { $0.append("big") }
      budget.release(big)
    }
    // Let the big request queue first.
    while budget.waitingCount == 0 { usleep(1000) }
    DispatchQueue.global().async(group: done) {
      let small = budget.reserve(3)
      order.withLock { $0.append("small") }
      budget.release(small)
    }
    while budget.waitingCount < 2 { usleep(1000) }
    #expect(order.withLock { $0 }.isEmpty)  // 4 of 10 were free, but the small one is second
    budget.release(first)
    done.wait()
    #expect(order.withLock { $0 } == ["big", "small"])
    #expect(budget.peak == 8)
    #expect(budget.reserve(50) == 10)  // more than the whole budget: all of it, alone
  }
}
