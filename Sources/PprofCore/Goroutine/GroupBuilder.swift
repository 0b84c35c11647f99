import PprofUnits
import PprofProfile

/// Groups goroutines by stack, state and creator, keeping first-seen order.
struct GroupBuilder {
  private struct Key: Hashable {
    var stack: [Int32]
    var waitReason: String
    var leaked: Bool
    var lockedToThread: Bool
    var creator: Int32
    var labels: String

    func hash(into hasher: inout Hasher) {
      stack.withUnsafeBytes { hasher.combine(bytes: $0) }
      hasher.combine(waitReason)
      hasher.combine(creator)
      hasher.combine(labels)
    }
  }

  private var groups: [GoroutineDump.Group] = []
  private var index: [Key: Int] = [:]
  private(set) var goroutines = 0
  var warnings: [String] = []
  /// Goroutines skipped because a line that is not a frame broke into them, and the first
  /// such line.
  private var cutGoroutines = 0
  private var firstCutLine = 0

  var isEmpty: Bool { groups.isEmpty && warnings.isEmpty && cutGoroutines == 0 }

  mutating func skipCut(line: Int) {
    if cutGoroutines == 0 { firstCutLine = line }
    cutGoroutines += 1
  }

  /// `minutes`: from the header (0 when it gave none); nil for debug=1, which has no headers.
  mutating func add(
    frames: @autoclosure () -> [Frame], stackKey: [Int32], waitReason: String, leaked: Bool,
    minutes: Int?,
    lockedToThread: Bool, createdBy: Frame?, creatorKey: Int32, elided: Int, labels: String,
    count: Int
  ) {
    goroutines += count
    let key = Key(
      stack: stackKey, waitReason: waitReason, leaked: leaked, lockedToThread: lockedToThread,
      creator: creatorKey, labels: labels)
    if let position = index[key] {
      groups[position].count += count
      if let minutes { groups[position].minutesBlockedCounts[minutes, default: 0] += count }
      return
    }
    index[key] = groups.count
    groups.append(
      GoroutineDump.Group(
        count: count, waitReason: waitReason, leaked: leaked,
        minutesBlockedCounts: minutes.map { [$0: count] } ?? [:], lockedToThread: lockedToThread,
        frames: frames(), elidedFrames: elided, createdBy: createdBy, labels: labels))
  }

  func dump(format: GoroutineDump.Format, firstLine: Int) -> GoroutineDump {
    var warnings = warnings
    if cutGoroutines > 0 {
      warnings.append(
        "line \(firstCutLine): skipped \(Quantity.goroutines(cutGoroutines)) cut off by lines that are not frames (a log "
          + "line in the middle of the dump, or a dump cut short and continued)")
    }
    return GoroutineDump(
      format: format, total: goroutines, groups: groups, firstLine: firstLine, warnings: warnings)
  }
}
