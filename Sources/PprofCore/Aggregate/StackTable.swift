/// Interns frames and stacks across any number of profiles, so that the same stack compares
/// equal wherever it came from: identity is the sequence of (function, file, line) frames, leaf
/// first, with inlined calls expanded, independent of each file's location ids and addresses.
///
/// Stacks live in one flat array of frame ids with offsets, found through an open-addressing
/// table of integer hashes: interning a sample's stack allocates nothing and hashes no strings,
/// so reading a profile costs about what decoding it does.
public struct StackTable: Sendable {
  /// An index into `frames`.
  public typealias FrameID = Int32
  /// An index of `stackCount` stacks.
  public typealias StackID = Int32

  public private(set) var frames: [Frame] = []
  private var frameIndex: [Frame: FrameID] = [:]

  /// Every stack's frame ids, leaf first, one after another.
  private var stackFrames: [FrameID] = []
  /// Where each stack starts in `stackFrames`; one more entry than stacks.
  private var stackStarts: [Int32] = [0]
  private var stackHashes: [UInt64] = []
  /// Open addressing: a stack id per slot, -1 when empty; the count is a power of two.
  private var slots: [StackID] = Array(repeating: -1, count: 1024)

  public init() {}

  /// How many distinct stacks have been interned.
  public var stackCount: Int { stackHashes.count }

  /// The frame ids of `stack`, leaf first.
  public func frameIDs(of stack: StackID) -> ArraySlice<FrameID> {
    stackFrames[Int(stackStarts[Int(stack)])..<Int(stackStarts[Int(stack) + 1])]
  }

  public mutating func intern(_ frame: Frame) -> FrameID {
    if let id = frameIndex[frame] { return id }
    let id = FrameID(frames.count)
    frames.append(frame)
    frameIndex[frame] = id
    return id
  }

  public mutating func intern(stack: [FrameID]) -> StackID {
    stack.withUnsafeBufferPointer { intern(stack: $0) }
  }

  /// The id of the stack with these frames, added when new.
  mutating func intern(stack: UnsafeBufferPointer<FrameID>) -> StackID {
    let hash = Self.hash(stack)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while true {
      let id = slots[slot]
      if id < 0 { break }
      if stackHashes[Int(id)] == hash, equals(id, stack) { return id }
      slot = (slot + 1) & (slots.count - 1)
    }
    let id = StackID(stackHashes.count)
    stackFrames.append(contentsOf: stack)
    stackStarts.append(Int32(stackFrames.count))
    stackHashes.append(hash)
    slots[slot] = id
    if stackHashes.count * 2 > slots.count { grow() }
    return id
  }

  private func equals(_ id: StackID, _ stack: UnsafeBufferPointer<FrameID>) -> Bool {
    let start = Int(stackStarts[Int(id)])
    let end = Int(stackStarts[Int(id) + 1])
    guard end - start == stack.count else { return false }
    return stackFrames.withUnsafeBufferPointer { all in
      for offset in 0..<stack.count where all[start + offset] != stack[offset] { return false }
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

  /// FNV-1a over the frame ids, then a final avalanche (so the low bits index well).
  @inline(__always)
  static func hash(_ stack: UnsafeBufferPointer<FrameID>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for id in stack {
      hash = (hash ^ UInt64(UInt32(bitPattern: id))) &* 0x0000_0100_0000_01b3
    }
    hash ^= hash >> 33
    hash = hash &* 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    return hash
  }

  /// The frames of `stack`, leaf first.
  public func resolve(_ stack: StackID) -> [Frame] {
    frameIDs(of: stack).map { frames[Int($0)] }
  }

  /// Interns every sample's stack of `profile` and returns the stack id of each sample, in
  /// sample order. Each location is resolved once, however many samples share it.
  public mutating func add(_ profile: Profile) -> [StackID] {
    // Each location's frames, flat: location i's are locationFrames[starts[i]..<starts[i+1]].
    var locationFrames: [FrameID] = []
    var starts: [Int32] = [0]
    locationFrames.reserveCapacity(profile.locations.count * 2)
    for location in profile.locations {
      for line in location.lines {
        let frame: Frame
        if let index = profile.functionIndex(of: line.functionID) {
          let function = profile.functions[index]
          frame = Frame(
            function: profile.string(function.name), file: profile.string(function.filename),
            line: line.line)
        } else {
          frame = Frame(function: "", file: "", line: line.line)
        }
        locationFrames.append(intern(frame))
      }
      starts.append(Int32(locationFrames.count))
    }
    // Location ids are dense from 1 in Go's profiles: map them through an array.
    var indexByID = [Int32](repeating: -1, count: profile.locations.count + 1)
    for (index, location) in profile.locations.enumerated() where location.id < UInt64(indexByID.count) {
      indexByID[Int(location.id)] = Int32(index)
    }
    var scratch = [FrameID](repeating: 0, count: 256)
    var ids: [StackID] = []
    ids.reserveCapacity(profile.samples.count)
    for sampleIndex in profile.samples.indices {
      var count = 0
      profile.samples[sampleIndex].locationIDs.withUnsafeBufferPointer { locationIDs in
        for id in locationIDs {
          var index = id < UInt64(indexByID.count) ? Int(indexByID[Int(id)]) : -1
          if index < 0 {
            guard let found = profile.locationIndex(of: id) else { continue }
            index = found
          }
          let start = Int(starts[index])
          let end = Int(starts[index + 1])
          if count + (end - start) > scratch.count {
            scratch += [FrameID](repeating: 0, count: max(scratch.count, end - start))
          }
          for offset in start..<end {
            scratch[count] = locationFrames[offset]
            count += 1
          }
        }
      }
      ids.append(scratch.withUnsafeBufferPointer { intern(stack: UnsafeBufferPointer(rebasing: $0[0..<count])) })
    }
    return ids
  }
}

extension Profile {
  /// The resolved frames of `sample`, leaf first, with inlined calls expanded.
  public func frames(of sample: Sample) -> [Frame] {
    sample.locationIDs.flatMap { id -> [Frame] in
      guard let index = locationIndex(of: id) else { return [] }
      return locations[index].lines.map { line in
        guard let function = functionIndex(of: line.functionID).map({ functions[$0] }) else {
          return Frame(function: "", file: "", line: line.line)
        }
        return Frame(
          function: string(function.name), file: string(function.filename), line: line.line)
      }
    }
  }
}
