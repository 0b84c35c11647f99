import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits


/// The collection loop without a network: URLs, names, retries and what counts as a profile.
@Suite("Collector")
struct CollectorTests {
  @Test("the service's base URL or its pprof path give the same endpoints")
  func endpoints() throws {
    for text in ["http://host:6060", "http://host:6060/", "http://host:6060/debug/pprof", "http://host:6060/debug/pprof/"] {
      let endpoints = try PprofEndpoints(text)
      #expect(endpoints.url(.heap).absoluteString == "http://host:6060/debug/pprof/heap?gc=1")
      #expect(endpoints.url(.goroutine).absoluteString == "http://host:6060/debug/pprof/goroutine")
      #expect(endpoints.url(.goroutineText).absoluteString == "http://host:6060/debug/pprof/goroutine?debug=2")
    }
    #expect(try PprofEndpoints("https://svc/admin/debug/pprof/").url(.heap).absoluteString == "https://svc/admin/debug/pprof/heap?gc=1")
    #expect(try PprofEndpoints("https://svc/admin").url(.goroutine).absoluteString == "https://svc/admin/debug/pprof/goroutine")
    for bad in ["host:6060", "ftp://host/", "http://", "http://host/debug/pprof/?x=1", ""] {
      #expect(throws: CollectError.self, "\(bad)") { try PprofEndpoints(bad) }
    }
  }

  @Test("file names carry the UTC time to the millisecond and sort in time order")
  func names() {
    let date = Date(timeIntervalSince1970: 1_796_283_901.25)
    #expect(Collector.fileName(.heap, at: date) == "heap-20261203T074501.250Z.pb.gz")
    #expect(Collector.fileName(.goroutineText, at: date) == "goroutine-20261203T074501.250Z.debug2.txt")
    let later = Collector.fileName(.heap, at: date.addingTimeInterval(0.75))
    #expect(later == "heap-20261203T074502.000Z.pb.gz")
    #expect(Collector.fileName(.heap, at: date) < later)
  }

  @Test("durations: ms, s, m, h, or bare seconds")
  func durations() {
    #expect(OptionValue.seconds("500ms") == 0.5)
    #expect(OptionValue.seconds("30s") == 30)
    #expect(OptionValue.seconds("2m") == 120)
    #expect(OptionValue.seconds("1h") == 3600)
    #expect(OptionValue.seconds("1.5") == 1.5)
    // The same grammar for whole minutes (--min-blocked), whose bare unit is the minute.
    #expect(OptionValue.minutes("15") == 15)
    #expect(OptionValue.minutes("15m") == 15)
    #expect(OptionValue.minutes("2h") == 120)
    #expect(OptionValue.minutes("900s") == 15)
    for bad in ["", "0", "30s", "90s", "-5m", "2d"] { #expect(OptionValue.minutes(bad) == nil, "\(bad)") }
    for bad in ["", "0s", "-1s", "10d", "2days", "25h"] { #expect(OptionValue.seconds(bad) == nil, "\(bad)") }
  }

  static func plan(_ directory: URL, retries: Int = 2, count: Int = 3) throws -> Collector.Plan {
    Collector.Plan(
      endpoints: try PprofEndpoints("http://127.0.0.1:1"), targets: [.goroutine],
      interval: 0.02, count: count, directory: directory.path, retries: retries)
  }

  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("collector-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("a failed fetch is retried with growing delays; a round that still fails is reported, the run goes on")
  func retries() throws {
    let profile = Array(try Data(contentsOf: Fixture.profiles.appendingPathComponent("leaky/goroutine-01.pb.gz")))
    let directory = try Self.directory()
    var calls = 0
    var events: [Collector.Event] = []
    // Round 1: three failures (first try and two retries); then every fetch succeeds.
    let summary = try Collector(plan: Self.plan(directory)).run(
      fetch: { _, _ in
        calls += 1
        return calls <= 3 ? .failure(.status(503, "busy")) : .success(profile)
      },
      shouldStop: { false }, event: { events.append($0) })
    #expect(calls == 5)
    #expect(summary.rounds == 3)
    #expect(summary.failedRounds == 1)
    #expect(summary.completeRounds == 2)
    #expect(summary.roundsDescription == "3 rounds, 1 failed")
    #expect(summary.files.count == 2)
    let delays = events.compactMap { if case .retrying(_, _, let after, _) = $0 { after } else { nil } }
    #expect(delays.count == 2)
    #expect(delays[1] > delays[0])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
  }

  @Test("a round that writes some targets but not all is partial")
  func partialRounds() throws {
    let profile = Array(try Data(contentsOf: Fixture.profiles.appendingPathComponent("leaky/goroutine-01.pb.gz")))
    var plan = try Self.plan(try Self.directory(), retries: 0, count: 2)
    plan.targets = [.goroutine, .heap]
    // The heap endpoint always fails: each round writes the goroutine profile only.
    let summary = try Collector(plan: plan).run(
      fetch: { url, _ in url.path.hasSuffix("/heap") ? .failure(.status(500, "no")) : .success(profile) },
      shouldStop: { false }, event: { _ in })
    #expect(summary.rounds == 2)
    #expect(summary.completeRounds == 0)
    #expect(summary.failedRounds == 0)
    #expect(summary.files.count == 2)
    #expect(summary.roundsDescription == "2 rounds, 2 partial")
  }

  @Test("bodies that are not profiles, or the wrong kind, fail the fetch; every round failing is an error")
  func notProfiles() throws {
    let heap = Array(try Data(contentsOf: Fixture.profiles.appendingPathComponent("leaky/heap-01.pb.gz")))
    for (body, reason) in [
      (Array("<html><body>login</body></html>".utf8), "an HTML page"),
      (heap, "a heap profile, not goroutine"),
      ([0x1F, 0x8B, 0x08, 0x00], "gzip"),
    ] {
      let error = #expect(throws: CollectError.self) {
        _ = try Collector(plan: Self.plan(try Self.directory(), retries: 0, count: 2)).run(
          fetch: { _, _ in .success(body) }, shouldStop: { false }, event: { _ in })
      }
      #expect(error?.description.contains("all 2 rounds failed") == true)
      #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
    }
  }

  @Test("a run stopped with nothing written is an error that says so, with the failures before the stop")
  func stoppedEmpty() throws {
    let stopped = Flag()
    let afterFailures = #expect(throws: CollectError.self) {
      _ = try Collector(plan: Self.plan(try Self.directory(), retries: 0, count: 100)).run(
        fetch: { _, _ in .failure(.connection("connection refused")) },
        shouldStop: { stopped.value },
        event: { if case .roundEnded(let round, _, _) = $0, round == 2 { stopped.value = true } })
    }
    #expect(
      afterFailures?.description == "stopped before any snapshot was written; failed: goroutine: "
        + "cannot connect: connection refused (is the service up, at this address?)")
    // Ctrl-C during the first fetch: no request failed, so there is no error to list.
    let stoppedInFetch = Flag()
    let duringFirstFetch = #expect(throws: CollectError.self) {
      _ = try Collector(plan: Self.plan(try Self.directory(), count: 100)).run(
        fetch: { _, _ in
          stoppedInFetch.value = true
          return .failure(.cancelled)
        },
        shouldStop: { stoppedInFetch.value }, event: { _ in })
    }
    #expect(duringFirstFetch == .stoppedBeforeAnySnapshot([]))
    #expect(duringFirstFetch?.description == "stopped before any snapshot was written")
    #expect(Collector.fileName(.heap, at: Date(timeIntervalSince1970: 0), round: 3) == "heap-19700101T000000.000Z-3.pb.gz")
  }

  /// A fake Go service: its pprof index lists goroutineleak (Go 1.26+) or not, and each path
  /// answers with a real body of its kind.
  static func service(listsLeak: Bool, servesLeak: Bool) throws -> (URL, @escaping @Sendable () -> Bool) -> Result<[UInt8], FetchError> {
    func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: Fixture.profiles.appendingPathComponent(path))) }
    let bodies: [String: [UInt8]] = [
      "goroutine": try bytes("go1.27/series/goroutine-01.pb.gz"),
      "goroutineleak": try bytes("go1.27/series/goroutineleak-01.pb.gz"),
      "goroutine?debug=2": try bytes("leaky/goroutine-01.debug2.txt"),
      "goroutineleak?debug=2": try bytes("go1.27/text/goroutineleak-01.debug2.txt"),
    ]
    let index = Array(
      ("<html><body>Types of profiles available: <a href=\"goroutine?debug=1\">goroutine</a> "
        + "<a href=\"heap?debug=1\">heap</a>"
        + (listsLeak ? " <a href=\"goroutineleak?debug=1\">goroutineleak</a>" : "") + "</body></html>").utf8)
    return { url, _ in
      let page = url.absoluteString.components(separatedBy: "/debug/pprof/").last ?? ""
      if page.isEmpty { return .success(index) }
      if page.hasPrefix("goroutineleak"), !servesLeak { return .failure(.status(404, "404 page not found")) }
      return bodies[page].map { .success($0) } ?? .failure(.status(404, "404 page not found"))
    }
  }

  @Test("goroutineleak is fetched where the service's index lists it; elsewhere it is left out with a note, not an error")
  func optionalLeakProfile() throws {
    for (lists, serves) in [(true, true), (false, false), (true, false)] {
      let directory = try Self.directory()
      var plan = try Self.plan(directory, retries: 0, count: 2)
      plan.targets = [.goroutine, .goroutineleak, .goroutineleakText]
      plan.optional = [.goroutineleak, .goroutineleakText]
      var notServed: [PprofEndpoints.Target] = []
      var failures = 0
      let summary = try Collector(plan: plan).run(
        fetch: try Self.service(listsLeak: lists, servesLeak: serves), shouldStop: { false },
        event: { event in
          if case .notServed(let target, _) = event { notServed.append(target) }
          if case .failed = event { failures += 1 }
        })
      let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(failures == 0, "lists \(lists)")
      #expect(summary.completeRounds == 2, "lists \(lists), serves \(serves)")
      if serves {
        #expect(notServed.isEmpty)
        #expect(names.filter { $0.hasPrefix("goroutineleak-") && $0.hasSuffix(".pb.gz") }.count == 2)
        #expect(names.filter { $0.hasPrefix("goroutineleak-") && $0.hasSuffix(".debug2.txt") }.count == 2)
        #expect(!names.contains { $0.hasPrefix("goroutine-") && $0.hasSuffix(".debug2.txt") })
      } else {
        // Dropped once, for the run; the text page gives way to goroutine?debug=2.
        #expect(notServed == [.goroutineleak, .goroutineleakText])
        #expect(!names.contains { $0.hasPrefix("goroutineleak-") })
        #expect(names.filter { $0.hasPrefix("goroutine-") && $0.hasSuffix(".debug2.txt") }.count == 2)
      }
      #expect(names.filter { $0.hasPrefix("goroutine-") && $0.hasSuffix(".pb.gz") }.count == 2)
    }
    // Asked for by name, a 404 is a failure like any other.
    var plan = try Self.plan(try Self.directory(), retries: 0, count: 1)
    plan.targets = [.goroutine, .goroutineleak]
    var failed: [PprofEndpoints.Target] = []
    _ = try Collector(plan: plan).run(
      fetch: try Self.service(listsLeak: false, servesLeak: false), shouldStop: { false },
      event: { if case .failed(let target, _) = $0 { failed.append(target) } })
    #expect(failed == [.goroutineleak])
  }

  @Test("a stop ends the run between fetches; nothing more is written")
  func stop() throws {
    let profile = Array(try Data(contentsOf: Fixture.profiles.appendingPathComponent("leaky/goroutine-01.pb.gz")))
    let directory = try Self.directory()
    let stopped = Flag()
    let summary = try Collector(plan: Self.plan(directory, count: 100)).run(
      fetch: { _, _ in .success(profile) }, shouldStop: { stopped.value },
      event: { if case .roundEnded(let round, _, _) = $0, round == 2 { stopped.value = true } })
    #expect(summary.interrupted)
    #expect(summary.rounds == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
  }

  @Test("a failed request is classified so that its hint fits: refused, timeout, certificate, TLS")
  func transportFailures() {
    // curl's codes (CURLcode), with the messages curl writes for them.
    func failure(_ code: Int, _ message: String = "") -> FetchError {
      HTTPFetcher.failure(code: code, message: message, timeout: 5)
    }
    #expect(failure(7, "Failed to connect to 127.0.0.1 port 1: Connection refused") == .connection("connection refused"))
    #expect(failure(7).hint == "is the service up, at this address?")
    #expect(failure(6) == .connection("unknown host"))
    #expect(failure(28) == .timeout(5))
    #expect(failure(28).hint?.hasPrefix("raise --timeout") == true)
    let selfSigned = "SSL certificate problem: self-signed certificate"
    #expect(failure(60, selfSigned) == .untrustedCertificate(selfSigned))
    #expect(failure(60, selfSigned).hint?.contains("trust store does not trust the service's certificate") == true)
    let plainHTTP = "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number"
    #expect(failure(35, plainHTTP) == .tls(plainHTTP))
    #expect(failure(56, "Recv failure: Connection reset by peer") == .connection("the connection was closed (Recv failure: Connection reset by peer)"))
    #expect(failure(56, "Too large response headers: 307828 > 307200") == .headersTooLarge)
    #expect(failure(27, "Out of memory") == .headersTooLarge)
  }

  final class Flag: @unchecked Sendable {
    var value = false
  }
}
