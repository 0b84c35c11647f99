internal import CCurl
import Foundation
import PprofProfile

/// One HTTP GET over a libcurl easy handle, with nothing left to curl's defaults that matters:
/// no redirect is followed (the fetcher decides), no body is decoded, the body and the headers
/// are capped as they arrive, and the deadline and the stop check end the transfer at once.
enum CurlTransfer {
  struct Response {
    var status: Int
    /// The `Location` of a redirect, as the service wrote it.
    var location: String?
    var contentEncoding: String?
    var body: [UInt8]
  }

  /// Why a transfer ended without a response: curl's code and message, or one of our limits.
  struct Failure: Error {
    enum Kind {
      case curl(code: Int, message: String)
      case tooLarge(Int)
      case headersTooLarge
      case timedOut
      case stopped
    }

    var kind: Kind

    /// The fetch error, with `secrets` blanked out of any message curl wrote.
    func fetchError(timeout: Double, redacting secrets: [String]) -> FetchError {
      switch kind {
      case .tooLarge(let limit): .tooLarge(limit)
      case .headersTooLarge: .headersTooLarge
      case .timedOut: .timeout(timeout)
      case .stopped: .cancelled
      case .curl(let code, let message):
        HTTPFetcher.failure(code: code, message: HTTPFetcher.redact(message, secrets), timeout: timeout)
      }
    }
  }

  /// What the callbacks fill in, reached from C through an unretained pointer.
  private final class State {
    let maxBytes: Int
    let maxHeaderBytes: Int
    let deadline: Date
    let shouldStop: () -> Bool
    var body: [UInt8] = []
    var headerBytes = 0
    var contentEncoding: String?
    var overLimit: Failure.Kind?

    init(maxBytes: Int, maxHeaderBytes: Int, deadline: Date, shouldStop: @escaping () -> Bool) {
      self.maxBytes = maxBytes
      self.maxHeaderBytes = maxHeaderBytes
      self.deadline = deadline
      self.shouldStop = shouldStop
    }
  }

  private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

  static func perform(
    _ url: URL, headers: [(name: String, value: String)], maxBytes: Int, maxHeaderBytes: Int,
    deadline: Date, shouldStop: () -> Bool
  ) -> Result<Response, Failure> {
    guard globalInit, let handle = curl_easy_init() else {
      return .failure(Failure(kind: .curl(code: Int(CURLE_FAILED_INIT.rawValue), message: "libcurl could not start")))
    }
    defer { curl_easy_cleanup(handle) }
    let remaining = deadline.timeIntervalSinceNow
    guard remaining > 0 else { return .failure(Failure(kind: .timedOut)) }
    return withoutActuallyEscaping(shouldStop) { shouldStop in
      let state = State(maxBytes: maxBytes, maxHeaderBytes: maxHeaderBytes, deadline: deadline, shouldStop: shouldStop)
      let context = Unmanaged.passUnretained(state).toOpaque()
      var list: UnsafeMutablePointer<curl_slist>?
      // A curl list copies each string. No Accept-Encoding is sent, so a service compresses
      // only on its own accord, and curl decodes nothing.
      for header in headers { list = curl_slist_append(list, "\(header.name): \(header.value)") }
      list = curl_slist_append(list, "Expect:")
      defer { curl_slist_free_all(list) }
      let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
      errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
      defer { errorBuffer.deallocate() }
      let milliseconds = max(1, Int((remaining * 1000).rounded(.up)))
      ccurl_setopt_string(handle, CURLOPT_URL, url.absoluteString)
      ccurl_allow_http_only(handle)
      ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
      ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
      ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
      ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
      ccurl_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBytes))
      ccurl_setopt_string(handle, CURLOPT_USERAGENT, "pprof-leak")
      ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, list)
      ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
      ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
      ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
      ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
      ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
      ccurl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
        guard let data, let context else { return 0 }
        let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard state.body.count + length <= state.maxBytes else {
          state.overLimit = .tooLarge(state.maxBytes)
          return 0  // a short count ends the transfer
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
          state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
      }
      ccurl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
        guard let data, let context else { return 0 }
        let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        state.headerBytes += length
        guard state.headerBytes <= state.maxHeaderBytes else {
          state.overLimit = .headersTooLarge
          return 0
        }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
          String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        if line.hasPrefix("HTTP/") {
          state.contentEncoding = nil  // a new response (after a 100 Continue)
        } else if let colon = line.firstIndex(of: ":"),
          line[..<colon].lowercased() == "content-encoding"
        {
          state.contentEncoding = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return length
      }
      ccurl_setopt_progress_callback(handle) { context, _, _, _, _ in
        guard let context else { return 0 }
        let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
        if state.shouldStop() {
          state.overLimit = .stopped
          return 1
        }
        if Date() >= state.deadline {
          state.overLimit = .timedOut
          return 1
        }
        return 0
      }
      let code = curl_easy_perform(handle)
      if let limit = state.overLimit { return .failure(Failure(kind: limit)) }
      switch code {
      case CURLE_OK: break
      case CURLE_OPERATION_TIMEDOUT: return .failure(Failure(kind: .timedOut))
      case CURLE_FILESIZE_EXCEEDED: return .failure(Failure(kind: .tooLarge(maxBytes)))
      default:
        var message = String(cString: errorBuffer)
        if message.isEmpty { message = String(cString: curl_easy_strerror(code)) }
        // curl words a refused connection "Couldn't connect to server"; the system's error
        // says which failure it was.
        var systemError = 0
        if code == CURLE_COULDNT_CONNECT, ccurl_getinfo_long(handle, CURLINFO_OS_ERRNO, &systemError) == CURLE_OK,
          systemError != 0
        {
          message = SystemError.message(Int32(systemError))
        }
        return .failure(Failure(kind: .curl(code: Int(code.rawValue), message: message)))
      }
      var status = 0
      ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
      var location: UnsafeMutablePointer<CChar>?
      ccurl_getinfo_string(handle, CURLINFO_REDIRECT_URL, &location)
      return .success(
        Response(
          status: status, location: location.map { String(cString: $0) },
          contentEncoding: state.contentEncoding, body: state.body))
    }
  }
}

extension HTTPFetcher {
  /// The fetch error for curl's `code` and message, so that the hint fits.
  static func failure(code: Int, message: String, timeout: Double) -> FetchError {
    switch code {
    case Int(CURLE_COULDNT_CONNECT.rawValue):
      return .connection(
        message.lowercased().contains("refused") || message.isEmpty ? "connection refused" : message.lowercased())
    case Int(CURLE_COULDNT_RESOLVE_HOST.rawValue): return .connection("unknown host")
    case Int(CURLE_OPERATION_TIMEDOUT.rawValue): return .timeout(timeout)
    case Int(CURLE_PEER_FAILED_VERIFICATION.rawValue): return .untrustedCertificate(message)
    case Int(CURLE_SSL_CONNECT_ERROR.rawValue), Int(CURLE_SSL_CERTPROBLEM.rawValue),
      Int(CURLE_SSL_CIPHER.rawValue), Int(CURLE_SSL_CACERT_BADFILE.rawValue):
      return message.contains("certificate") && !message.contains("wrong version")
        ? .untrustedCertificate(message) : .tls(message)
    case Int(CURLE_RECV_ERROR.rawValue) where message.contains("header"):
      // curl's own cap on all header lines: "Too large response headers: 307828 > 307200".
      return .headersTooLarge
    case Int(CURLE_GOT_NOTHING.rawValue), Int(CURLE_RECV_ERROR.rawValue),
      Int(CURLE_SEND_ERROR.rawValue), Int(CURLE_PARTIAL_FILE.rawValue):
      return .connection("the connection was closed (\(message))")
    case Int(CURLE_OUT_OF_MEMORY.rawValue):
      // curl refuses one header line over its own 100 KiB limit this way ("Out of memory"):
      // nothing else in a transfer of bounded size allocates without bound.
      return .headersTooLarge
    default: return .connection(message)
    }
  }
}
