extension ProfileDecoder {
  /// Decodes every Sample message into the profile's packed `SampleStore`, or with
  /// `preparingStacks` into the stacks it returns, checking its value count, location ids and
  /// label strings; `check` tests a string id.
  ///
  /// Samples are most of a heap profile, so the ones written as Go writes them (packed ids,
  /// packed values, labels of varint fields) take a path over raw bytes that allocates
  /// nothing; anything else, and anything wrong, goes through the general decoder, which
  /// accepts every valid encoding and reports each error with its byte offset.
  mutating func decodeSamples(
    checkingStrings check: (StringID, Int, StaticString) throws(ProfileDecodingError) -> Void,
    preparingStacks: Bool
  ) throws(ProfileDecodingError) -> PreparedStacks? {
    let valueCount = profile.sampleTypes.count
    if valueCount == 0, let first = sampleRanges.first {
      throw ProfileDecodingError(.missingSampleTypes, offset: first.lowerBound, field: "Profile.sample")
    }
    let messageBytes = sampleRanges.reduce(0) { $0 + $1.count }
    var stacks: PreparedStacks.Builder?
    if preparingStacks {
      stacks = PreparedStacks.Builder(profile)
      stacks?.reserve(samples: sampleRanges.count, messageBytes: messageBytes)
    } else {
      // Packed samples take about as many bytes as their messages.
      profile.sampleStore.reserveCapacity(bytes: messageBytes)
    }
    // What each location expands to (its lines, and at least one frame), and how far all the
    // stacks may expand: 32 frames per byte of the message, far beyond anything a runtime
    // writes (a location id takes a byte or two, and stands for a few frames at most).
    let framesPerLocation = profile.locations.map { Int32(clamping: max($0.lines.count, 1)) }
    let frameLimit = min(Int(Int32.max), 32 * max(reader.bytes.count, 1 << 16))
    var frames = 0
    func count(_ sampleFrames: Int, at offset: Int) throws(ProfileDecodingError) {
      frames &+= sampleFrames
      if frames > frameLimit {
        throw ProfileDecodingError(
          .tooManyFrames(limit: frameLimit), offset: offset, field: "Sample.location_id")
      }
    }
    var scratch = SampleScratch()
    defer { scratch.deallocate() }
    var sample = Sample()
    var indices: [Int32] = []
    let message = reader.bytes
    let locationIndex = profile.locationIndexByID
    let stringCount = UInt64(profile.stringTable.count)
    for range in sampleRanges {
      let parsed = message.withUnsafeBufferPointer { message in
        locationIndex.withLookup { locations in
          framesPerLocation.withUnsafeBufferPointer { framesPerLocation in
            Self.parseGoSample(
              message, range, valueCount: valueCount, locations: locations,
              framesPerLocation: framesPerLocation, stringCount: stringCount, scratch: &scratch)
          }
        }
      }
      if let (idCount, labelCount, sampleFrames) = parsed {
        try count(sampleFrames, at: range.lowerBound)
        let ids = UnsafeBufferPointer(rebasing: scratch.ids[0..<idCount])
        let values = UnsafeBufferPointer(rebasing: scratch.values[0..<valueCount])
        let labelFields = UnsafeBufferPointer(rebasing: scratch.labels[0..<(4 * labelCount)])
        if stacks != nil {
          let indices = UnsafeBufferPointer(rebasing: scratch.locationIndices[0..<idCount])
          stacks?.append(
            locationIndices: indices, frames: sampleFrames, values: values, labelFields: labelFields)
        } else {
          let packed = SampleStore.pack(
            ids: ids, values: values, labelFields: labelFields, into: scratch.output)
          profile.sampleStore.appendPacked(UnsafeBufferPointer(rebasing: scratch.output[0..<packed]))
        }
        continue
      }
      try decodeSample(range, into: &sample)
      let offset = range.lowerBound
      guard sample.values.count == valueCount else {
        throw ProfileDecodingError(
          .valueCountMismatch(found: sample.values.count, expected: valueCount), offset: offset,
          field: "Sample.value")
      }
      // The indices are kept for the prepared stacks, which need not look the ids up again.
      indices.removeAll(keepingCapacity: true)
      var sampleFrames = 0
      for id in sample.locationIDs {
        guard let index = locationIndex.index(of: id) else {
          throw ProfileDecodingError(
            .unknownLocationID(id), offset: offset, field: "Sample.location_id")
        }
        indices.append(Int32(truncatingIfNeeded: index))
        sampleFrames += Int(framesPerLocation[index])
      }
      try count(sampleFrames, at: offset)
      for label in sample.labels {
        try check(label.key, offset, "Label.key")
        try check(label.str, offset, "Label.str")
        try check(label.numUnit, offset, "Label.num_unit")
      }
      if stacks != nil {
        let labelFields = sample.labels.flatMap(\.fields)
        indices.withUnsafeBufferPointer { indices in
          sample.values.withUnsafeBufferPointer { values in
            labelFields.withUnsafeBufferPointer { labelFields in
              stacks?.append(
                locationIndices: indices, frames: sampleFrames, values: values, labelFields: labelFields)
            }
          }
        }
      } else {
        profile.sampleStore.append(sample)
      }
    }
    // The builder's arrays are its own once it leaves this variable, so finishing copies none.
    guard var builder = stacks else { return nil }
    stacks = nil
    return builder.finish()
  }

  /// Decodes the Sample message at `range` into `scratch` (ids, values, four fields per label)
  /// and returns how many ids and labels it has and how many frames its locations expand to
  /// (`framesPerLocation`), when it is encoded as Go encodes samples and is valid; nil
  /// otherwise.
  @inline(__always)
  private static func parseGoSample(
    _ message: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, valueCount: Int,
    locations: IDIndex.Lookup, framesPerLocation: UnsafeBufferPointer<Int32>,
    stringCount: UInt64, scratch: inout SampleScratch
  ) -> (ids: Int, labels: Int, frames: Int)? {
    // No field holds more varints than it has bytes.
    scratch.reserve(range.count)
    // Local copies, so the loops keep them in registers.
    let (ids, indices, valueBuffer, labels) =
      (scratch.ids, scratch.locationIndices, scratch.values, scratch.labels)
    var position = range.lowerBound
    let end = range.upperBound
    var idCount = 0
    var frames = 0
    var values = 0
    var labelFields = 0
    while position < end {
      let key = message[position]
      position += 1
      guard let length = Varint.read(message, at: &position, end: end), length <= UInt64(end - position) else {
        return nil
      }
      let fieldEnd = position + Int(length)
      switch key {
      case 0x0A:  // location_id, packed
        while position < fieldEnd {
          guard let id = Varint.read(message, at: &position, end: fieldEnd), let index = locations.index(of: id)
          else { return nil }
          ids[idCount] = id
          indices[idCount] = Int32(truncatingIfNeeded: index)
          frames &+= Int(framesPerLocation[index])
          idCount += 1
        }
      case 0x12:  // value, packed
        while position < fieldEnd {
          guard let value = Varint.read(message, at: &position, end: fieldEnd), values < valueCount else {
            return nil
          }
          valueBuffer[values] = Int64(bitPattern: value)
          values += 1
        }
      case 0x1A:  // label: key = 1, str = 2, num = 3, num_unit = 4, all varints
        var fields: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        while position < fieldEnd {
          let labelKey = message[position]
          position += 1
          guard let value = Varint.read(message, at: &position, end: fieldEnd) else { return nil }
          switch labelKey {
          case 0x08: fields.0 = value
          case 0x10: fields.1 = value
          case 0x18: fields.2 = value
          case 0x20: fields.3 = value
          default: return nil
          }
        }
        // String ids (key, str, num_unit) must index the string table.
        guard fields.0 < stringCount, fields.1 < stringCount, fields.3 < stringCount else {
          return nil
        }
        labels[labelFields] = fields.0
        labels[labelFields + 1] = fields.1
        labels[labelFields + 2] = fields.2
        labels[labelFields + 3] = fields.3
        labelFields += 4
      default:
        return nil
      }
      guard position == fieldEnd else { return nil }
    }
    guard values == valueCount else { return nil }
    return (idCount, labelFields / 4, frames)
  }
}

/// Buffers reused from one sample to the next by `decodeSamples`, sized for the largest yet.
private struct SampleScratch {
  var capacity = 0
  var ids = UnsafeMutableBufferPointer<UInt64>(start: nil, count: 0)
  /// The index in the profile's locations of each id.
  var locationIndices = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
  var values = UnsafeMutableBufferPointer<Int64>(start: nil, count: 0)
  /// Four fields per label.
  var labels = UnsafeMutableBufferPointer<UInt64>(start: nil, count: 0)
  var output = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)

  /// Room for a message of `messageBytes`: as many ids, values and label fields as it has
  /// bytes, and its packed form (at most three counts plus ten bytes per varint).
  mutating func reserve(_ messageBytes: Int) {
    guard messageBytes > capacity else { return }
    deallocate()
    capacity = max(messageBytes, 2 * capacity, 256)
    ids = .allocate(capacity: capacity)
    locationIndices = .allocate(capacity: capacity)
    values = .allocate(capacity: capacity)
    labels = .allocate(capacity: 2 * capacity)
    output = .allocate(capacity: 10 * (2 * capacity + 3))
  }

  func deallocate() {
    ids.deallocate()
    locationIndices.deallocate()
    values.deallocate()
    labels.deallocate()
    output.deallocate()
  }
}
