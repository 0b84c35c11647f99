/// A source line within a location; several lines mean inlined calls (`Line`).
public struct Line: Equatable, Hashable, Sendable {
  /// `Line.function_id = 1`.
  public var functionID: UInt64
  /// `Line.line = 2`.
  public var line: Int64
  /// `Line.column = 3` (newer profiles; 0 when absent).
  public var column: Int64
  public init(functionID: UInt64, line: Int64, column: Int64 = 0) {
    self.functionID = functionID
    self.line = line
    self.column = column
  }
}
