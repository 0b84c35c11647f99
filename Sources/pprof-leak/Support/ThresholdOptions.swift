import ArgumentParser
import PprofCore

/// The growth thresholds of the leak rules (see `LeakDetector` and the man page).
struct ThresholdOptions: ParsableArguments {
  @Option(
    name: .customLong("min-goroutines"),
    help: "Goroutines a stack group must gain to be rated a leak.")
  var minGoroutines: Int64 = LeakThresholds().minGoroutines

  @Option(
    name: .customLong("min-heap"),
    help: ArgumentHelp("inuse_space a stack group must gain (e.g. 1M, 512K).", valueName: "size"),
    transform: { text in
      guard let bytes = ByteCount.parse(text) else {
        throw ValidationError("'\(text)' is not a size: use bytes or a K, M or G suffix")
      }
      return Int64(bytes)
    })
  var minHeapBytes: Int64 = LeakThresholds().minHeapBytes

  @Option(
    name: .customLong("min-objects"),
    help: "inuse_objects a stack group must gain.")
  var minHeapObjects: Int64 = LeakThresholds().minHeapObjects

  @Option(
    name: .customLong("min-growth"),
    help: ArgumentHelp(
      "The gain must also be at least this share of the group's new value (e.g. 10%, 0.1).",
      valueName: "share"),
    transform: { text in
      let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
      guard let value = Double(trimmed), value >= 0, value.isFinite else {
        throw ValidationError("'\(text)' is not a share: use e.g. 20% or 0.2")
      }
      return text.hasSuffix("%") ? value / 100 : value
    })
  var minGrowthFraction: Double = LeakThresholds().minGrowthFraction

  func validate() throws {
    guard minGoroutines >= 1 else { throw ValidationError("--min-goroutines must be 1 or more") }
    guard minHeapObjects >= 1 else { throw ValidationError("--min-objects must be 1 or more") }
    guard minGrowthFraction <= 1 else {
      throw ValidationError("--min-growth must be at most 100%")
    }
  }

  var thresholds: LeakThresholds {
    LeakThresholds(
      minGoroutines: minGoroutines, minHeapBytes: minHeapBytes, minHeapObjects: minHeapObjects,
      minGrowthFraction: minGrowthFraction)
  }
}
