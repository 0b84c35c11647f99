import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// The HTTP client against a hostile service on 127.0.0.1: every bound holds, and credentials
/// never leave the host they were given for.
@Suite("HTTPFetcher: redirects, caps, deadline, credentials", .serialized)
struct HTTPFetcherTests {
  static let secret = "s3cret-token"
  static let headers = [("Authorization", "Bearer \(secret)"), ("X-Api-Key", "k3y-value")]

  func fetch(_ server: HostileServer, _ mode: String, timeout: Double = 5) -> Result<[UInt8], FetchError> {
    let fetcher = HTTPFetcher(options: .init(timeout: timeout, maxBytes: 1 << 20, headers: Self.headers))
    return fetcher.fetch(URL(string: "\(server.url)/\(mode)/debug/pprof/goroutine")!)
  }

  @Test("a redirect within the origin is followed with the credentials; one elsewhere is not")
  func redirects() throws {
    let server = try HostileServer()
    defer { server.stop() }
    let profile = try Fixture.bytes(Fixture.profiles.appendingPathComponent("leaky/goroutine-08.pb.gz").path)
    #expect(try fetch(server, "ok").get() == profile)
    #expect(try fetch(server, "redirect-same").get() == profile)
    for (mode, code) in [("redirect-elsewhere", 302), ("redirect307-elsewhere", 307)] {
      guard case .failure(.redirectElsewhere(code, let origin)) = fetch(server, mode) else {
        Issue.record("\(mode) was followed")
        continue
      }
      #expect(origin.hasPrefix("http://127.0.0.1:") && !origin.contains("token"))
    }
    // Nothing, and so no credential, reached the other host.
    #expect(server.recorded.isEmpty, "\(server.recorded)")
    #expect(fetch(server, "redirect-loop") == .failure(.tooManyRedirects(10)))
  }

  @Test("an endless body, a gzip bomb and a header flood stop at their caps, within the deadline")
  func caps() throws {
    let server = try HostileServer()
    defer { server.stop() }
    let started = Date()
    #expect(fetch(server, "endless") == .failure(.tooLarge(1 << 20)))
    // 64 KiB on the wire that Content-Encoding inflates to 64 MiB: inflated under the cap.
    #expect(fetch(server, "bomb") == .failure(.tooLarge(1 << 20)))
    #expect(fetch(server, "big-header") == .failure(.headersTooLarge))
    #expect(fetch(server, "giant-header") == .failure(.headersTooLarge))
    guard case .failure(.notAProfile(let reason)) = fetch(server, "brotli") else {
      Issue.record("a brotli body was taken")
      return
    }
    #expect(reason.contains("Content-Encoding: br"))
    #expect(Date().timeIntervalSince(started) < 20)
  }

  @Test("the deadline covers the body: a service that stops sending ends at --timeout")
  func slowBody() throws {
    let server = try HostileServer()
    defer { server.stop() }
    let started = Date()
    #expect(fetch(server, "slow-body", timeout: 1) == .failure(.timeout(1)))
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test("an error body that echoes the credentials shows them blanked out")
  func redaction() throws {
    let server = try HostileServer()
    defer { server.stop() }
    let result = fetch(server, "echo")
    #expect(result == .failure(.status(401, "denied: Authorization: [redacted]")))
    #expect(!"\(result)".contains(Self.secret))
    #expect(HTTPFetcher.redact("key k3y-value, token s3cret-token", ["Bearer s3cret-token", "s3cret-token", "k3y-value"]) == "key [redacted], token [redacted]")
  }
}
