public import Foundation
import PprofUnits
import PprofProfile
import PprofGoroutine
import PprofAnalysis

/// Why `collect` or `watch` could not run, or gave up.
public enum CollectError: Error, Equatable, Sendable, CustomStringConvertible {
  case badURL(String, String)
  case badDirectory(String, String)
  /// Every round failed: nothing was collected. The last error of each target.
  case everyRoundFailed(Int, [String])
  /// Stopped (Ctrl-C) before any snapshot was written. The last error of each target that failed.
  case stoppedBeforeAnySnapshot([String])

  public var description: String {
    switch self {
    case .badURL(let url, let hint): return "\(url): not a service URL: \(hint)"
    case .badDirectory(let path, let reason): return "\(ProfileFile.displayName(path)): \(reason)"
    case .everyRoundFailed(let rounds, let errors):
      return "all \(rounds) round\(rounds == 1 ? "" : "s") failed, nothing was collected: "
        + errors.joined(separator: "; ")
    case .stoppedBeforeAnySnapshot(let errors):
      return "stopped before any snapshot was written"
        + (errors.isEmpty ? "" : "; failed: " + errors.joined(separator: "; "))
    }
  }
}

/// Snapshots of a live service, one round at a time: per round, each target is fetched,
/// checked to be a profile (or a goroutine dump), and written atomically under a timestamped
/// name. A failed fetch is retried with backoff and then reported; the run goes on.
public struct Collector: Sendable {
  public struct Plan: Sendable {
    public var endpoints: PprofEndpoints
    public var targets: [PprofEndpoints.Target]
    /// Seconds from one round's start to the next.
    public var interval: Double
    /// Rounds to take; nil: until stopped.
    public var count: Int?
    public var directory: String
    /// Retries of a failed fetch within its round.
    public var retries: Int
    /// Targets fetched only where the service serves them (`goroutineleak`, unless asked for
    /// by name): dropped with a `.notServed` event when the service's pprof index does not list
    /// them or they answer 404, and then a text target gives way to `goroutine?debug=2`.
    public var optional: Set<PprofEndpoints.Target> = []

    public init(
      endpoints: PprofEndpoints, targets: [PprofEndpoints.Target], interval: Double,
      count: Int?, directory: String, retries: Int = 2
    ) {
      self.endpoints = endpoints
      self.targets = targets
      self.interval = interval
      self.count = count
      self.directory = directory
      self.retries = retries
    }
  }

  /// What happened, for the progress display.
  public enum Event: Sendable {
    case roundStarted(round: Int, of: Int?)
    /// A snapshot was written; `summary` says what it holds ("203 goroutines").
    case saved(PprofEndpoints.Target, path: String, bytes: Int, summary: String)
    case retrying(PprofEndpoints.Target, attempt: Int, after: Double, FetchError)
    case failed(PprofEndpoints.Target, FetchError)
    /// An optional target the service does not serve; not fetched again.
    case notServed(PprofEndpoints.Target, reason: String)
    case roundEnded(round: Int, saved: Int, failed: Int)
  }

  public struct Summary: Sendable {
    public var rounds = 0
    /// Rounds that wrote every target.
    public var completeRounds = 0
    /// Rounds that wrote nothing.
    public var failedRounds = 0
    public var files: [String] = []
    public var interrupted = false
    /// The last error of each target, for the message when every round failed.
    public var lastErrors: [PprofEndpoints.Target: FetchError] = [:]

    /// "8 rounds", "8 rounds, 1 partial, 2 failed": partial rounds wrote some targets, not all.
    public var roundsDescription: String {
      let partial = rounds - completeRounds - failedRounds
      return "\(rounds) round\(rounds == 1 ? "" : "s")"
        + (partial > 0 ? ", \(partial) partial" : "")
        + (failedRounds > 0 ? ", \(failedRounds) failed" : "")
    }
  }

  public var plan: Plan

  public init(plan: Plan) {
    self.plan = plan
  }

  /// The file name of a target's snapshot taken at `date`: `heap-20261203T074501.250Z.pb.gz`,
  /// so names sort in time order.
  public static func fileName(_ target: PprofEndpoints.Target, at date: Date, round: Int? = nil)
    -> String
  {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    var seconds = time_t(milliseconds / 1000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let millis = Int(milliseconds % 1000)
    let stamp =
      "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
      + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))."
      + String(repeating: "0", count: 3 - String(millis).count) + "\(millis)Z"
    return "\(target.fileKind)-\(stamp)\(round.map { "-\($0)" } ?? "").\(target.fileExtension)"
  }

  /// Runs the rounds. `fetch` gets a URL and a stop check; `shouldStop` ends the run between
  /// (and during) requests; `event` reports progress. Throws when nothing was written: every
  /// round failed, or the run was stopped first.
  public func run(
    fetch: (URL, @escaping @Sendable () -> Bool) -> Result<[UInt8], FetchError>,
    shouldStop: @escaping @Sendable () -> Bool,
    event: (Event) -> Void
  ) throws(CollectError) -> Summary {
    var summary = Summary()
    var targets = servedTargets(fetch: fetch, shouldStop: shouldStop, event: event)
    // The first round now; each next one an interval after the previous one started, so a
    // round that runs long delays the next rather than two running back to back.
    var due = Date()
    var round = 0
    while plan.count.map({ round < $0 }) ?? true, !shouldStop() {
      guard wait(until: due, shouldStop: shouldStop) else { break }
      due = Date().addingTimeInterval(plan.interval)
      round += 1
      event(.roundStarted(round: round, of: plan.count))
      let taken = Date()
      var saved = 0
      var failed = 0
      var queue = targets[...]
      while let target = queue.popFirst() {
        guard !shouldStop() else { break }
        let result = fetchChecked(target, fetch: fetch, shouldStop: shouldStop, event: event)
        if case .failure(.status(404, _)) = result, plan.optional.contains(target) {
          let fallback = Self.drop(target, from: &targets, reason: "the service answers 404 (Go before 1.26)", event: event)
          if let fallback { queue.append(fallback) }
          continue
        }
        switch result {
        case .success(let (bytes, snapshotSummary)):
          var path = plan.directory + "/" + Self.fileName(target, at: taken)
          if FileName.status(path, following: false) != nil {
            // Rounds under a millisecond apart: never replace a snapshot already taken.
            path = plan.directory + "/" + Self.fileName(target, at: taken, round: round)
          }
          do {
            try AtomicFile.write(bytes, to: path)
          } catch {
            throw CollectError.badDirectory(plan.directory, error.reason)
          }
          summary.files.append(path)
          saved += 1
          event(.saved(target, path: path, bytes: bytes.count, summary: snapshotSummary))
        case .failure(.cancelled):
          break
        case .failure(let error):
          failed += 1
          summary.lastErrors[target] = error
          event(.failed(target, error))
        }
      }
      summary.rounds = round
      if saved == targets.count { summary.completeRounds += 1 }
      if saved == 0 { summary.failedRounds += 1 }
      event(.roundEnded(round: round, saved: saved, failed: failed))
    }
    summary.interrupted = shouldStop()
    if summary.files.isEmpty {
      let errors = plan.targets.compactMap { target in
        summary.lastErrors[target].map { error in
          "\(target.rawValue): \(error)" + (error.hint.map { " (\($0))" } ?? "")
        }
      }
      throw summary.interrupted
        ? .stoppedBeforeAnySnapshot(errors) : .everyRoundFailed(summary.rounds, errors)
    }
    return summary
  }

  /// The plan's targets less the optional ones the service's pprof index does not list (when
  /// the index can be read at all; else a 404 drops them later).
  private func servedTargets(
    fetch: (URL, @escaping @Sendable () -> Bool) -> Result<[UInt8], FetchError>,
    shouldStop: @escaping @Sendable () -> Bool, event: (Event) -> Void
  ) -> [PprofEndpoints.Target] {
    var targets = plan.targets
    let optional = targets.filter(plan.optional.contains)
    guard !optional.isEmpty, case .success(let page) = fetch(plan.endpoints.base, shouldStop),
      GoroutineDump.isText(page)
    else { return targets }
    let index = String(decoding: page, as: UTF8.self)
    guard index.contains("heap") || index.contains("goroutine") else { return targets }
    for target in optional where !index.contains(target.fileKind) {
      _ = Self.drop(
        target, from: &targets,
        reason: "the service's pprof index does not list \(target.fileKind) (Go before 1.26, or 1.26 "
          + "without GOEXPERIMENT=goroutineleakprofile)", event: event)
    }
    return targets
  }

  /// Takes `target` out of `targets`; a text target gives way to `goroutine?debug=2`, which is
  /// returned when it was not already there.
  private static func drop(
    _ target: PprofEndpoints.Target, from targets: inout [PprofEndpoints.Target], reason: String,
    event: (Event) -> Void
  ) -> PprofEndpoints.Target? {
    guard let position = targets.firstIndex(of: target) else { return nil }
    event(.notServed(target, reason: reason))
    guard target.isText, !targets.contains(.goroutineText) else {
      targets.remove(at: position)
      return nil
    }
    targets[position] = .goroutineText
    return .goroutineText
  }

  /// Sleeps until `date` in short steps; false when stopped first.
  private func wait(until date: Date, shouldStop: () -> Bool) -> Bool {
    while Date() < date {
      if shouldStop() { return false }
      Thread.sleep(forTimeInterval: min(0.05, max(date.timeIntervalSinceNow, 0)))
    }
    return !shouldStop()
  }

  /// Fetches one target, retrying with exponential backoff, and checks that the body reads as
  /// a profile (or, for text, a goroutine dump).
  private func fetchChecked(
    _ target: PprofEndpoints.Target,
    fetch: (URL, @escaping @Sendable () -> Bool) -> Result<[UInt8], FetchError>,
    shouldStop: @escaping @Sendable () -> Bool, event: (Event) -> Void
  ) -> Result<([UInt8], String), FetchError> {
    let base = min(1.0, plan.interval / 4)
    var attempt = 0
    while true {
      let result = fetch(plan.endpoints.url(target), shouldStop).flatMap { bytes in
        Self.check(bytes, target: target).map { (bytes, $0) }
      }
      guard case .failure(let error) = result, error != .cancelled, attempt < plan.retries else {
        return result
      }
      attempt += 1
      let delay = min(base * Double(1 << (attempt - 1)), max(plan.interval / 2, base))
      event(.retrying(target, attempt: attempt, after: delay, error))
      guard wait(until: Date().addingTimeInterval(delay), shouldStop: shouldStop) else {
        return .failure(.cancelled)
      }
    }
  }

  /// What the body holds ("203 goroutines", "20.2 MiB in use"), or why it is not a profile.
  static func check(_ bytes: [UInt8], target: PprofEndpoints.Target) -> Result<String, FetchError> {
    let snapshots: [Snapshot]
    do {
      snapshots = try ProfileLoader().snapshots(bytes, path: target.rawValue)
    } catch {
      if GoroutineDump.isText(bytes) {
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        let first = text.split(whereSeparator: \.isNewline).first.map { String($0.prefix(60)) } ?? ""
        let kind = first.drop { $0 == " " }.hasPrefix("<") ? "an HTML page" : "text"
        return .failure(.notAProfile("\(kind): \"\(first)\""))
      }
      let reason = "\(error)".split(separator: ":", maxSplits: 1).last.map {
        String($0.drop { $0 == " " })
      }
      return .failure(.notAProfile(reason ?? "\(error)"))
    }
    guard let profile = snapshots.last?.profile else { return .failure(.notAProfile("empty")) }
    let isText = snapshots.last?.dump != nil
    guard target.isText == isText, profile.kind == target.profileKind else {
      return .failure(.notAProfile("a \(isText ? "text dump" : profile.kind.name + " profile"), not \(target.rawValue)"))
    }
    guard let index = TrendBuilder.sampleIndex(for: profile), profile.sampleTypes.indices.contains(index)
    else { return .success(profile.kind.name) }
    let total = profile.total(ofValue: index)
    let type = profile.string(profile.sampleTypes[index].type)
    let unit = profile.string(profile.sampleTypes[index].unit)
    return .success(Quantity.amount(total, unit: unit, sampleType: type) + (type == "inuse_space" ? " in use" : ""))
  }
}
