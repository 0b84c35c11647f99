public import PprofProfile

/// Why two profiles cannot be diffed.
public enum ProfileDiffError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The profiles measure different things per sample period (e.g. heap vs goroutine).
  case incompatiblePeriodTypes(base: String, new: String)
  /// The profiles have different sample types (e.g. a heap and a CPU profile).
  case incompatibleSampleTypes(base: [String], new: [String])
  case sampleIndex(SampleIndexError)

  public var description: String {
    switch self {
    case .incompatiblePeriodTypes(let base, let new):
      return "cannot diff: the base profile's period type is \(base) but the new one's is \(new)"
        + " (compare two profiles of the same kind, e.g. two heap profiles)"
    case .incompatibleSampleTypes(let base, let new):
      return "cannot diff: the base profile's sample types are [\(base.joined(separator: " "))]"
        + " but the new one's are [\(new.joined(separator: " "))]"
        + " (compare two profiles of the same kind, e.g. two heap profiles)"
    case .sampleIndex(let error):
      return error.description
    }
  }
}

extension Profile {
  /// `type/unit` pairs, as pprof prints them in its compatibility errors.
  func valueTypeNames(_ types: [ValueType]) -> [String] {
    types.map { "\(string($0.type))/\(string($0.unit))" }
  }

  /// Checks that `other` can be diffed against this profile: same period type, same sample
  /// types and units in the same order, as pprof's `compatible` requires.
  public func checkDiffable(with other: Profile) throws(ProfileDiffError) {
    let mine = valueTypeNames(sampleTypes)
    let theirs = other.valueTypeNames(other.sampleTypes)
    guard mine == theirs else {
      throw .incompatibleSampleTypes(base: mine, new: theirs)
    }
    let myPeriod = valueTypeNames(periodType.map { [$0] } ?? [ValueType()])
    let theirPeriod = other.valueTypeNames(other.periodType.map { [$0] } ?? [ValueType()])
    guard myPeriod == theirPeriod else {
      throw .incompatiblePeriodTypes(base: myPeriod[0], new: theirPeriod[0])
    }
  }
}
