import PprofProfile

/// Stacks grouped into would-be findings by pattern, responsible frame and anchor (see
/// `StackClassifier.GroupKey`), summing their values snapshot by snapshot: the one grouping of
/// `diff` (two values a stack) and `trend` (a series a stack). Frames are resolved once per
/// group, not per stack.
struct StackGroups {
  struct Group {
    var key: StackClassifier.GroupKey
    /// The attribution note of the group's first stack.
    var note: String?
    /// The sum of the group's stacks, per snapshot.
    var values: [Int64]
    /// The stack that grew most (last − first); the first seen among equals.
    var stack: StackTable.StackID
    var stackGrowth: Int64
    var stackCount: Int
  }

  private(set) var groups: [Group] = []
  private var index: [StackClassifier.GroupKey: Int] = [:]
  let classifier: StackClassifier
  let table: StackTable

  /// Groups `count` stacks, taken in the order given (which decides the representative stack
  /// among equals, and so must be a total order): row `row` is stack `stack(row)`, whose value
  /// in snapshot `step` is `value(row, step)`. Values are read in place, so the 156,000 stacks
  /// of a large diff cost no allocation each; only a group's sums are an array.
  init(
    count: Int, steps: Int, stack: (Int) -> StackTable.StackID, value: (Int, Int) -> Int64,
    table: StackTable, isGoroutine: Bool, sources: SourceResolver?
  ) {
    self.table = table
    classifier = StackClassifier(
      frames: table.frames, waitReasons: table.waitReasons, isGoroutine: isGoroutine, sources: sources)
    for row in 0..<count {
      let id = stack(row)
      let ids = table.frameIDs(of: id)
      let reason = table.waitReasonID(of: id)
      let key = classifier.key(ids, waitReason: reason)
      let growth = steps == 0 ? 0 : value(row, steps - 1) &- value(row, 0)
      if let position = index[key] {
        for step in 0..<steps { groups[position].values[step] &+= value(row, step) }
        groups[position].stackCount += 1
        if growth > groups[position].stackGrowth {
          groups[position].stackGrowth = growth
          groups[position].stack = id
        }
      } else {
        index[key] = groups.count
        groups.append(
          Group(
            key: key, note: classifier.classify(ids, waitReason: reason).note,
            values: (0..<steps).map { value(row, $0) }, stack: id, stackGrowth: growth, stackCount: 1))
      }
    }
  }

  /// The finding of `group` before it is rated: pattern, frames and values.
  func finding(_ group: Group, kind: ProfileKind, sampleType: String, sampleUnit: String) -> Finding {
    Finding(
      severity: .info, pattern: group.key.pattern, profileKind: kind, sampleType: sampleType,
      sampleUnit: sampleUnit,
      responsible: group.key.responsible < 0 ? nil : table.frames[Int(group.key.responsible)],
      attributionNote: group.note, stack: table.resolve(group.stack),
      waitReason: table.waitReason(of: group.stack), stackCount: group.stackCount, values: group.values)
  }

  /// The key `group` has across profiles and dumps.
  func findingKey(of group: Group) -> FindingKey {
    classifier.findingKey(group.key, stack: table.frameIDs(of: group.stack))
  }

  /// The traceback evidence of `group`'s goroutines, from an index by finding key.
  func evidence(of group: Group, in index: [FindingKey: WaitEvidence]) -> WaitEvidence? {
    guard !index.isEmpty else { return nil }
    return index[findingKey(of: group)]
  }
}
