/// One resolved frame of a stack: where the code was, by name, never by address or id.
public struct Frame: Hashable, Comparable, Sendable {
  /// The function name (`Function.name`), e.g. `main.longRunningTask`.
  public var function: String
  /// The source file (`Function.filename`).
  public var file: String
  /// The line number (`Line.line`).
  public var line: Int64

  public init(function: String, file: String, line: Int64) {
    self.function = function
    self.file = file
    self.line = line
  }

  public static func < (lhs: Frame, rhs: Frame) -> Bool {
    (lhs.function, lhs.file, lhs.line) < (rhs.function, rhs.file, rhs.line)
  }
}
