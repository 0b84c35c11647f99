/// A program counter and the source lines it stands for (`Location`).
public struct Location: Equatable, Sendable {
  /// `Location.id = 1`.
  public var id: UInt64 = 0
  /// `Location.mapping_id = 2`; 0 when unknown.
  public var mappingID: UInt64 = 0
  /// `Location.address = 3`.
  public var address: UInt64 = 0
  /// `Location.line = 4`: the last line is the caller, earlier ones were inlined into it.
  public var lines: [Line] = []
  /// `Location.is_folded = 5`.
  public var isFolded = false
  public init() {}
}
