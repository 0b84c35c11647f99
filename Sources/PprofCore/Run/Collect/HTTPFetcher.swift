public import Foundation
import PprofProfile

/// Fetches URLs one at a time, over libcurl (https with the system's trust store), with every
/// bound a hostile or broken service could push past held by us, not by a library's defaults:
///
/// - one deadline for the whole request, redirects and body included (`--timeout`);
/// - the body capped as it arrives, and again when inflated from a `Content-Encoding: gzip` we
///   never asked for (`--max-response-size`), so a gzip bomb or an endless body stops at the cap;
/// - header lines capped at `maxHeaderBytes`;
/// - redirects followed only within the same scheme, host and port, so credentials (`--header`,
///   the bearer token) are never sent to another host; no other protocol than http and https;
/// - credentials blanked out of any response text shown in an error.
public final class HTTPFetcher: Sendable {
  public struct Options: Sendable {
    /// Seconds for a whole request, connection to last byte, redirects included.
    public var timeout: Double
    public var maxBytes: Int
    /// Sent with every request, e.g. ("Authorization", "Bearer …").
    public var headers: [(name: String, value: String)]

    public init(timeout: Double = 30, maxBytes: Int = 512 << 20, headers: [(name: String, value: String)] = []) {
      self.timeout = timeout
      self.maxBytes = maxBytes
      self.headers = headers
    }
  }

  /// The most header bytes one response may carry: curl's own cap (since 7.83), kept by us for
  /// older ones. A pprof response carries a few hundred bytes.
  public static let maxHeaderBytes = 300 << 10
  /// Redirects followed within one origin before giving up (as Go's http.Client).
  static let maxRedirects = 10

  private let options: Options

  public init(options: Options) {
    self.options = options
  }

  /// Fetches `url`; `shouldStop` is polled while waiting, and cancels the request when true.
  public func fetch(_ url: URL, shouldStop: () -> Bool = { false }) -> Result<[UInt8], FetchError> {
    let deadline = Date().addingTimeInterval(options.timeout)
    var current = url
    for _ in 0...Self.maxRedirects {
      let response: CurlTransfer.Response
      switch CurlTransfer.perform(
        current, headers: options.headers, maxBytes: options.maxBytes,
        maxHeaderBytes: Self.maxHeaderBytes, deadline: deadline, shouldStop: shouldStop)
      {
      case .failure(let failure):
        return .failure(failure.fetchError(timeout: options.timeout, redacting: secrets))
      case .success(let answer): response = answer
      }
      if [301, 302, 303, 307, 308].contains(response.status), let location = response.location {
        guard let next = URL(string: location, relativeTo: current)?.absoluteURL,
          Self.origin(of: next) == Self.origin(of: current)
        else {
          let shown = URL(string: location, relativeTo: current).flatMap { Self.origin(of: $0.absoluteURL) }
          return .failure(.redirectElsewhere(response.status, shown ?? "an unreadable address"))
        }
        current = next
        continue
      }
      guard response.status == 200 else {
        return .failure(.status(response.status, Self.excerpt(of: response.body, redacting: secrets)))
      }
      return decoded(response)
    }
    return .failure(.tooManyRedirects(Self.maxRedirects))
  }

  /// The body as sent, or inflated under the cap when the service gzip-encoded it.
  private func decoded(_ response: CurlTransfer.Response) -> Result<[UInt8], FetchError> {
    switch response.contentEncoding?.lowercased() {
    case nil, "", "identity": return .success(response.body)
    case "gzip", "x-gzip":
      do {
        return .success(try Gzip.decompress(response.body, limit: options.maxBytes))
      } catch {
        if case .tooLarge = error.reason { return .failure(.tooLarge(options.maxBytes)) }
        return .failure(.notAProfile("its Content-Encoding: gzip does not inflate: \(error)"))
      }
    case let other?:
      return .failure(.notAProfile("it is sent with Content-Encoding: \(other), which pprof-leak does not read"))
    }
  }

  /// The values that must never be shown: each header value sent, and a bearer token alone.
  private var secrets: [String] {
    options.headers.flatMap { header -> [String] in
      let words = header.value.split(separator: " ")
      return [header.value] + (words.count > 1 ? [String(words.last ?? "")] : [])
    }
    .filter { $0.count >= 3 }
    .sorted { $0.count > $1.count }
  }

  /// `scheme://host:port`, with the scheme's default port written out; nil for a URL without
  /// a host.
  static func origin(of url: URL) -> String? {
    guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
    let port = url.port ?? (scheme == "https" ? 443 : 80)
    return "\(scheme)://\(host):\(port)"
  }

  /// The first line of an error body, at most 80 characters, with `secrets` blanked out.
  static func excerpt(of body: [UInt8], redacting secrets: [String]) -> String {
    var text = String(decoding: body.prefix(4096), as: UTF8.self)
    text = redact(text, secrets)
    let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    return String(first.prefix(80))
  }

  /// `text` with every occurrence of each secret replaced.
  static func redact(_ text: String, _ secrets: [String]) -> String {
    secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
  }
}
