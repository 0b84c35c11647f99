/// A profile that could not be decoded or failed validation, and where that happened.
public struct ProfileDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Reason: Equatable, Sendable {
    /// The message ends inside a field.
    case truncated
    /// A varint runs past 10 bytes.
    case overlongVarint
    /// A length prefix points past the end of its enclosing message.
    case lengthOutOfRange(Int)
    /// Field number 0 is reserved.
    case invalidFieldNumber
    /// Wire types 6 and 7 do not exist; 3 and 4 (groups) are not used by profile.proto.
    case invalidWireType(UInt8)
    /// A field of profile.proto arrived with a wire type other than its own.
    case wireTypeMismatch(expected: WireType, found: WireType)
    /// `time_nanos` appears twice: two profiles were concatenated (pprof rejects this too).
    case concatenatedProfiles
    /// The decompressed message is empty.
    case emptyProfile
    /// string_table is missing: every profile has at least the empty string at index 0.
    case emptyStringTable
    /// string_table[0] must be the empty string.
    case nonEmptyFirstString
    /// A string index outside string_table.
    case stringIndexOutOfRange(Int64, count: Int)
    /// An id of 0, which profile.proto reserves.
    case reservedZeroID
    /// Two entries of one table share an id.
    case duplicateID(UInt64)
    /// A sample names a location id that no Location has.
    case unknownLocationID(UInt64)
    /// A line names a function id that no Function has.
    case unknownFunctionID(UInt64)
    /// A location names a mapping id that no Mapping has.
    case unknownMappingID(UInt64)
    /// A sample has a different number of values than the profile has sample types.
    case valueCountMismatch(found: Int, expected: Int)
    /// Samples exist but no sample_type describes their values.
    case missingSampleTypes
    /// The samples' stacks, with each location's lines expanded, hold more frames than the
    /// limit: many references to locations of many lines, which no runtime writes but which
    /// would take memory out of all proportion to the file.
    case tooManyFrames(limit: Int)
  }

  public var reason: Reason
  /// Byte offset in the decompressed message.
  public var offset: Int
  /// Proto path of the field, e.g. "Sample.value".
  public var field: String?

  public init(_ reason: Reason, offset: Int, field: String? = nil) {
    self.reason = reason
    self.offset = offset
    self.field = field
  }

  public var description: String {
    let place = field.map { " in \($0)" } ?? ""
    switch reason {
    case .truncated: return "truncated data\(place)"
    case .overlongVarint: return "varint longer than 10 bytes\(place)"
    case .lengthOutOfRange(let length):
      return "length \(length) runs past the end of the message\(place)"
    case .invalidFieldNumber: return "invalid field number 0\(place)"
    case .invalidWireType(let type): return "invalid wire type \(type)\(place)"
    case .wireTypeMismatch(let expected, let found):
      return "wrong wire type\(place): expected \(expected), found \(found)"
    case .concatenatedProfiles:
      return "time_nanos appears twice: several profiles were concatenated into one message"
    case .emptyProfile: return "empty profile: the message holds no fields"
    case .emptyStringTable: return "string_table is empty (it must start with \"\")"
    case .nonEmptyFirstString: return "string_table[0] is not the empty string"
    case .stringIndexOutOfRange(let index, let count):
      return "string index \(index) out of range (string_table has \(count) entries)\(place)"
    case .reservedZeroID: return "id 0 is reserved\(place)"
    case .duplicateID(let id): return "duplicate id \(id)\(place)"
    case .unknownLocationID(let id): return "sample names location id \(id), which does not exist\(place)"
    case .unknownFunctionID(let id): return "line names function id \(id), which does not exist\(place)"
    case .unknownMappingID(let id): return "location names mapping id \(id), which does not exist\(place)"
    case .valueCountMismatch(let found, let expected):
      return "sample has \(found) values but the profile has \(expected) sample types\(place)"
    case .missingSampleTypes: return "samples present but no sample_type\(place)"
    case .tooManyFrames(let limit):
      return "the samples' stacks expand to more than \(limit) frames (32 per byte of the "
        + "message): locations with many lines, referenced again and again\(place)"
    }
  }
}
