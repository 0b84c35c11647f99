/// Every sample's stack of one profile, resolved to frames and hashed by content: the part of
/// interning into a `StackTable` that needs no shared state, so that the thread which decoded a
/// profile can do it while another adds the previous profile to the table.
///
/// Frames are local to the profile (one per line of each location); a stack's hash combines
/// its frames' content hashes, so equal stacks from any two profiles hash equally.
public struct PreparedStacks: Sendable {
  /// This profile's frames, one per line of each location, in location order.
  let frames: [Frame]
  /// Each sample's local frame indices, leaf first, one sample after another.
  let sampleFrames: [Int32]
  /// Where each sample starts in `sampleFrames`; one more entry than samples.
  let sampleStarts: [Int32]
  /// `StackTable.hash` of each sample's stack.
  let sampleHashes: [UInt64]
  /// Whether each sample names any location (a sample without one is counted in totals only).
  let hasLocations: [Bool]
  /// Each sample's values, `valueCount` per sample.
  let values: [Int64]
  let valueCount: Int

  /// How many samples the profile has.
  public var sampleCount: Int { sampleHashes.count }

  /// The stacks of every sample of `profile`.
  public init(_ profile: Profile) {
    var builder = Builder(profile)
    builder.reserve(samples: profile.sampleCount, messageBytes: profile.sampleStore.bytes.count)
    profile.forEachSample { locationIDs, values in
      builder.append(locationIDs: locationIDs, values: values)
    }
    self = builder.finished()
  }

  private init(_ builder: Builder) {
    frames = builder.frames
    sampleFrames = builder.sampleFrames
    sampleStarts = builder.sampleStarts
    sampleHashes = builder.sampleHashes
    hasLocations = builder.hasLocations
    values = builder.values
    valueCount = builder.valueCount
  }

  /// Prepares samples one at a time, from the locations, functions and strings of a profile
  /// (its samples may still be being decoded).
  struct Builder {
    private(set) var frames: [Frame] = []
    private var frameHashes: [UInt64] = []
    /// Location i's frames are frames[locationStarts[i]..<locationStarts[i + 1]].
    private var locationStarts: [Int32] = [0]
    /// Location ids are dense from 1 in Go's profiles: the index of each, -1 for none.
    private var indexByID: [Int32]
    private let locationIndex: IDIndex
    /// The most lines a location has (inlined calls make more than one).
    private var maxLinesPerLocation = 1
    fileprivate var sampleFrames: [Int32] = []
    fileprivate var sampleStarts: [Int32] = [0]
    fileprivate var sampleHashes: [UInt64] = []
    fileprivate var hasLocations: [Bool] = []
    fileprivate var values: [Int64] = []
    let valueCount: Int

    init(_ profile: Profile) {
      frames.reserveCapacity(profile.locations.count * 2)
      locationStarts.reserveCapacity(profile.locations.count + 1)
      for location in profile.locations {
        for line in location.lines {
          if let index = profile.functionIndex(of: line.functionID) {
            let function = profile.functions[index]
            frames.append(
              Frame(
                function: profile.string(function.name), file: profile.string(function.filename),
                line: line.line))
          } else {
            frames.append(Frame(function: "", file: "", line: line.line))
          }
        }
        locationStarts.append(Int32(frames.count))
        maxLinesPerLocation = max(maxLinesPerLocation, location.lines.count)
      }
      frameHashes = frames.map(StackTable.contentHash)
      indexByID = [Int32](repeating: -1, count: profile.locations.count + 1)
      for (index, location) in profile.locations.enumerated()
      where location.id < UInt64(indexByID.count) {
        indexByID[Int(location.id)] = Int32(index)
      }
      locationIndex = profile.locationIndexByID
      valueCount = profile.sampleTypes.count
    }

    /// Reserves room for `samples` samples whose messages take `messageBytes` (about one byte
    /// per location id).
    mutating func reserve(samples: Int, messageBytes: Int) {
      sampleFrames.reserveCapacity(messageBytes)
      sampleStarts.reserveCapacity(samples + 1)
      sampleHashes.reserveCapacity(samples)
      hasLocations.reserveCapacity(samples)
      values.reserveCapacity(samples * valueCount)
    }

    /// Adds one sample; ids that name no location are skipped (decoding has checked them).
    @inline(__always)
    mutating func append(
      locationIDs: UnsafeBufferPointer<UInt64>, values sampleValues: UnsafeBufferPointer<Int64>
    ) {
      // Room for the most frames the sample can have, written in place, the rest cut after.
      let start = sampleFrames.count
      sampleFrames.append(contentsOf: repeatElement(0, count: locationIDs.count * maxLinesPerLocation))
      var hash = StackTable.hashSeed
      var count = start
      sampleFrames.withUnsafeMutableBufferPointer { sampleFrames in
        for id in locationIDs {
          var index = id < UInt64(indexByID.count) ? Int(indexByID[Int(id)]) : -1
          if index < 0 {
            guard let found = locationIndex.index(of: id) else { continue }
            index = found
          }
          for frame in locationStarts[index]..<locationStarts[index + 1] {
            sampleFrames[count] = frame
            count += 1
            hash = StackTable.combine(hash, frameHashes[Int(frame)])
          }
        }
      }
      sampleFrames.removeSubrange(count...)
      sampleStarts.append(Int32(sampleFrames.count))
      sampleHashes.append(StackTable.finish(hash))
      hasLocations.append(!locationIDs.isEmpty)
      values.append(contentsOf: sampleValues)
    }

    func finished() -> PreparedStacks { PreparedStacks(self) }
  }
}
