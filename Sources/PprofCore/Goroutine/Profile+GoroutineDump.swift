import Foundation
public import PprofProfile

extension Profile {
  /// The goroutine profile a text dump stands for: one sample per group, valued by its
  /// goroutine count, and the same sample type as Go's binary profiles of the same name
  /// (`goroutine/count`, `goroutineleak/count`), so `top`, `diff` and `trend` read dumps as
  /// they read profiles.
  ///
  /// Tracebacks hide the runtime frames that say what a goroutine waits on, but their header
  /// states it; the state (`chan send`) becomes the label `Profile.waitReasonLabel`, which
  /// stacks are told apart and classified by. debug=1 labels become string labels.
  public init(goroutineDump dump: GoroutineDump) {
    var assembler = ProfileAssembler()
    // "goroutine", or the count profile a debug=1 page names ("goroutineleak").
    let goroutine = ValueType(type: assembler.string(dump.profileName), unit: assembler.string("count"))
    var parsedLabels: [String: [Label]] = [:]
    for group in dump.groups {
      var labels: [Label]
      if let known = parsedLabels[group.labels] {
        labels = known
      } else {
        labels = Self.labelPairs(group.labels).map {
          Label(key: assembler.string($0.0), str: assembler.string($0.1))
        }
        parsedLabels[group.labels] = labels
      }
      if !group.waitReason.isEmpty {
        labels.append(
          Label(key: assembler.string(Self.waitReasonLabel), str: assembler.string(group.waitReason)))
      }
      let ids = group.frames.map { assembler.location([$0]) }
      assembler.add(Sample(locationIDs: ids, values: [Int64(group.count)], labels: labels))
    }
    self = assembler.finished()
    sampleTypes = [goroutine]
    periodType = goroutine
    period = 1
  }

  /// `{"handler":"/upload", "tenant":"t-42"}` → [("handler", "/upload"), ("tenant", "t-42")].
  static func labelPairs(_ text: String) -> [(String, String)] {
    guard !text.isEmpty,
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else { return [] }
    return object.compactMap { key, value in (value as? String).map { (key, $0) } }
      .sorted { $0.0 < $1.0 }
  }
}

extension GoroutineDump {
  /// The goroutines of a `goroutineleak` profile (binary, or a debug=1 page read as a profile)
  /// as a dump: one group per stack, every goroutine proved leaked, no times, and no wait
  /// reasons unless the profile carries them (one pprof-leak wrote).
  public init(goroutineleak profile: Profile) {
    var table = StackTable()
    var counts: [StackTable.StackID: Int] = [:]
    var order: [StackTable.StackID] = []
    table.add(PreparedStacks(profile)) { stack, hasLocations, values in
      guard hasLocations, let count = values.first, count > 0 else { return }
      if counts[stack] == nil { order.append(stack) }
      counts[stack, default: 0] += Int(count)
    }
    let groups = order.map { stack in
      Group(
        count: counts[stack] ?? 0, waitReason: table.waitReason(of: stack) ?? "", leaked: true,
        minutesBlockedCounts: [:], lockedToThread: false, frames: table.resolve(stack),
        elidedFrames: 0, createdBy: nil, labels: "")
    }
    self.init(
      format: .debug1, total: groups.reduce(0) { $0 + $1.count }, groups: groups, firstLine: 0,
      warnings: [])
    profileName = "goroutineleak"
    isLeakCheck = true
  }
}
