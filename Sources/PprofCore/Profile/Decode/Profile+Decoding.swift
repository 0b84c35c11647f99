import PprofUnits

extension Profile {
  /// Decodes and validates an uncompressed `profile.proto` message.
  ///
  /// Every field of profile.proto is read, packed and unpacked repeated fields alike; unknown
  /// fields are skipped; a known field with the wrong wire type, a broken reference or a
  /// malformed encoding throws `ProfileDecodingError` with the byte offset.
  public init(decoding bytes: [UInt8]) throws(ProfileDecodingError) {
    guard !bytes.isEmpty else { throw ProfileDecodingError(.emptyProfile, offset: 0) }
    var decoder = ProfileDecoder(bytes: bytes)
    try decoder.decodeProfile()
    try decoder.validate()
    self = decoder.profile
  }

  /// Decodes like `init(decoding:)`, but hands the samples over as `PreparedStacks` instead of
  /// keeping them: the profile comes back as a header, every table but no samples (see
  /// `PreparedSnapshot`). For a series, where only the stacks and their values are followed,
  /// this skips packing the samples.
  public static func decodingStacks(_ bytes: [UInt8]) throws(ProfileDecodingError)
    -> (header: Profile, stacks: PreparedStacks)
  {
    guard !bytes.isEmpty else { throw ProfileDecodingError(.emptyProfile, offset: 0) }
    var decoder = ProfileDecoder(bytes: bytes)
    try decoder.decodeProfile()
    let stacks = try decoder.validate(preparingStacks: true)
    return (decoder.profile, stacks ?? PreparedStacks(decoder.profile))
  }
}

/// Decodes one message; remembers where each entity started, for validation errors.
struct ProfileDecoder {
  var reader: WireReader
  var profile = Profile()
  /// Where each Sample message is; byte offsets of each Location, Function and Mapping
  /// message, in table order.
  var sampleRanges: [Range<Int>] = []
  var locationOffsets: [Int] = []
  var functionOffsets: [Int] = []
  var mappingOffsets: [Int] = []
  var offsetOfStringTable = 0
  private var sawTimeNanos = false

  init(bytes: [UInt8]) {
    reader = WireReader(bytes: bytes)
  }

  mutating func decodeProfile() throws(ProfileDecodingError) {
    while !reader.isAtEnd {
      let keyOffset = reader.offset
      let (field, wireType) = try reader.readKey()
      switch field {
      case 1:
        let range = try message(wireType, "Profile.sample_type", keyOffset)
        profile.sampleTypes.append(try decodeValueType(range, "Profile.sample_type"))
      case 2:
        // Samples are decoded by `validate()`, once the tables they refer to are known.
        sampleRanges.append(try message(wireType, "Profile.sample", keyOffset))
      case 3:
        let range = try message(wireType, "Profile.mapping", keyOffset)
        mappingOffsets.append(range.lowerBound)
        profile.mappings.append(try decodeMapping(range))
      case 4:
        let range = try message(wireType, "Profile.location", keyOffset)
        locationOffsets.append(range.lowerBound)
        profile.locations.append(try decodeLocation(range))
      case 5:
        let range = try message(wireType, "Profile.function", keyOffset)
        functionOffsets.append(range.lowerBound)
        profile.functions.append(try decodeFunction(range))
      case 6:
        let range = try message(wireType, "Profile.string_table", keyOffset)
        if profile.stringTable.isEmpty { offsetOfStringTable = keyOffset }
        profile.stringTable.append(Profile.tableString(reader.bytes[range]))
      case 7: profile.dropFrames = try Self.stringID(&reader, wireType, "Profile.drop_frames")
      case 8: profile.keepFrames = try Self.stringID(&reader, wireType, "Profile.keep_frames")
      case 9:
        if sawTimeNanos { throw ProfileDecodingError(.concatenatedProfiles, offset: keyOffset) }
        sawTimeNanos = true
        profile.timeNanos = try Self.int64(&reader, wireType, "Profile.time_nanos")
      case 10: profile.durationNanos = try Self.int64(&reader, wireType, "Profile.duration_nanos")
      case 11:
        let range = try message(wireType, "Profile.period_type", keyOffset)
        profile.periodType = try decodeValueType(range, "Profile.period_type")
      case 12: profile.period = try Self.int64(&reader, wireType, "Profile.period")
      case 13:
        try Self.repeatedVarints(&reader, wireType, "Profile.comment", into: &profile.comments) {
          StringID(Int64(bitPattern: $0))
        }
      case 14:
        profile.defaultSampleType = try Self.stringID(&reader, wireType, "Profile.default_sample_type")
      case 15: profile.docURL = try Self.stringID(&reader, wireType, "Profile.doc_url")
      default: try reader.skip(wireType)
      }
    }
  }

  // MARK: Messages

  private mutating func decodeValueType(_ range: Range<Int>, _ path: StaticString)
    throws(ProfileDecodingError) -> ValueType
  {
    var sub = reader.subReader(range)
    var value = ValueType()
    while !sub.isAtEnd {
      let (field, wireType) = try sub.readKey()
      switch field {
      case 1: value.type = try Self.stringID(&sub, wireType, "ValueType.type")
      case 2: value.unit = try Self.stringID(&sub, wireType, "ValueType.unit")
      default: try sub.skip(wireType)
      }
    }
    return value
  }

  /// Decodes the Sample message at `range` into `sample`, reusing its arrays' storage.
  func decodeSample(_ range: Range<Int>, into sample: inout Sample) throws(ProfileDecodingError) {
    var sub = reader.subReader(range)
    sample.locationIDs.removeAll(keepingCapacity: true)
    sample.values.removeAll(keepingCapacity: true)
    sample.labels.removeAll(keepingCapacity: true)
    while !sub.isAtEnd {
      let keyOffset = sub.offset
      let (field, wireType) = try sub.readKey()
      switch field {
      case 1:
        try Self.repeatedVarints(&sub, wireType, "Sample.location_id", into: &sample.locationIDs) {
          $0
        }
      case 2:
        try Self.repeatedVarints(&sub, wireType, "Sample.value", into: &sample.values) {
          Int64(bitPattern: $0)
        }
      case 3:
        let labelRange = try Self.message(&sub, wireType, "Sample.label", keyOffset)
        sample.labels.append(try decodeLabel(labelRange))
      default: try sub.skip(wireType)
      }
    }
  }

  private func decodeLabel(_ range: Range<Int>) throws(ProfileDecodingError) -> Label {
    var sub = reader.subReader(range)
    var label = Label(key: .empty)
    while !sub.isAtEnd {
      let (field, wireType) = try sub.readKey()
      switch field {
      case 1: label.key = try Self.stringID(&sub, wireType, "Label.key")
      case 2: label.str = try Self.stringID(&sub, wireType, "Label.str")
      case 3: label.num = try Self.int64(&sub, wireType, "Label.num")
      case 4: label.numUnit = try Self.stringID(&sub, wireType, "Label.num_unit")
      default: try sub.skip(wireType)
      }
    }
    return label
  }

  private func decodeMapping(_ range: Range<Int>) throws(ProfileDecodingError) -> Mapping {
    var sub = reader.subReader(range)
    var mapping = Mapping()
    while !sub.isAtEnd {
      let (field, wireType) = try sub.readKey()
      switch field {
      case 1: mapping.id = try Self.uint64(&sub, wireType, "Mapping.id")
      case 2: mapping.memoryStart = try Self.uint64(&sub, wireType, "Mapping.memory_start")
      case 3: mapping.memoryLimit = try Self.uint64(&sub, wireType, "Mapping.memory_limit")
      case 4: mapping.fileOffset = try Self.uint64(&sub, wireType, "Mapping.file_offset")
      case 5: mapping.filename = try Self.stringID(&sub, wireType, "Mapping.filename")
      case 6: mapping.buildID = try Self.stringID(&sub, wireType, "Mapping.build_id")
      case 7: mapping.hasFunctions = try Self.uint64(&sub, wireType, "Mapping.has_functions") != 0
      case 8: mapping.hasFilenames = try Self.uint64(&sub, wireType, "Mapping.has_filenames") != 0
      case 9:
        mapping.hasLineNumbers = try Self.uint64(&sub, wireType, "Mapping.has_line_numbers") != 0
      case 10:
        mapping.hasInlineFrames = try Self.uint64(&sub, wireType, "Mapping.has_inline_frames") != 0
      default: try sub.skip(wireType)
      }
    }
    return mapping
  }

  private func decodeLocation(_ range: Range<Int>) throws(ProfileDecodingError) -> Location {
    var sub = reader.subReader(range)
    var location = Location()
    while !sub.isAtEnd {
      let keyOffset = sub.offset
      let (field, wireType) = try sub.readKey()
      switch field {
      case 1: location.id = try Self.uint64(&sub, wireType, "Location.id")
      case 2: location.mappingID = try Self.uint64(&sub, wireType, "Location.mapping_id")
      case 3: location.address = try Self.uint64(&sub, wireType, "Location.address")
      case 4:
        let lineRange = try Self.message(&sub, wireType, "Location.line", keyOffset)
        location.lines.append(try decodeLine(lineRange))
      case 5: location.isFolded = try Self.uint64(&sub, wireType, "Location.is_folded") != 0
      default: try sub.skip(wireType)
      }
    }
    return location
  }

  private func decodeLine(_ range: Range<Int>) throws(ProfileDecodingError) -> Line {
    var sub = reader.subReader(range)
    var line = Line(functionID: 0, line: 0)
    while !sub.isAtEnd {
      let (field, wireType) = try sub.readKey()
      switch field {
      case 1: line.functionID = try Self.uint64(&sub, wireType, "Line.function_id")
      case 2: line.line = try Self.int64(&sub, wireType, "Line.line")
      case 3: line.column = try Self.int64(&sub, wireType, "Line.column")
      default: try sub.skip(wireType)
      }
    }
    return line
  }

  private func decodeFunction(_ range: Range<Int>) throws(ProfileDecodingError) -> Function {
    var sub = reader.subReader(range)
    var function = Function()
    while !sub.isAtEnd {
      let (field, wireType) = try sub.readKey()
      switch field {
      case 1: function.id = try Self.uint64(&sub, wireType, "Function.id")
      case 2: function.name = try Self.stringID(&sub, wireType, "Function.name")
      case 3: function.systemName = try Self.stringID(&sub, wireType, "Function.system_name")
      case 4: function.filename = try Self.stringID(&sub, wireType, "Function.filename")
      case 5: function.startLine = try Self.int64(&sub, wireType, "Function.start_line")
      default: try sub.skip(wireType)
      }
    }
    return function
  }

  // MARK: Scalars

  private mutating func message(
    _ wireType: WireType, _ path: StaticString, _ keyOffset: Int
  ) throws(ProfileDecodingError) -> Range<Int> {
    try Self.message(&reader, wireType, path, keyOffset)
  }

  private static func message(
    _ reader: inout WireReader, _ wireType: WireType, _ path: StaticString, _ keyOffset: Int
  ) throws(ProfileDecodingError) -> Range<Int> {
    guard wireType == .lengthDelimited else {
      throw Self.mismatch(expected: .lengthDelimited, found: wireType, keyOffset, path)
    }
    do {
      return try reader.readLengthDelimited()
    } catch {
      throw ProfileDecodingError(error.reason, offset: error.offset, field: "\(path)")
    }
  }

  @inline(__always)
  private static func uint64(_ reader: inout WireReader, _ wireType: WireType, _ path: StaticString)
    throws(ProfileDecodingError) -> UInt64
  {
    guard wireType == .varint else {
      throw mismatch(expected: .varint, found: wireType, reader.offset, path)
    }
    do {
      return try reader.readVarint()
    } catch {
      throw ProfileDecodingError(error.reason, offset: error.offset, field: "\(path)")
    }
  }

  @inline(__always)
  private static func int64(_ reader: inout WireReader, _ wireType: WireType, _ path: StaticString)
    throws(ProfileDecodingError) -> Int64
  {
    Int64(bitPattern: try Self.uint64(&reader, wireType, path))
  }

  @inline(__always)
  private static func stringID(_ reader: inout WireReader, _ wireType: WireType, _ path: StaticString)
    throws(ProfileDecodingError) -> StringID
  {
    StringID(try Self.int64(&reader, wireType, path))
  }

  /// Reads a repeated varint field in either its packed or its unpacked encoding.
  @inline(__always)
  private static func repeatedVarints<Element>(
    _ reader: inout WireReader, _ wireType: WireType, _ path: StaticString,
    into array: inout [Element], _ transform: (UInt64) -> Element
  ) throws(ProfileDecodingError) {
    switch wireType {
    case .varint:
      array.append(transform(try Self.uint64(&reader, wireType, path)))
    case .lengthDelimited:
      let range = try message(&reader, wireType, path, reader.offset)
      var packed = reader.subReader(range)
      array.reserveCapacity(array.count + reader.countVarints(in: range))
      while !packed.isAtEnd {
        do {
          array.append(transform(try packed.readVarint()))
        } catch {
          throw ProfileDecodingError(error.reason, offset: error.offset, field: "\(path)")
        }
      }
    default:
      throw mismatch(expected: .varint, found: wireType, reader.offset, path)
    }
  }

  private static func mismatch(
    expected: WireType, found: WireType, _ offset: Int, _ path: StaticString
  ) -> ProfileDecodingError {
    ProfileDecodingError(
      .wireTypeMismatch(expected: expected, found: found), offset: offset, field: "\(path)")
  }
}

extension Profile {
  /// A string of the table as text to show: invalid UTF-8 repaired, and control characters,
  /// which no Go symbol or path has but a hostile file can, written out (`\x1b`), so that a
  /// name never moves the cursor or recolours a terminal that shows a report.
  static func tableString(_ bytes: ArraySlice<UInt8>) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    // Only C0 controls, DEL and the lead byte of C1 controls (0xc2) call for a closer look.
    guard bytes.contains(where: { $0 < 0x20 || $0 == 0x7f || $0 == 0xc2 }) else { return text }
    return text.escapingControlCharacters()
  }
}
