/// Protocol buffer wire types (the low 3 bits of a field key).
public enum WireType: UInt8, Equatable, Sendable, CustomStringConvertible {
  case varint = 0
  case fixed64 = 1
  case lengthDelimited = 2
  case startGroup = 3
  case endGroup = 4
  case fixed32 = 5

  public var description: String {
    switch self {
    case .varint: "varint"
    case .fixed64: "fixed64"
    case .lengthDelimited: "length-delimited"
    case .startGroup: "start-group"
    case .endGroup: "end-group"
    case .fixed32: "fixed32"
    }
  }
}
