/// An index into a profile's string table (`Profile.string_table = 6`).
public struct StringID: Hashable, Comparable, Sendable {
  public var rawValue: Int64
  public init(_ rawValue: Int64) { self.rawValue = rawValue }
  /// Index 0, which is always the empty string.
  public static let empty = StringID(0)
  public static func < (lhs: StringID, rhs: StringID) -> Bool { lhs.rawValue < rhs.rawValue }
}
