public import Foundation
import PprofProfile

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
    /// `goroutineleak` (Go 1.26+): the goroutines the runtime proves leaked. Each request runs
    /// a GC cycle.
    case goroutineleak
    /// `goroutineleak?debug=2`: every goroutine as `goroutine?debug=2` prints it, the proved
    /// ones marked `(leaked)`; fetched instead of `goroutine?debug=2` where it is served.
    case goroutineleakText = "goroutineleak-text"

    /// The path under `/debug/pprof/`.
    var query: String {
      switch self {
      case .heap: "heap?gc=1"
      case .goroutine: "goroutine"
      case .goroutineText: "goroutine?debug=2"
      case .goroutineleak: "goroutineleak"
      case .goroutineleakText: "goroutineleak?debug=2"
      }
    }

    /// The file name's kind and extension: `heap-…pb.gz`.
    public var fileKind: String {
      switch self {
      case .heap: "heap"
      case .goroutine, .goroutineText: "goroutine"
      case .goroutineleak, .goroutineleakText: "goroutineleak"
      }
    }

    /// True for the `?debug=2` text targets.
    public var isText: Bool { self == .goroutineText || self == .goroutineleakText }

    /// The kind of profile the body must read as: a `?debug=2` page is a goroutine dump.
    var profileKind: ProfileKind { isText ? .goroutine : ProfileKind(name: fileKind) }

    public var fileExtension: String { isText ? "debug2.txt" : "pb.gz" }
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
