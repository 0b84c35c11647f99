import PprofProfile

/// What the Go runtime's own leak check says of a finding's goroutines. Since Go 1.26 (by
/// default in 1.27) a request for the `goroutineleak` profile runs a GC cycle that marks every
/// blocked goroutine nothing live can reach the channel or lock of: such a goroutine can never
/// run again. The binary and debug=1 profiles hold only those goroutines; a `?debug=2` page
/// prints them all, the proved ones as `[chan send (leaked)]`. synctest's deadlock panic is
/// the same proof for a bubble's goroutines.
public struct RuntimeProof: Equatable, Sendable {
  /// Goroutines of the finding the runtime proved leaked in its latest check; 0 when it checked
  /// and proved none of them: what they wait on is still reachable (from a global, a live
  /// goroutine or the runtime's timers), or they are not blocked on a channel or lock at all.
  public var leaked: Int64
  /// The proved goroutines at each snapshot of a `goroutineleak` series, in series order;
  /// empty when the proof is one check.
  public var values: [Int64]
  /// The file of the latest check.
  public var path: String

  public init(leaked: Int64, values: [Int64] = [], path: String) {
    self.leaked = leaked
    self.values = values
    self.path = path
  }

  /// True when the runtime proved at least one of the goroutines leaked.
  public var isProven: Bool { leaked > 0 }

  /// The proof rule: a goroutine the runtime proved leaked is a leak from one snapshot, at
  /// any count and age, whatever it waits on.
  var severity: Severity? { isProven ? .leak : nil }
}

/// The runtime's leak checks of a run, by the key findings group stacks by: from a
/// `goroutineleak` profile (binary or debug=1; each of its goroutines is proved) or a
/// traceback that marks goroutines `(leaked)`.
struct ProofIndex {
  /// Proved goroutines per finding key, per check (one value for a single check).
  var values: [FindingKey: [Int64]]
  /// The latest check's file.
  var path: String

  /// The proof of the finding with `key`: its proved goroutines, or 0 when the check did not
  /// prove it.
  func proof(_ key: FindingKey) -> RuntimeProof {
    let values = values[key] ?? []
    return RuntimeProof(leaked: values.last ?? 0, values: values.count > 1 ? values : [], path: path)
  }

  /// The checks of a `goroutineleak` series, grouped as `groups` groups them.
  init(_ groups: StackGroups, path: String) {
    self.path = path
    values = [:]
    for group in groups.groups {
      values[groups.findingKey(of: group)] = group.values
    }
  }

  /// The check of one traceback: the `(leaked)` goroutines of each key.
  init(evidence: [FindingKey: WaitEvidence], path: String) {
    self.path = path
    values = evidence.mapValues { [Int64($0.leaked)] }
  }
}
