/// A `--sample-index` that names no sample type of the profile.
public struct SampleIndexError: Error, Equatable, Sendable, CustomStringConvertible {
  public var requested: String
  public var available: [String]

  public init(requested: String, available: [String]) {
    self.requested = requested
    self.available = available
  }

  public var description: String {
    if available.isEmpty { return "the profile has no sample types: there is nothing to show" }
    if let number = Int(requested) {
      return "sample index \(number) is outside the range [0..\(available.count - 1)]"
    }
    return "sample index \"\(requested)\" must be one of: \(available.joined(separator: ", "))"
  }
}

extension Profile {
  /// The names of the sample types, e.g. ["alloc_objects", "alloc_space", …].
  public var sampleTypeNames: [String] { sampleTypes.map { string($0.type) } }

  /// The index of the sample type `name` (a name or a number), resolved as pprof does: nil picks
  /// `default_sample_type`, else the last type (`inuse_space` for Go heap profiles); an
  /// `inuse_` prefix also matches the legacy names `space` and `objects`.
  public func sampleTypeIndex(named name: String?) throws(SampleIndexError) -> Int {
    let names = sampleTypeNames
    guard let name, !name.isEmpty else {
      let preferred = string(defaultSampleType)
      if !preferred.isEmpty, let index = names.firstIndex(of: preferred) { return index }
      return max(names.count - 1, 0)
    }
    if let number = Int(name) {
      guard names.indices.contains(number) else {
        throw SampleIndexError(requested: name, available: names)
      }
      return number
    }
    let legacy = name.hasPrefix("inuse_") ? String(name.dropFirst(6)) : name
    if let index = names.firstIndex(where: { $0 == name || $0 == legacy }) { return index }
    throw SampleIndexError(requested: name, available: names)
  }
}
