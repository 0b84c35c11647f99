public import PprofProfile
public import PprofGoroutine

/// What a goroutine traceback says about a finding's goroutines that counts cannot: what they
/// wait on, for how long, and which `go` statement started them.
public struct WaitEvidence: Equatable, Sendable, BlockedMinutesCounting {
  /// Goroutines of the finding in the dump.
  public var goroutines: Int
  /// The wait reasons, most goroutines first.
  public var waitReasons: [String]
  /// Goroutines by minutes blocked (0: under a minute, or not said).
  public var minutesBlockedCounts: [Int: Int]
  /// The creator of most of the goroutines, and how many it created.
  public var createdBy: Frame?
  public var createdByCount: Int
  /// Goroutines locked to their OS thread (`runtime.LockOSThread`): each blocked one keeps a
  /// thread as well.
  public var lockedToThread = 0
  /// Goroutines in a wait nothing can end, however short it has been so far: a send or receive
  /// on a nil channel, a select with no cases, and every goroutine of a dump the runtime
  /// printed because it found them all deadlocked.
  public var waitingForever = 0
  /// Goroutines the runtime proved leaked (`(leaked)` in their headers; see `RuntimeProof`).
  public var leaked = 0
  /// The dump the evidence was read from.
  public var path: String
  /// How the goroutines were attributed (e.g. a debug=1 pattern read from source).
  var note: String?

  /// The blocked rule: what this evidence alone says about a finding of `pattern`, nil when it
  /// says nothing. At least `minGoroutines` goroutines blocked for `minBlockedMinutes` or more
  /// (or in a wait nothing can end) in a send or a lock is a leak; in a receive, a select or a
  /// Cond wait (where idle workers also wait) a suspect, unless nothing can end their wait. At
  /// least 2 such goroutines (1 with `minGoroutines` 1) is info.
  func severity(pattern: LeakPattern, thresholds: Thresholds, minBlockedMinutes: Int)
    -> Severity?
  {
    let blocking: Set<LeakPattern> = [.blockedSend, .blockedRecv, .blockedSelect, .syncWait]
    guard blocking.contains(pattern) else { return nil }
    // Either count is a part of the goroutines: the larger is a floor on how many are stuck.
    let stuck = max(count(blockedAtLeast: max(minBlockedMinutes, 1)), waitingForever)
    // At least 2 are info, unless --min-goroutines asks for fewer.
    guard stuck >= min(2, max(thresholds.minGoroutines, 1)) else { return nil }
    guard Int64(stuck) >= thresholds.minGoroutines else { return .info }
    let idleWait =
      stuck > waitingForever
      && (pattern == .blockedRecv || pattern == .blockedSelect
        || waitReasons.allSatisfy { $0.hasPrefix("sync.Cond.Wait") })
    return idleWait ? .suspect : .leak
  }

  /// The evidence of every finding a dump's goroutines fall into, by the key `diff` and
  /// `trend` group stacks by.
  static func index(_ dump: GoroutineDump, path: String, sources: SourceResolver?)
    -> [FindingKey: WaitEvidence]
  {
    var reasons: [FindingKey: [String: Int]] = [:]
    var creators: [FindingKey: [Frame: Int]] = [:]
    var evidence: [FindingKey: WaitEvidence] = [:]
    for group in dump.groups {
      let (key, note) = FindingKey.classify(
        group.frames, waitReason: group.waitReason.isEmpty ? nil : group.waitReason,
        isGoroutine: true, sources: sources)
      var entry =
        evidence[key]
        ?? WaitEvidence(
          goroutines: 0, waitReasons: [], minutesBlockedCounts: [:], createdBy: nil,
          createdByCount: 0, path: path, note: note)
      entry.goroutines += group.count
      if group.lockedToThread { entry.lockedToThread += group.count }
      if dump.deadlocked || Self.isForever(group.waitReason) { entry.waitingForever += group.count }
      if group.leaked { entry.leaked += group.count }
      for (minutes, count) in group.minutesBlockedCounts {
        entry.minutesBlockedCounts[minutes, default: 0] += count
      }
      evidence[key] = entry
      if !group.waitReason.isEmpty { reasons[key, default: [:]][group.waitReason, default: 0] += group.count }
      if let creator = group.createdBy { creators[key, default: [:]][creator, default: 0] += group.count }
    }
    for key in evidence.keys {
      // Most goroutines first; ties in a fixed order, so output never changes between runs.
      evidence[key]?.waitReasons = (reasons[key] ?? [:]).sorted {
        $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
      }.map(\.key)
      if let top = (creators[key] ?? [:]).min(by: {
        $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
      }) {
        evidence[key]?.createdBy = top.key
        evidence[key]?.createdByCount = top.value
      }
    }
    return evidence
  }

  /// The wait reason a report names for a finding: the commonest in its traceback `evidence`,
  /// else its stack's own (from a profile pprof-leak wrote); nil when neither said.
  public static func namedWaitReason(_ evidence: WaitEvidence?, stack: String?) -> String? {
    evidence?.waitReasons.first ?? stack
  }

  /// A wait reason no other goroutine can end: a nil channel is never ready, and a select
  /// without cases has nothing to wait for.
  static func isForever(_ waitReason: String) -> Bool {
    isNilChannel(waitReason) || waitReason == "select (no cases)"
  }

  /// `chan send (nil chan)`, `chan receive (nil chan)`.
  static func isNilChannel(_ waitReason: String) -> Bool { waitReason.hasSuffix("(nil chan)") }
}
