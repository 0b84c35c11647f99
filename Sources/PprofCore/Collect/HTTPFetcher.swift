public import Foundation
#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

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
  /// An HTTP status other than 200, with the start of the body.
  case status(Int, String)
  /// The body passed the size limit.
  case tooLarge(Int)
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
      let reason = HTTPURLResponse.localizedString(forStatusCode: code)
      return "HTTP \(code) \(reason)" + (body.isEmpty ? "" : ": \"\(body)\"")
    case .tooLarge(let limit): return "the body is over \(ByteCount.format(limit)) (--max-response-size)"
    case .notAProfile(let reason): return "the body is not a profile: \(reason)"
    case .cancelled: return "stopped"
    }
  }
}

/// Fetches URLs one at a time with URLSession (FoundationNetworking, which ships with the
/// toolchain: curl underneath, https with the system's trust store), with a whole-request
/// timeout, a body size limit, and extra headers (authentication).
public final class HTTPFetcher: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  public struct Options: Sendable {
    /// Seconds for a whole request, connection to last byte.
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

  /// What arrived for the request in flight. Guarded by `lock`.
  private struct Transfer {
    var body: [UInt8] = []
    var status = 0
    var tooLarge = false
    var error: (any Error)?
  }

  private let options: Options
  private let lock = NSLock()
  private var transfer = Transfer()
  private let finished = DispatchSemaphore(value: 0)
  private var session: URLSession!

  public init(options: Options) {
    self.options = options
    super.init()
    let configuration = URLSessionConfiguration.ephemeral
    // The deadline is kept by fetch(_:shouldStop:); corelibs' own timers misfire on
    // sub-second intervals (a 0.5 s timeout can end a request at once), so theirs are only a
    // backstop.
    configuration.timeoutIntervalForRequest = max(options.timeout * 2, 60)
    configuration.timeoutIntervalForResource = max(options.timeout * 2, 60)
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.httpAdditionalHeaders = ["User-Agent": "pprof-leak"]
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = 1
    session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
  }

  deinit { session.invalidateAndCancel() }

  /// Fetches `url`; `shouldStop` is polled while waiting, and cancels the request when true.
  public func fetch(_ url: URL, shouldStop: () -> Bool = { false }) -> Result<[UInt8], FetchError> {
    var request = URLRequest(url: url, timeoutInterval: max(options.timeout * 2, 60))
    for header in options.headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
    lock.withLock { transfer = Transfer() }
    let task = session.dataTask(with: request)
    task.resume()
    let deadline = Date().addingTimeInterval(options.timeout)
    var outcome: FetchError?
    while finished.wait(timeout: .now() + 0.05) == .timedOut {
      if shouldStop() {
        outcome = .cancelled
      } else if Date() >= deadline {
        outcome = .timeout(options.timeout)
      } else {
        continue
      }
      task.cancel()
      finished.wait()
      break
    }
    let result = lock.withLock { transfer }
    if let outcome { return .failure(outcome) }
    if result.tooLarge { return .failure(.tooLarge(options.maxBytes)) }
    if let error = result.error {
      return .failure(Self.failure(for: error, timeout: options.timeout))
    }
    guard result.status == 200 else {
      let text = String(decoding: result.body.prefix(200), as: UTF8.self)
        .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
      return .failure(.status(result.status, String(text.prefix(80))))
    }
    return .success(result.body)
  }

  /// The fetch error for a request that failed before its answer, so that the hint fits.
  /// FoundationNetworking reports curl's certificate and handshake failures as URLError.unknown
  /// with curl's message ("SSL certificate problem: self-signed certificate", "OpenSSL/3.0.19:
  /// error:0A00010B:SSL routines::wrong version number"): those are told apart by the message.
  static func failure(for error: any Error, timeout: Double) -> FetchError {
    guard let urlError = error as? URLError else { return .connection(error.localizedDescription) }
    let message = urlError.localizedDescription
    switch urlError.code {
    case .timedOut: return .timeout(timeout)
    case .cannotConnectToHost: return .connection("connection refused")
    case .cannotFindHost: return .connection("unknown host")
    case .networkConnectionLost: return .connection("the connection was closed")
    case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
      .serverCertificateHasUnknownRoot:
      return .untrustedCertificate(message)
    case .secureConnectionFailed, .unknown:
      if message.contains("certificate") { return .untrustedCertificate(message) }
      if urlError.code == .secureConnectionFailed || message.contains("SSL") || message.contains("TLS") {
        return .tls(message)
      }
      return .connection(message)
    default: return .connection(message)
    }
  }

  public func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    let tooLarge = response.expectedContentLength > Int64(options.maxBytes)
    lock.withLock {
      transfer.status = status
      transfer.tooLarge = tooLarge
    }
    completionHandler(tooLarge ? .cancel : .allow)
  }

  public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    let over = lock.withLock { () -> Bool in
      guard transfer.body.count + data.count <= options.maxBytes else {
        transfer.tooLarge = true
        return true
      }
      transfer.body.append(contentsOf: data)
      return false
    }
    if over { dataTask.cancel() }
  }

  public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
    lock.withLock {
      if let error, !transfer.tooLarge { transfer.error = error }
    }
    finished.signal()
  }
}
