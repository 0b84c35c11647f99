extension Profile {
  /// The profile as a `profile.proto` message (uncompressed).
  public func encoded() -> [UInt8] { ProfileEncoder.encode(self) }

  /// The profile as Go writes it: a gzip-compressed `profile.proto`.
  public func encodedGzip() -> [UInt8] { Gzip.compress(encoded()) }
}

/// Writes a `Profile` as a `profile.proto` message: the decoder's inverse (the tests check
/// `decode(encode(p)) == p`, and that `go tool pprof` reads what it writes). Tests can ask for
/// unpacked repeated fields and extra unknown fields, to exercise the decoder.
struct ProfileEncoder {
  var packed = true
  /// Unknown fields (number 99, every wire type) written into every message when set.
  var withUnknownFields = false
  private(set) var bytes: [UInt8] = []

  static func encode(_ profile: Profile, packed: Bool = true, withUnknownFields: Bool = false)
    -> [UInt8]
  {
    var encoder = ProfileEncoder(packed: packed, withUnknownFields: withUnknownFields)
    encoder.encodeProfile(profile)
    return encoder.bytes
  }

  // MARK: Primitives

  static func varint(_ value: UInt64) -> [UInt8] { Varint.encoded(value) }

  static func key(_ field: Int, _ wireType: UInt8) -> [UInt8] {
    varint(UInt64(field) << 3 | UInt64(wireType))
  }

  static func varintField(_ field: Int, _ value: UInt64) -> [UInt8] {
    key(field, 0) + varint(value)
  }

  static func int64Field(_ field: Int, _ value: Int64) -> [UInt8] {
    varintField(field, UInt64(bitPattern: value))
  }

  static func bytesField(_ field: Int, _ payload: [UInt8]) -> [UInt8] {
    key(field, 2) + varint(UInt64(payload.count)) + payload
  }

  private var unknown: [UInt8] {
    guard withUnknownFields else { return [] }
    return Self.varintField(99, 7) + Self.key(99, 1) + [UInt8](repeating: 1, count: 8)
      + Self.bytesField(99, [1, 2, 3]) + Self.key(99, 5) + [0, 0, 0, 0]
  }

  private func repeated(_ field: Int, _ values: [UInt64]) -> [UInt8] {
    if packed {
      guard !values.isEmpty else { return [] }
      return Self.bytesField(field, values.flatMap(Self.varint))
    }
    return values.flatMap { Self.varintField(field, $0) }
  }

  // MARK: Messages

  mutating func encodeProfile(_ p: Profile) {
    for type in p.sampleTypes { bytes += Self.bytesField(1, valueType(type)) }
    for sample in p.samples { bytes += Self.bytesField(2, self.sample(sample)) }
    for mapping in p.mappings { bytes += Self.bytesField(3, self.mapping(mapping)) }
    for location in p.locations { bytes += Self.bytesField(4, self.location(location)) }
    for function in p.functions { bytes += Self.bytesField(5, self.function(function)) }
    for string in p.stringTable { bytes += Self.bytesField(6, Array(string.utf8)) }
    if p.dropFrames != .empty { bytes += Self.int64Field(7, p.dropFrames.rawValue) }
    if p.keepFrames != .empty { bytes += Self.int64Field(8, p.keepFrames.rawValue) }
    if p.timeNanos != 0 { bytes += Self.int64Field(9, p.timeNanos) }
    if p.durationNanos != 0 { bytes += Self.int64Field(10, p.durationNanos) }
    if let periodType = p.periodType { bytes += Self.bytesField(11, valueType(periodType)) }
    if p.period != 0 { bytes += Self.int64Field(12, p.period) }
    bytes += repeated(13, p.comments.map { UInt64(bitPattern: $0.rawValue) })
    if p.defaultSampleType != .empty { bytes += Self.int64Field(14, p.defaultSampleType.rawValue) }
    if p.docURL != .empty { bytes += Self.int64Field(15, p.docURL.rawValue) }
    bytes += unknown
  }

  private func valueType(_ t: ValueType) -> [UInt8] {
    Self.int64Field(1, t.type.rawValue) + Self.int64Field(2, t.unit.rawValue) + unknown
  }

  private func sample(_ s: Sample) -> [UInt8] {
    var out = repeated(1, s.locationIDs) + repeated(2, s.values.map { UInt64(bitPattern: $0) })
    for label in s.labels {
      out += Self.bytesField(
        3,
        Self.int64Field(1, label.key.rawValue) + Self.int64Field(2, label.str.rawValue)
          + Self.int64Field(3, label.num) + Self.int64Field(4, label.numUnit.rawValue) + unknown)
    }
    return out + unknown
  }

  private func mapping(_ m: Mapping) -> [UInt8] {
    Self.varintField(1, m.id) + Self.varintField(2, m.memoryStart)
      + Self.varintField(3, m.memoryLimit) + Self.varintField(4, m.fileOffset)
      + Self.int64Field(5, m.filename.rawValue) + Self.int64Field(6, m.buildID.rawValue)
      + Self.varintField(7, m.hasFunctions ? 1 : 0) + Self.varintField(8, m.hasFilenames ? 1 : 0)
      + Self.varintField(9, m.hasLineNumbers ? 1 : 0)
      + Self.varintField(10, m.hasInlineFrames ? 1 : 0) + unknown
  }

  private func location(_ l: Location) -> [UInt8] {
    var out = Self.varintField(1, l.id) + Self.varintField(2, l.mappingID)
      + Self.varintField(3, l.address)
    for line in l.lines {
      out += Self.bytesField(
        4,
        Self.varintField(1, line.functionID) + Self.int64Field(2, line.line)
          + Self.int64Field(3, line.column) + unknown)
    }
    return out + Self.varintField(5, l.isFolded ? 1 : 0) + unknown
  }

  private func function(_ f: Function) -> [UInt8] {
    Self.varintField(1, f.id) + Self.int64Field(2, f.name.rawValue)
      + Self.int64Field(3, f.systemName.rawValue) + Self.int64Field(4, f.filename.rawValue)
      + Self.int64Field(5, f.startLine) + unknown
  }
}

