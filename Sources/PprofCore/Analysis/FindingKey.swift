import PprofProfile

/// What puts stacks in one finding: the pattern, the frame to fix, and, for stacks with no
/// frame of the user's code, an anchor (a goroutine's entry function, an allocation's leaf).
/// `diff`, `trend` and the evidence of text dumps group by the same key, so they agree.
struct FindingKey: Hashable, Sendable {
  var pattern: LeakPattern
  var responsible: Frame?
  var anchor: String

  /// The key of a stack (leaf first) and its wait reason, and the note that explains its
  /// attribution, if any.
  static func classify(
    _ frames: [Frame], waitReason: String?, isGoroutine: Bool, sources: SourceResolver?
  ) -> (key: FindingKey, note: String?) {
    let classifier = StackClassifier(
      frames: frames, waitReasons: waitReason.map { [$0] } ?? [], isGoroutine: isGoroutine,
      sources: sources)
    let stack = Int32(0)..<Int32(frames.count)
    let reason: Int32? = waitReason == nil ? nil : 0
    let key = classifier.findingKey(classifier.key(stack, waitReason: reason), stack: stack)
    return (key, classifier.classify(stack, waitReason: reason).note)
  }
}
