/// A `TextOutputStream` over standard error, for `print(_:to:)`; a failed write is handled by
/// `StandardStreams`, never a trap.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    StandardStreams.writeError(string)
  }
}
