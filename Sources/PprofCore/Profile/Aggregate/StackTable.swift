/// Interns frames and stacks across any number of profiles, so that the same stack compares
/// equal wherever it came from: identity is the sequence of (function, file, line) frames, leaf
/// first, with inlined calls expanded, independent of each file's location ids and addresses,
/// and the wait reason a traceback gives its goroutines (see `Profile.waitReasonLabel`).
///
/// Stacks live in one flat array of frame ids with offsets, found through an open-addressing
/// table of hashes built from each frame's content hash: a stack's hash is the same whichever
/// profile it came from, so `PreparedStacks` can compute it on the thread that decoded the
/// profile, and interning is then a probe and a comparison of frame ids, with no allocation.
public struct StackTable: Sendable {
  /// An index into `frames`.
  public typealias FrameID = Int32
  /// An index of `stackCount` stacks.
  public typealias StackID = Int32
  /// An index into `waitReasons`.
  public typealias WaitReasonID = Int32

  /// A call the compiler inlined: one location's line (`callee`) and the line after it, in the
  /// function it was inlined into (`caller`).
  public struct InlinedCall: Hashable, Sendable {
    public var callee: FrameID
    public var caller: FrameID

    public init(callee: FrameID, caller: FrameID) {
      self.callee = callee
      self.caller = caller
    }
  }

  private var frameTable = InternTable<Frame>()
  public var frames: [Frame] { frameTable.values }
  /// Every inlined call of the profiles added, so that their stacks can be written back with
  /// the inlined frames in one location.
  public private(set) var inlinedCalls: Set<InlinedCall> = []
  private var waitReasonTable = InternTable<String>()
  /// The wait reasons of the stacks, each once.
  public var waitReasons: [String] { waitReasonTable.values }

  /// Every stack's frame ids, leaf first, one after another.
  private var stackFrames: [FrameID] = []
  /// Where each stack starts in `stackFrames`; one more entry than stacks.
  private var stackStarts: [Int] = [0]
  private var stackHashes: [UInt64] = []
  /// Each stack's wait reason, -1 for none.
  private var stackWaitReasons: [WaitReasonID] = []
  /// Open addressing: a stack id per slot, -1 when empty; the count is a power of two.
  private var slots: [StackID] = Array(repeating: -1, count: 1024)

  public init() {}

  /// How many distinct stacks have been interned.
  public var stackCount: Int { stackHashes.count }

  /// The frame ids of `stack`, leaf first.
  public func frameIDs(of stack: StackID) -> ArraySlice<FrameID> {
    stackFrames[stackStarts[Int(stack)]..<stackStarts[Int(stack) + 1]]
  }

  /// The wait reason of `stack`, an index of `waitReasons`; nil for none.
  public func waitReasonID(of stack: StackID) -> WaitReasonID? {
    let reason = stackWaitReasons[Int(stack)]
    return reason < 0 ? nil : reason
  }

  /// The wait reason of `stack`: what its goroutines wait on, when a traceback said.
  public func waitReason(of stack: StackID) -> String? {
    waitReasonID(of: stack).map { waitReasons[Int($0)] }
  }

  public mutating func intern(_ frame: Frame) -> FrameID { frameTable.intern(frame) }

  /// The id of the stack of `count` frames `frame(0)`, `frame(1)`, … (leaf first) and wait
  /// reason `reason` (-1 for none) whose `hash` is given, added when new.
  @inline(__always)
  private mutating func intern(
    hash: UInt64, count: Int, reason: WaitReasonID, _ frame: (Int) -> FrameID
  ) -> StackID {
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while true {
      let id = slots[slot]
      if id < 0 { break }
      if stackHashes[Int(id)] == hash, stackWaitReasons[Int(id)] == reason, equals(id, count, frame) {
        return id
      }
      slot = (slot + 1) & (slots.count - 1)
    }
    let id = StackID(stackHashes.count)
    for offset in 0..<count { stackFrames.append(frame(offset)) }
    stackStarts.append(stackFrames.count)
    stackHashes.append(hash)
    stackWaitReasons.append(reason)
    slots[slot] = id
    if stackHashes.count * 2 > slots.count { grow() }
    return id
  }

  @inline(__always)
  private func equals(_ id: StackID, _ count: Int, _ frame: (Int) -> FrameID) -> Bool {
    let start = stackStarts[Int(id)]
    let end = stackStarts[Int(id) + 1]
    guard end - start == count else { return false }
    return stackFrames.withUnsafeBufferPointer { all in
      for offset in 0..<count where all[start + offset] != frame(offset) { return false }
      return true
    }
  }

  private mutating func grow() {
    var bigger = [StackID](repeating: -1, count: slots.count * 2)
    let mask = bigger.count - 1
    for (id, hash) in stackHashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while bigger[slot] >= 0 { slot = (slot + 1) & mask }
      bigger[slot] = StackID(id)
    }
    slots = bigger
  }

  /// A frame's (or wait reason's) hash from its content alone, so that it is the same in every
  /// table of the process (Swift's hashing is seeded once per process).
  static func contentHash(_ value: some Hashable) -> UInt64 {
    UInt64(UInt(bitPattern: value.hashValue))
  }

  /// A stack's hash: `combine` each frame's content hash into `hashSeed` with its position,
  /// leaf first, then `finish`.
  static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

  /// Adds the frame's hash times an odd multiplier of its position: the frames' products are
  /// independent of each other, so a deep stack is not one long chain of multiplications.
  @inline(__always)
  static func combine(_ hash: UInt64, _ frameHash: UInt64, at position: Int) -> UInt64 {
    hash &+ frameHash &* ((UInt64(truncatingIfNeeded: position) &<< 1 | 1) &* 0x9e37_79b9_7f4a_7c15)
  }

  /// A final avalanche, so that the low bits index the table well.
  @inline(__always)
  static func finish(_ hash: UInt64) -> UInt64 {
    var hash = hash ^ (hash >> 33)
    hash = hash &* 0xff51_afd7_ed55_8ccd
    return hash ^ (hash >> 33)
  }

  /// The frames of `stack`, leaf first.
  public func resolve(_ stack: StackID) -> [Frame] {
    let frames = frameTable.values
    return frameIDs(of: stack).map { frames[Int($0)] }
  }

  /// Interns every sample's stack of `profile` and returns the stack id of each sample, in
  /// sample order.
  public mutating func add(_ profile: Profile) -> [StackID] {
    var ids: [StackID] = []
    ids.reserveCapacity(profile.sampleCount)
    add(profile) { stack, _, _ in ids.append(stack) }
    return ids
  }

  /// Interns every sample's stack of `profile`, in sample order, and calls `body` with the
  /// stack id, whether the sample has any location, and its values (a buffer reused from one
  /// sample to the next).
  public mutating func add(
    _ profile: Profile,
    _ body: (_ stack: StackID, _ hasLocations: Bool, _ values: UnsafeBufferPointer<Int64>) -> Void
  ) {
    add(PreparedStacks(profile), body)
  }

  /// Interns the stacks of a prepared profile, as `add(_:_:)` does.
  public mutating func add(
    _ prepared: PreparedStacks,
    _ body: (_ stack: StackID, _ hasLocations: Bool, _ values: UnsafeBufferPointer<Int64>) -> Void
  ) {
    let global = prepared.frames.map { intern($0) }
    let reasons = prepared.waitReasons.map { waitReasonTable.intern($0) }
    for call in prepared.inlinedCalls {
      inlinedCalls.insert(
        InlinedCall(callee: global[Int(call.callee)], caller: global[Int(call.caller)]))
    }
    global.withUnsafeBufferPointer { global in
      prepared.sampleFrames.withUnsafeBufferPointer { sampleFrames in
        prepared.values.withUnsafeBufferPointer { values in
          for sample in 0..<prepared.sampleCount {
            let start = Int(prepared.sampleStarts[sample])
            let count = Int(prepared.sampleStarts[sample + 1]) - start
            let reason = prepared.waitReason(ofSample: sample).map { reasons[Int($0)] } ?? -1
            let stack = intern(hash: prepared.sampleHashes[sample], count: count, reason: reason) {
              global[Int(sampleFrames[start + $0])]
            }
            let first = sample * prepared.valueCount
            body(
              stack, prepared.hasLocations[sample],
              UnsafeBufferPointer(rebasing: values[first..<first + prepared.valueCount]))
          }
        }
      }
    }
  }
}

extension Profile {
  /// The resolved frames of `sample`, leaf first, with inlined calls expanded.
  public func frames(of sample: Sample) -> [Frame] {
    var frames: [Frame] = []
    for id in sample.locationIDs {
      if let index = locationIndex(of: id) { appendFrames(of: locations[index], to: &frames) }
    }
    return frames
  }

  /// Appends the frames of `location`'s lines, the calls inlined into it first; a line whose
  /// function is unknown gets a frame with no name.
  func appendFrames(of location: Location, to frames: inout [Frame]) {
    for line in location.lines {
      guard let function = functionIndex(of: line.functionID).map({ functions[$0] }) else {
        frames.append(Frame(function: "", file: "", line: line.line))
        continue
      }
      frames.append(
        Frame(function: string(function.name), file: string(function.filename), line: line.line))
    }
  }
}
