import PprofProfile

/// What the leak rules need to know about one frame, worked out once per distinct frame: a
/// profile of 150,000 stacks has only a few thousand frames, so classifying stacks by frame id
/// costs array reads instead of string hashing.
struct FrameFacts: Sendable {
  var isStandardLibrary: Bool
  var isTimerConstructor: Bool
  var inTimePackage: Bool
  var isContextConstructor: Bool
  var inContextPackage: Bool
  var isHTTPConnection: Bool
  var isHTTPServerConnection: Bool
  var isHTTPConnectionAllocation: Bool
  /// The pattern a runtime frame of the blocking prefix signals (`runtime.chansend1`, …).
  var blocking: LeakPattern?

  init(_ frame: Frame) {
    let function = frame.function
    isStandardLibrary = LeakSignatures.isStandardLibrary(function)
    isTimerConstructor = LeakSignatures.timerConstructors.contains(function)
    inTimePackage = LeakSignatures.packagePath(of: function) == "time"
    isContextConstructor = LeakSignatures.contextConstructors.contains(function)
    inContextPackage = LeakSignatures.packagePath(of: function) == "context"
    isHTTPConnection = LeakSignatures.httpClientConnection.contains(function)
    isHTTPServerConnection = LeakSignatures.httpServerConnection.contains(function)
    isHTTPConnectionAllocation = LeakSignatures.httpClientConnectionAllocation.contains(function)
    blocking = LeakSignatures.blocking.first { $0.functions.contains(function) }?.pattern
  }
}

/// Classifies stacks given as frame ids into one frame table, with their wait reasons as ids
/// into one table of reasons: the pattern, the responsible frame and the anchor that group
/// stacks into findings (see `FindingKey`).
struct StackClassifier {
  /// A finding's identity in integers: equal exactly when the `FindingKey`s are.
  struct GroupKey: Hashable {
    var pattern: LeakPattern
    /// The responsible frame's id, -1 for none.
    var responsible: Int32
    /// The anchor function's name id, -1 for none.
    var anchor: Int32
  }

  let frames: [Frame]
  let isGoroutine: Bool
  let sources: SourceResolver?
  private let facts: [FrameFacts]
  /// The pattern each wait reason names (nil for reasons of no pattern, such as "sleep").
  private let waitPatterns: [LeakPattern?]
  /// Each frame's function name as a small integer.
  private let nameIDs: [Int32]

  init(frames: [Frame], waitReasons: [String], isGoroutine: Bool, sources: SourceResolver?) {
    self.frames = frames
    self.isGoroutine = isGoroutine
    self.sources = sources
    facts = frames.map(FrameFacts.init)
    waitPatterns = waitReasons.map(LeakSignatures.pattern(forWaitReason:))
    var names: [String: Int32] = [:]
    nameIDs = frames.map { frame in
      if let id = names[frame.function] { return id }
      let id = Int32(names.count)
      names[frame.function] = id
      return id
    }
  }

  /// The pattern, responsible frame (an index of `frames`) and attribution note of a stack
  /// and its wait reason (an index of the reasons).
  func classify(_ stack: some Collection<Int32>, waitReason: Int32?)
    -> (pattern: LeakPattern, responsible: Int32?, note: String?)
  {
    isGoroutine ? classifyGoroutine(stack, waitReason: waitReason) : classifyHeap(stack)
  }

  /// The group of a stack; `note` is worked out only when asked for (once per group).
  func key(_ stack: some Collection<Int32>, waitReason: Int32?) -> GroupKey {
    let (pattern, responsible, _) = classify(stack, waitReason: waitReason)
    var anchor: Int32 = -1
    if responsible == nil, pattern != .unclosedHTTPBody,
      let frame = isGoroutine ? stack.reversed().first : stack.first
    {
      anchor = nameIDs[Int(frame)]
    }
    return GroupKey(pattern: pattern, responsible: responsible ?? -1, anchor: anchor)
  }

  /// The `FindingKey` of a group key.
  func findingKey(_ key: GroupKey, stack: some Collection<Int32>) -> FindingKey {
    let anchor =
      key.anchor < 0 ? "" : frames[Int((isGoroutine ? stack.reversed().first : stack.first)!)].function
    return FindingKey(
      pattern: key.pattern, responsible: key.responsible < 0 ? nil : frames[Int(key.responsible)],
      anchor: anchor)
  }

  private func classifyGoroutine(_ stack: some Collection<Int32>, waitReason: Int32?)
    -> (pattern: LeakPattern, responsible: Int32?, note: String?)
  {
    let responsible = stack.first { !facts[Int($0)].isStandardLibrary }
    if stack.contains(where: { facts[Int($0)].isHTTPConnection }) {
      return (.unclosedHTTPBody, responsible, responsible == nil ? Self.httpNote : nil)
    }
    // A traceback's header names the wait its stack hides the runtime frames of.
    if let waitReason, let pattern = waitPatterns[Int(waitReason)] {
      return (pattern, responsible, waitNote(pattern, stack, responsible: responsible))
    }
    for id in stack {
      let fact = facts[Int(id)]
      if !fact.isStandardLibrary { break }
      if let pattern = fact.blocking {
        return (pattern, responsible, waitNote(pattern, stack, responsible: responsible))
      }
    }
    // A leaf of the user's own code with no wait reason: a debug=1 dump, which hides both.
    if waitReason == nil, let leaf = stack.first, let responsible, leaf == responsible {
      let (pattern, _, note) = Self.recoverFromSource(frames[Int(leaf)], sources: sources)
      return (pattern, responsible, note)
    }
    let note =
      responsible == nil
      ? "these goroutines run only runtime and standard library code, started in "
        + "\(stack.reversed().first.map { frames[Int($0)].function } ?? "an unknown function"): look for what starts them"
      : nil
    return (.goroutineGrowth, responsible, note)
  }

  /// Where to look when goroutines wait with no frame of the user's code: an HTTP server's
  /// connections reading their next request are held open by their clients.
  private func waitNote(_ pattern: LeakPattern, _ stack: some Collection<Int32>, responsible: Int32?)
    -> String?
  {
    guard pattern == .blockedIO, responsible == nil,
      stack.contains(where: { facts[Int($0)].isHTTPServerConnection })
    else { return nil }
    return Self.httpServerNote
  }

  private func classifyHeap(_ stack: some Collection<Int32>)
    -> (pattern: LeakPattern, responsible: Int32?, note: String?)
  {
    // A context the user's code made (its timer too, for WithTimeout): the context is what to
    // cancel. The standard library's own contexts (a server's per connection) are not.
    if let context = stack.firstIndex(where: { facts[Int($0)].isContextConstructor }) {
      var index = context
      while index < stack.endIndex, facts[Int(stack[index])].inContextPackage || facts[Int(stack[index])].inTimePackage {
        index = stack.index(after: index)
      }
      if index < stack.endIndex, !facts[Int(stack[index])].isStandardLibrary {
        return (.uncancelledContext, stack[index], nil)
      }
    }
    if let timer = stack.firstIndex(where: { facts[Int($0)].isTimerConstructor }) {
      // The caller of the time function: skip the rest of package time, then any standard
      // library frames, to the first frame the user wrote.
      var index = timer
      while index < stack.endIndex, facts[Int(stack[index])].inTimePackage {
        index = stack.index(after: index)
      }
      let caller = stack[index...].first { !facts[Int($0)].isStandardLibrary }
      return (.unstoppedTimer, caller, nil)
    }
    let responsible = stack.first { !facts[Int($0)].isStandardLibrary }
    if stack.contains(where: { facts[Int($0)].isHTTPConnectionAllocation }) {
      return (.unclosedHTTPBody, responsible, responsible == nil ? Self.httpNote : nil)
    }
    return (.heapGrowth, responsible, nil)
  }
}
