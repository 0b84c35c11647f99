import PprofUnits

/// Why one request got no profile.
public enum FetchError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No connection: refused, unknown host, reset.
  case connection(String)
  /// The service's https certificate was not trusted: self-signed, from a CA the system's trust
  /// store lacks, expired, or for another name.
  case untrustedCertificate(String)
  /// The TLS handshake failed for another reason, such as plain http on an https URL.
  case tls(String)
  /// No complete answer within the per-request timeout.
  case timeout(Double)
  /// An HTTP status other than 200, with the start of the body (credentials sent with the
  /// request blanked out of it).
  case status(Int, String)
  /// The body passed the size limit, received or inflated from its `Content-Encoding`.
  case tooLarge(Int)
  /// The response's header lines passed what a profile's response could need.
  case headersTooLarge
  /// A redirect to another scheme, host or port (given as `scheme://host:port`), not followed:
  /// credentials stay with the host they were given for.
  case redirectElsewhere(Int, String)
  /// More redirects than are followed.
  case tooManyRedirects(Int)
  /// A 200 whose body is neither a profile nor a goroutine dump.
  case notAProfile(String)
  /// Stopped by the user (Ctrl-C).
  case cancelled

  /// What to check, when the error suggests something.
  public var hint: String? {
    switch self {
    case .connection: "is the service up, at this address?"
    case .untrustedCertificate:
      "the system's trust store does not trust the service's certificate: add its CA there"
    case .tls: "does the service serve https at this address, not plain http?"
    case .status(404, _): "does the service import net/http/pprof, at this path?"
    case .status(401, _), .status(403, _): "give credentials with --header or --token-env"
    case .notAProfile: "is this URL the service's pprof, not a proxy or login page?"
    case .timeout: "raise --timeout, or check the service is not stuck"
    case .redirectElsewhere: "give the address the service redirects to"
    default: nil
    }
  }

  public var description: String {
    switch self {
    case .connection(let reason): return "cannot connect: \(reason)"
    case .untrustedCertificate(let reason): return "certificate not trusted: \(reason)"
    case .tls(let reason): return "TLS failed: \(reason)"
    case .timeout(let seconds): return "no answer within \(DurationText.seconds(seconds)) (--timeout)"
    case .status(let code, let body):
      let reason = Self.reasonPhrases[code].map { " " + $0 } ?? ""
      return "HTTP \(code)\(reason)" + (body.isEmpty ? "" : ": \"\(body)\"")
    case .tooLarge(let limit): return "the body is over \(Quantity.limit(limit)) (--max-response-size)"
    case .headersTooLarge:
      return "the response's headers are over \(Quantity.limit(HTTPFetcher.maxHeaderBytes))"
    case .redirectElsewhere(let code, let origin):
      return "HTTP \(code) redirects to \(origin), another scheme, host or port: not followed, so that "
        + "credentials never leave the host they were given for"
    case .tooManyRedirects(let count): return "more than \(count) redirects"
    case .notAProfile(let reason): return "the body is not a profile: \(reason)"
    case .cancelled: return "stopped"
    }
  }

  /// RFC 9110's words for the statuses a pprof endpoint or a proxy in front of it answers.
  static let reasonPhrases: [Int: String] = [
    300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other",
    304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
    401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout",
    410: "Gone", 413: "Content Too Large", 429: "Too Many Requests",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
  ]
}
