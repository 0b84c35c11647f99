import ArgumentParser
import Foundation
import PprofCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses a duration ("500ms", "30s", "5m", "1h", or seconds) for `transform:`.
func parseSeconds(_ text: String) throws -> Double {
  guard let seconds = OptionValue.seconds(text) else {
    throw ValidationError("'\(text)' is not a duration: use e.g. 500ms, 30s, 5m or 1h")
  }
  return seconds
}

/// What to fetch from the service, and how: shared by `collect` and `watch`.
struct CollectOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "The service: its base URL (http://host:6060) or its pprof path (…/debug/pprof/).",
      valueName: "url"))
  var url: String

  @Option(
    help: ArgumentHelp(
      "Profiles to fetch each round, comma-separated: heap, goroutine, goroutineleak (default "
        + "heap,goroutine, and goroutineleak where the service's pprof index lists it: Go 1.26+; "
        + "each goroutineleak request runs a GC cycle).",
      valueName: "kinds"))
  var kinds: String?

  @Flag(
    help: ArgumentHelp(
      "Also fetch every goroutine's stack each round (goroutineleak?debug=2 where served, "
        + "else goroutine?debug=2): wait reasons, minutes blocked, creators, the runtime's proof."))
  var text = false

  @Option(
    help: ArgumentHelp(
      "How long a request may take, connection to last byte, redirects included (default 30s).",
      valueName: "duration"),
    transform: parseSeconds)
  var timeout: Double = 30

  @Option(
    name: .customLong("max-response-size"),
    help: ArgumentHelp(
      "The largest response body accepted, also once inflated from a gzip Content-Encoding "
        + "(default 512M).",
      valueName: "size"),
    transform: { Int(try parseSize($0)) })
  var maxResponseSize: Int = 512 << 20

  @Option(help: "Times a failed request is retried within its round, with backoff (default 2).")
  var retries: Int = 2

  @Option(
    name: .customLong("header"),
    help: ArgumentHelp(
      "An HTTP header sent with every request, 'Name: value' (repeatable; Authorization only "
        + "when the --token-env variable is unset).",
      valueName: "header"))
  var headers: [String] = []

  @Option(
    name: .customLong("token-env"),
    help: ArgumentHelp(
      "The environment variable holding a bearer token (sent as Authorization: Bearer; never "
        + "give a token on the command line, where ps shows it).",
      valueName: "name"))
  var tokenVariable: String = "PPROF_LEAK_TOKEN"

  func validate() throws {
    guard retries >= 0, retries <= 10 else { throw ValidationError("--retries must be 0 to 10") }
    _ = try targets()
    for header in headers where parseHeader(header) == nil {
      throw ValidationError("--header '\(header)' is not 'Name: value'")
    }
    let setsAuthorization = headers.compactMap(parseHeader).contains {
      $0.name.caseInsensitiveCompare("Authorization") == .orderedSame
    }
    if setsAuthorization, token != nil {
      throw ValidationError(
        "--header Authorization and the bearer token in \(tokenVariable) (--token-env) both set "
          + "Authorization: give one of them")
    }
    do {
      _ = try PprofEndpoints(url)
    } catch {
      throw ValidationError(error.description)
    }
  }

  /// The targets of a round, in fetch order, and those fetched only where served: by
  /// default goroutineleak (and its text page), which services before Go 1.26 do not serve.
  func targets() throws -> (all: [PprofEndpoints.Target], optional: Set<PprofEndpoints.Target>) {
    var targets: [PprofEndpoints.Target] = []
    for name in (kinds ?? "heap,goroutine,goroutineleak").split(separator: ",")
      .map({ $0.trimmingCharacters(in: .whitespaces) })
    {
      switch name {
      case "heap": targets.append(.heap)
      case "goroutine": targets.append(.goroutine)
      case "goroutineleak": targets.append(.goroutineleak)
      default: throw ValidationError("--kinds: '\(name)' is not heap, goroutine or goroutineleak")
      }
    }
    guard !targets.isEmpty else {
      throw ValidationError("--kinds: give heap, goroutine, goroutineleak, or several")
    }
    if text { targets.append(targets.contains(.goroutineleak) ? .goroutineleakText : .goroutineText) }
    return (targets, kinds == nil ? [.goroutineleak, .goroutineleakText] : [])
  }

  private func parseHeader(_ text: String) -> (name: String, value: String)? {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let name = text[..<colon].trimmingCharacters(in: .whitespaces)
    let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, !name.contains(" ") else { return nil }
    return (name, value)
  }

  /// The bearer token in the --token-env variable; nil when it is unset or empty.
  private var token: String? {
    ProcessInfo.processInfo.environment[tokenVariable].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The fetcher: timeout, size limit, --header values and the bearer token from the
  /// environment.
  func fetcher() -> HTTPFetcher {
    var headers = self.headers.compactMap(parseHeader)
    if let token { headers.append(("Authorization", "Bearer " + token)) }
    return HTTPFetcher(
      options: HTTPFetcher.Options(timeout: timeout, maxBytes: maxResponseSize, headers: headers))
  }

  /// Creates `directory` when missing; fails when it cannot be written.
  static func prepare(_ directory: String) throws {
    if let status = FileName.status(directory) {
      guard status.isDirectory else { throw CommandFailure("\(displayName(directory)): not a directory (--out)") }
    } else if let failure = FileName.makeDirectories(directory) {
      throw CommandFailure("\(displayName(directory)): cannot create the directory (--out): \(SystemError.message(failure))")
    }
    guard FileName.withCString(directory, { access($0, W_OK) }) == 0 else {
      throw CommandFailure("\(displayName(directory)): cannot write into it (--out)")
    }
  }

  /// Runs the collector with progress on standard error. `afterRound` gets the round and the
  /// snapshots written so far in this run (watch redraws there). Throws when nothing was written
  /// or the directory cannot be written.
  func collect(
    every: Double, count: Int?, directory: String,
    liveProgress: Bool, roundLines: Bool = true,
    afterRound: (_ round: Int, _ files: [String]) -> Void = { _, _ in }
  ) throws -> Collector.Summary {
    let endpoints = try PprofEndpoints(url)
    let (targets, optional) = try self.targets()
    var plan = Collector.Plan(
      endpoints: endpoints, targets: targets, interval: every, count: count,
      directory: directory, retries: retries)
    plan.optional = optional
    let fetcher = fetcher()
    let progress = RoundProgress(live: liveProgress, lines: roundLines, count: count, every: every)
    var standardError = StandardError()
    print(
      "pprof-leak: collecting "
        + targets.map { $0.rawValue + (optional.contains($0) ? " (if served)" : "") }.joined(separator: ", ")
        + " from "
        + "\(endpoints.base.absoluteString) every \(DurationText.seconds(every))"
        + (count.map { ", \($0) round\($0 == 1 ? "" : "s")" } ?? ", until Ctrl-C")
        + ", into \(directory)", to: &standardError)
    var files: [String] = []
    do {
      let summary = try Collector(plan: plan).run(
        fetch: { url, stop in fetcher.fetch(url, shouldStop: stop) },
        shouldStop: { Interrupt.requested },
        event: { event in
          progress.show(event)
          switch event {
          case .saved(_, let path, _, _): files.append(path)
          case .roundEnded(let round, _, _): afterRound(round, files)
          default: break
          }
        })
      progress.finish()
      return summary
    } catch {
      progress.finish()
      throw CommandFailure(error.description)
    }
  }
}

/// The progress of collection on standard error: a line per round, or one live line on a
/// terminal; failures and retries always on their own lines.
final class RoundProgress {
  private let live: Bool
  /// False: only failures and retries are shown (watch draws the round itself).
  private let lines: Bool
  private let count: Int?
  private let every: Double
  private var parts: [String] = []
  private var round = 0
  private var standardError = StandardError()

  init(live: Bool, lines: Bool, count: Int?, every: Double) {
    self.live = live
    self.lines = lines
    self.count = count
    self.every = every
  }

  func show(_ event: Collector.Event) {
    switch event {
    case .roundStarted(let round, _):
      self.round = round
      parts = []
      if live { write("\r\u{1B}[K" + header() + " fetching…") }
    case .saved(let target, _, _, let summary):
      parts.append("\(target.rawValue) \(summary)")
      if live { write("\r\u{1B}[K" + header() + " " + parts.joined(separator: " · ")) }
    case .retrying(let target, let attempt, let delay, let error):
      line("round \(round): \(target.rawValue): \(error); retry \(attempt) in \(DurationText.seconds(delay))")
    case .failed(let target, let error):
      line("round \(round): \(target.rawValue) failed: \(error)")
    case .notServed(let target, let reason):
      line("note: not fetching \(target.rawValue): \(reason)")
    case .roundEnded(_, _, let failed):
      let text = header() + " " + (parts.isEmpty ? "nothing saved" : parts.joined(separator: " · "))
        + (failed > 0 ? " (\(failed) failed)" : "")
      if live {
        let isLast = round == count
        write("\r\u{1B}[K" + text + (isLast ? "" : "  next in \(DurationText.seconds(every))"))
      } else if lines {
        print(text, to: &standardError)
      }
    }
  }

  func finish() {
    if live { write("\r\u{1B}[K") }
  }

  private func header() -> String {
    "round \(round)\(count.map { "/\($0)" } ?? "")  \(clock())"
  }

  /// A line of its own, even when the live line is showing.
  private func line(_ text: String) {
    if live { write("\r\u{1B}[K") }
    print("pprof-leak: " + text, to: &standardError)
  }

  private func write(_ text: String) {
    StandardStreams.writeError(text)
  }

  private func clock() -> String {
    var seconds = time(nil)
    var parts = tm()
    localtime_r(&seconds, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
  }
}
