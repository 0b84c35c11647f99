/// Interns frames and stacks across any number of profiles, so that the same stack compares
/// equal wherever it came from: identity is the sequence of (function, file, line) frames, leaf
/// first, with inlined calls expanded, independent of each file's location ids and addresses.
public struct StackTable: Sendable {
  /// An index into `frames`.
  public typealias FrameID = Int32
  /// An index into `stacks`.
  public typealias StackID = Int32

  public private(set) var frames: [Frame] = []
  /// Each stack's frame ids, leaf first.
  public private(set) var stacks: [[FrameID]] = []
  private var frameIndex: [Frame: FrameID] = [:]
  private var stackIndex: [StackKey: StackID] = [:]

  /// A stack as a dictionary key, hashed as one block of bytes: hashing an array element by
  /// element took half of the time of reading a large profile.
  struct StackKey: Hashable, Sendable {
    var frames: [FrameID]

    func hash(into hasher: inout Hasher) {
      frames.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
  }

  public init() {}

  public mutating func intern(_ frame: Frame) -> FrameID {
    if let id = frameIndex[frame] { return id }
    let id = FrameID(frames.count)
    frames.append(frame)
    frameIndex[frame] = id
    return id
  }

  public mutating func intern(stack: [FrameID]) -> StackID {
    let key = StackKey(frames: stack)
    if let id = stackIndex[key] { return id }
    let id = StackID(stacks.count)
    stacks.append(stack)
    stackIndex[key] = id
    return id
  }

  /// The frames of `stack`, leaf first.
  public func resolve(_ stack: StackID) -> [Frame] {
    stacks[Int(stack)].map { frames[Int($0)] }
  }

  /// Interns every sample's stack of `profile` and returns the stack id of each sample, in
  /// sample order. Each location is resolved once, however many samples share it.
  public mutating func add(_ profile: Profile) -> [StackID] {
    let locationFrames: [[FrameID]] = profile.locations.map { location in
      location.lines.map { line in
        guard let index = profile.functionIndex(of: line.functionID) else {
          return intern(Frame(function: "", file: "", line: line.line))
        }
        let function = profile.functions[index]
        return intern(
          Frame(
            function: profile.string(function.name), file: profile.string(function.filename),
            line: line.line))
      }
    }
    var stack: [FrameID] = []
    return profile.samples.map { sample in
      stack.removeAll(keepingCapacity: true)
      for id in sample.locationIDs {
        if let index = profile.locationIndex(of: id) { stack += locationFrames[index] }
      }
      return intern(stack: stack)
    }
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
