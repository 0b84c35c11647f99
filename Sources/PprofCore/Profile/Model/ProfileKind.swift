/// What a profile measures, told from its sample types as pprof's own handlers write them:
/// `heap` (inuse and alloc, default inuse_space), `allocs` (the same types, default
/// alloc_space), `goroutine`, `goroutineleak` (Go 1.26+: the goroutines the runtime proved
/// leaked), `cpu`, `contention` (block and mutex), `threadcreate`; any other set of types is
/// `other`, named by them ("a,b").
public enum ProfileKind: Hashable, Sendable, CustomStringConvertible {
  case heap, allocs, goroutine, goroutineleak, cpu, contention, threadcreate
  case other(String)

  /// True for profiles whose samples count goroutines: `goroutine` and `goroutineleak`.
  public var countsGoroutines: Bool { self == .goroutine || self == .goroutineleak }

  /// The kind's name, as reports and file names write it.
  public var name: String {
    switch self {
    case .heap: "heap"
    case .allocs: "allocs"
    case .goroutine: "goroutine"
    case .goroutineleak: "goroutineleak"
    case .cpu: "cpu"
    case .contention: "contention"
    case .threadcreate: "threadcreate"
    case .other(let types): types
    }
  }

  public init(name: String) {
    switch name {
    case "heap": self = .heap
    case "allocs": self = .allocs
    case "goroutine": self = .goroutine
    case "goroutineleak": self = .goroutineleak
    case "cpu": self = .cpu
    case "contention": self = .contention
    case "threadcreate": self = .threadcreate
    default: self = .other(name)
    }
  }

  public var description: String { name }
}

extension Profile {
  /// The kind of profile, from its sample types.
  public var kind: ProfileKind {
    let types = sampleTypeNames
    switch types {
    case ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]:
      return string(defaultSampleType) == "alloc_space" ? .allocs : .heap
    case ["goroutine"]: return .goroutine
    case ["goroutineleak"]: return .goroutineleak
    case ["samples", "cpu"]: return .cpu
    case ["contentions", "delay"]: return .contention
    case ["threadcreate"]: return .threadcreate
    default: return .other(types.joined(separator: ","))
    }
  }
}
