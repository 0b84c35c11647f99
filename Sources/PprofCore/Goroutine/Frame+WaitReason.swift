package import PprofProfile

extension Frame {
  /// The pseudo-frame that stands for a traceback's wait reason at the leaf of its stack.
  package static func waitReasonFrame(_ reason: String) -> Frame {
    Frame(function: "[\(reason)]", file: "", line: 0)
  }

  /// The wait reason of a pseudo-frame made by `waitReasonFrame`, nil for real frames.
  package var waitReason: String? {
    guard file.isEmpty, function.hasPrefix("["), function.hasSuffix("]") else { return nil }
    return String(function.dropFirst().dropLast())
  }
}
