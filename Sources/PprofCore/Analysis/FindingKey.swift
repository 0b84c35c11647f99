/// What puts stacks in one finding: the pattern, the frame to fix, and, for stacks with no
/// frame of the user's code, an anchor (a goroutine's entry function, an allocation's leaf).
/// `diff`, `trend` and the evidence of text dumps group by the same key, so they agree.
struct FindingKey: Hashable, Sendable {
  var pattern: LeakPattern
  var responsible: Frame?
  var anchor: String

  /// The key of a stack (leaf first) and the note that explains its attribution, if any.
  static func classify(_ frames: [Frame], isGoroutine: Bool, sources: SourceResolver?)
    -> (key: FindingKey, note: String?)
  {
    let (pattern, responsible, note) =
      isGoroutine
      ? LeakDetector.classifyGoroutine(frames, sources: sources)
      : LeakDetector.classifyHeap(frames)
    let anchor =
      responsible == nil && pattern != .unclosedHTTPBody
      ? LeakDetector.anchor(frames, isGoroutine: isGoroutine) : ""
    return (FindingKey(pattern: pattern, responsible: responsible, anchor: anchor), note)
  }
}
