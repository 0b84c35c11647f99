/// A function in the profiled program (`Function`).
public struct Function: Equatable, Sendable {
  /// `Function.id = 1`.
  public var id: UInt64 = 0
  /// `Function.name = 2`, e.g. `main.handler`.
  public var name: StringID = .empty
  /// `Function.system_name = 3`.
  public var systemName: StringID = .empty
  /// `Function.filename = 4`.
  public var filename: StringID = .empty
  /// `Function.start_line = 5`.
  public var startLine: Int64 = 0
  public init() {}
}
