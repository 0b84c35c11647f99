public import PprofProfile

/// Two profiles of the same kind compared stack by stack, for one sample type.
///
/// Stacks are matched by their resolved frames (function, file, line), never by location id or
/// address, so snapshots from two processes or two builds of the same code line up.
public struct ProfileDiff: Sendable {
  /// One stack's values in both profiles.
  public struct Entry: Equatable, Sendable {
    public var stack: StackTable.StackID
    public var base: Int64
    public var new: Int64
    public var delta: Int64 { new &- base }
  }

  /// The frames of every stack of either profile.
  public private(set) var table = StackTable()
  public let sampleIndex: Int
  public let sampleType: String
  public let sampleUnit: String
  /// The profile kind ("heap", "goroutine", …; see `Profile.kind`).
  public let kind: ProfileKind
  /// Sums of the sample type over all samples of each profile.
  public let baseTotal: Int64
  public let newTotal: Int64
  /// Every stack present in either profile, largest growth first.
  public private(set) var entries: [Entry] = []

  public init(base: Profile, new: Profile, sampleIndex name: String? = nil)
    throws(ProfileDiffError)
  {
    try base.checkDiffable(with: new)
    do {
      sampleIndex = try Self.sampleTypeIndex(base: base, new: new, named: name)
    } catch {
      throw .sampleIndex(error)
    }
    let index = sampleIndex
    sampleType = new.string(new.sampleTypes[index].type)
    sampleUnit = new.string(new.sampleTypes[index].unit)
    kind = new.kind
    // Stack ids are dense: per-stack sums live in arrays indexed by id.
    var baseValues: [Int64] = []
    var newValues: [Int64] = []
    var present: [Bool] = []
    var totals: [Int64] = [0, 0]
    for (profile, side) in [(base, 0), (new, 1)] {
      // A profile adds at most one stack per sample.
      let most = table.stackCount + profile.sampleCount
      baseValues += repeatElement(0, count: most - baseValues.count)
      newValues += repeatElement(0, count: most - newValues.count)
      present += repeatElement(false, count: most - present.count)
      table.add(profile) { stack, hasLocations, values in
        let value = values[index]
        totals[side] &+= value
        guard hasLocations else { return }
        present[Int(stack)] = true
        if side == 0 {
          baseValues[Int(stack)] &+= value
        } else {
          newValues[Int(stack)] &+= value
        }
      }
      present.removeSubrange(table.stackCount...)
      baseValues.removeSubrange(table.stackCount...)
      newValues.removeSubrange(table.stackCount...)
    }
    baseTotal = totals[0]
    newTotal = totals[1]
    entries = present.indices.compactMap { stack in
      present[stack]
        ? Entry(stack: StackTable.StackID(stack), base: baseValues[stack], new: newValues[stack])
        : nil
    }
    entries.sort { left, right in
      if left.delta != right.delta { return left.delta > right.delta }
      if left.new != right.new { return left.new > right.new }
      return left.stack < right.stack
    }
  }

  /// The sample type of a diff, chosen as pprof chooses it for the merged pair: by name or
  /// index, else the first default sample type of (new, base), else the last type.
  static func sampleTypeIndex(base: Profile, new: Profile, named name: String?)
    throws(SampleIndexError) -> Int
  {
    if name == nil || name?.isEmpty == true, new.defaultSampleType == .empty {
      return try base.sampleTypeIndex(named: name)
    }
    return try new.sampleTypeIndex(named: name)
  }

  /// The frames of `entry`'s stack, leaf first.
  public func frames(of entry: Entry) -> [Frame] { table.resolve(entry.stack) }
}
