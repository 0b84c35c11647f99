/// Every sample's stack of one profile, resolved to frames and hashed by content: the part of
/// interning into a `StackTable` that needs no shared state, so that the thread which decoded a
/// profile can do it while another adds the previous profile to the table.
///
/// Frames are local to the profile (one per line of each location); a stack's hash combines
/// its frames' content hashes, and its wait reason's (see `Profile.waitReasonLabel`), so equal
/// stacks from any two profiles hash equally.
public struct PreparedStacks: Sendable {
  /// This profile's frames, one per line of each location, in location order.
  let frames: [Frame]
  /// Each sample's local frame indices, leaf first, one sample after another.
  let sampleFrames: [Int32]
  /// Where each sample starts in `sampleFrames`; one more entry than samples.
  let sampleStarts: [Int32]
  /// Each sample's stack hash (`StackTable.combine` of its frames, then `finish`).
  let sampleHashes: [UInt64]
  /// Whether each sample names any location (a sample without one is counted in totals only).
  let hasLocations: [Bool]
  /// Each sample's values, `valueCount` per sample.
  let values: [Int64]
  let valueCount: Int
  /// The calls inlined into one location, by local frame index.
  let inlinedCalls: [StackTable.InlinedCall]
  /// The wait reasons the samples name, each once.
  let waitReasons: [String]
  /// Each sample's wait reason, an index of `waitReasons` or -1 for none; empty when the
  /// profile names no wait reason.
  let sampleWaitReasons: [Int32]

  /// How many samples the profile has.
  public var sampleCount: Int { sampleHashes.count }

  /// The stacks of every sample of `profile`.
  public init(_ profile: Profile) {
    var builder = Builder(profile)
    builder.reserve(samples: profile.sampleCount, messageBytes: profile.sampleStore.bytes.count)
    profile.forEachSample { locationIDs, values, labelFields in
      builder.append(locationIDs: locationIDs, values: values, labelFields: labelFields)
    }
    self = builder.finish()
  }

  private init(_ builder: Builder) {
    frames = builder.frames
    sampleFrames = builder.sampleFrames
    sampleStarts = builder.sampleStarts
    sampleHashes = builder.sampleHashes
    hasLocations = builder.hasLocations
    values = builder.values
    valueCount = builder.valueCount
    inlinedCalls = builder.inlinedCalls
    waitReasons = builder.waitReasons
    sampleWaitReasons = builder.sampleWaitReasons
  }

  /// The wait reason of `sample`, an index of `waitReasons`; nil for none.
  func waitReason(ofSample sample: Int) -> Int32? {
    guard !sampleWaitReasons.isEmpty, sampleWaitReasons[sample] >= 0 else { return nil }
    return sampleWaitReasons[sample]
  }

  /// Prepares samples one at a time, from the locations, functions and strings of a profile
  /// (its samples may still be being decoded).
  struct Builder {
    private(set) var frames: [Frame] = []
    private var frameHashes: [UInt64] = []
    /// Location i's frames are frames[locationStarts[i]..<locationStarts[i + 1]].
    private var locationStarts: [Int32] = [0]
    private let locationIndex: IDIndex
    /// The most lines a location has (inlined calls make more than one).
    private var maxLinesPerLocation = 1
    /// The frames of the samples so far are sampleFrames[0..<frameCount]; the array is kept
    /// longer, so that a sample's frames are written in place.
    fileprivate var sampleFrames: [Int32] = []
    private var frameCount = 0
    fileprivate var sampleStarts: [Int32] = [0]
    fileprivate var sampleHashes: [UInt64] = []
    fileprivate var hasLocations: [Bool] = []
    fileprivate var values: [Int64] = []
    let valueCount: Int
    /// Each location's lines but the last were inlined into the line after them.
    fileprivate var inlinedCalls: [StackTable.InlinedCall] = []
    /// The wait-reason label's key as a label field; nil when the profile has none, and then
    /// labels are not looked at.
    private let waitReasonKey: UInt64?
    private let strings: [String]
    /// The wait reasons the samples name, by their string ids in the profile, and the content
    /// hash of each.
    private var waitReasonIDs = InternTable<UInt64>()
    private var waitReasonHashes: [UInt64] = []
    fileprivate var sampleWaitReasons: [Int32] = []
    fileprivate var waitReasons: [String] { waitReasonIDs.values.map { strings[Int($0)] } }

    init(_ profile: Profile) {
      frames.reserveCapacity(profile.locations.count * 2)
      locationStarts.reserveCapacity(profile.locations.count + 1)
      for location in profile.locations {
        profile.appendFrames(of: location, to: &frames)
        // None when the location has fewer than two lines.
        let first = locationStarts[locationStarts.count - 1]
        for callee in stride(from: first, to: Int32(frames.count) - 1, by: 1) {
          inlinedCalls.append(StackTable.InlinedCall(callee: callee, caller: callee + 1))
        }
        locationStarts.append(Int32(frames.count))
        maxLinesPerLocation = max(maxLinesPerLocation, location.lines.count)
      }
      frameHashes = frames.map { StackTable.contentHash($0) }
      locationIndex = profile.locationIndexByID
      valueCount = profile.sampleTypes.count
      waitReasonKey = profile.waitReasonKey.map { UInt64(bitPattern: $0.rawValue) }
      strings = waitReasonKey == nil ? [] : profile.stringTable
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
    /// `labelFields` holds each label's key, str, num and num_unit.
    @inline(__always)
    mutating func append(
      locationIDs: UnsafeBufferPointer<UInt64>, values sampleValues: UnsafeBufferPointer<Int64>,
      labelFields: UnsafeBufferPointer<UInt64>
    ) {
      let locationIndex = locationIndex
      func locationAt(_ position: Int) -> Int? { locationIndex.index(of: locationIDs[position]) }
      // At most its locations times the most lines a location has; where that bound is loose
      // enough to matter (a location of many lines somewhere in the profile), the exact count,
      // so that no sample reserves more than it uses.
      var frames = locationIDs.count * maxLinesPerLocation
      if frames > 4096 {
        frames = 0
        for position in 0..<locationIDs.count {
          guard let index = locationAt(position) else { continue }
          frames += Int(locationStarts[index + 1] - locationStarts[index])
        }
      }
      append(
        locationCount: locationIDs.count, frames: frames, values: sampleValues,
        labelFields: labelFields, locationAt)
    }

    /// Adds one sample given by the indices of its locations in the profile's table, and at
    /// least how many frames they expand to (the decoder has counted them).
    @inline(__always)
    mutating func append(
      locationIndices: UnsafeBufferPointer<Int32>, frames: Int,
      values sampleValues: UnsafeBufferPointer<Int64>, labelFields: UnsafeBufferPointer<UInt64>
    ) {
      append(
        locationCount: locationIndices.count, frames: frames, values: sampleValues,
        labelFields: labelFields
      ) { Int(locationIndices[$0]) }
    }

    /// Adds one sample of `locationCount` locations, `locationAt` giving the index of each, with
    /// room for `frames` frames.
    @inline(__always)
    private mutating func append(
      locationCount: Int, frames: Int, values sampleValues: UnsafeBufferPointer<Int64>,
      labelFields: UnsafeBufferPointer<UInt64>, _ locationAt: (Int) -> Int?
    ) {
      let most = frameCount + frames
      if sampleFrames.count < most {
        // In steps of a few pages: zeroed ahead of use, but never far ahead (capacity grows
        // by doubling as usual).
        sampleFrames += repeatElement(0, count: max(most - sampleFrames.count, 4096))
      }
      var hash = StackTable.hashSeed
      var count = frameCount
      sampleFrames.withUnsafeMutableBufferPointer { sampleFrames in
        for position in 0..<locationCount {
          guard let index = locationAt(position) else { continue }
          let start = locationStarts[index]
          let end = locationStarts[index + 1]
          // One frame per location, mostly (more only where calls were inlined): that case
          // first, so the common path skips the setup of the (vectorized) loop.
          if end == start &+ 1 {
            sampleFrames[count] = start
            hash = StackTable.combine(hash, frameHashes[Int(start)], at: count &- frameCount)
            count &+= 1
            continue
          }
          for frame in start..<end {
            sampleFrames[count] = frame
            hash = StackTable.combine(hash, frameHashes[Int(frame)], at: count &- frameCount)
            count &+= 1
          }
        }
      }
      frameCount = count
      if waitReasonKey != nil {
        let reason = waitReason(labelFields)
        sampleWaitReasons.append(reason)
        if reason >= 0 { hash ^= waitReasonHashes[Int(reason)] }
      }
      sampleStarts.append(Int32(count))
      sampleHashes.append(StackTable.finish(hash))
      hasLocations.append(locationCount > 0)
      values.append(contentsOf: sampleValues)
    }

    /// The index in `waitReasons` of the wait reason among `labelFields`, -1 for none.
    private mutating func waitReason(_ labelFields: UnsafeBufferPointer<UInt64>) -> Int32 {
      for field in stride(from: 0, to: labelFields.count - 3, by: 4)
      where labelFields[field] == waitReasonKey {
        // Decoding has checked the id; an empty reason is none.
        let position = Int(truncatingIfNeeded: labelFields[field + 1])
        guard strings.indices.contains(position), !strings[position].isEmpty else { return -1 }
        let index = waitReasonIDs.intern(labelFields[field + 1])
        if index == waitReasonHashes.count {  // a reason not seen before
          waitReasonHashes.append(StackTable.contentHash(strings[position]))
        }
        return index
      }
      return -1
    }

    /// The stacks. The spare frames are cut in place (the arrays are still this builder's
    /// alone), so nothing is copied; add no more samples afterwards.
    mutating func finish() -> PreparedStacks {
      sampleFrames.removeSubrange(frameCount...)
      return PreparedStacks(self)
    }
  }
}
