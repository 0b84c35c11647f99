/// The type and unit of a sample value, e.g. `inuse_space`/`bytes` (`ValueType`).
public struct ValueType: Equatable, Hashable, Sendable {
  /// `ValueType.type = 1`.
  public var type: StringID
  /// `ValueType.unit = 2`.
  public var unit: StringID
  public init(type: StringID = .empty, unit: StringID = .empty) {
    self.type = type
    self.unit = unit
  }
}
