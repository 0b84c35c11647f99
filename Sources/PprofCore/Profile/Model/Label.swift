/// A key with a string or numeric value attached to a sample (`Label`).
public struct Label: Equatable, Hashable, Sendable {
  /// `Label.key = 1`.
  public var key: StringID
  /// `Label.str = 2`; `.empty` for a numeric label.
  public var str: StringID
  /// `Label.num = 3`.
  public var num: Int64
  /// `Label.num_unit = 4`.
  public var numUnit: StringID
  public init(key: StringID, str: StringID = .empty, num: Int64 = 0, numUnit: StringID = .empty) {
    self.key = key
    self.str = str
    self.num = num
    self.numUnit = numUnit
  }

  /// The four fields as the sample store and `PreparedStacks` read them: key, str, num and
  /// num_unit.
  var fields: [UInt64] {
    [key.rawValue, str.rawValue, num, numUnit.rawValue].map { UInt64(bitPattern: $0) }
  }
}
