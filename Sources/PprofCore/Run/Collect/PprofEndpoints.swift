public import Foundation

/// The `/debug/pprof/` URLs of a Go service, from its base URL (`http://host:6060`) or its
/// pprof path (`http://host:6060/debug/pprof/`, or a service that mounts it elsewhere).
public struct PprofEndpoints: Sendable {
  /// What one round fetches.
  public enum Target: String, CaseIterable, Sendable {
    /// `heap?gc=1`: a GC first, so in-use numbers are of live objects.
    case heap
    /// `goroutine`: the binary goroutine profile.
    case goroutine
    /// `goroutine?debug=2`: every goroutine's stack, state, minutes blocked and creator.
    case goroutineText = "goroutine-text"

    /// The path under `/debug/pprof/`.
    var query: String {
      switch self {
      case .heap: "heap?gc=1"
      case .goroutine: "goroutine"
      case .goroutineText: "goroutine?debug=2"
      }
    }

    /// The file name's kind and extension: `heap-…pb.gz`.
    public var fileKind: String {
      switch self {
      case .heap: "heap"
      case .goroutine, .goroutineText: "goroutine"
      }
    }

    public var fileExtension: String { self == .goroutineText ? "debug2.txt" : "pb.gz" }
  }

  /// The pprof directory URL, ending in "/".
  public let base: URL

  public init(_ text: String) throws(CollectError) {
    guard var components = URLComponents(string: text),
      let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
      components.host?.isEmpty == false
    else {
      throw CollectError.badURL(
        text, "give the service's base URL, e.g. http://localhost:6060 (http or https)")
    }
    guard components.query == nil, components.fragment == nil else {
      throw CollectError.badURL(text, "give the base URL without a query")
    }
    var path = components.path
    if !path.contains("/debug/pprof") { path = (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/debug/pprof" }
    if !path.hasSuffix("/") { path += "/" }
    components.path = path
    guard let url = components.url else { throw CollectError.badURL(text, "not a URL") }
    base = url
  }

  public func url(_ target: Target) -> URL {
    URL(string: base.absoluteString + target.query)!
  }
}
