public import PprofCore

/// Builds small valid profiles in code: strings are interned, ids assigned densely.
public struct ProfileBuilder {
  public var profile = Profile()

  public init(sampleTypes: [(String, String)] = [("objects", "count"), ("space", "bytes")]) {
    profile.stringTable = [""]
    profile.sampleTypes = sampleTypes.map { ValueType(type: string($0.0), unit: string($0.1)) }
  }

  public mutating func string(_ text: String) -> StringID {
    if let index = profile.stringTable.firstIndex(of: text) { return StringID(Int64(index)) }
    profile.stringTable.append(text)
    return StringID(Int64(profile.stringTable.count - 1))
  }

  /// Adds a sample whose stack is `frames` (leaf first), one location per frame.
  public mutating func addSample(_ frames: [(function: String, file: String, line: Int64)], values: [Int64]) {
    var ids: [UInt64] = []
    for frame in frames {
      let functionID: UInt64
      let name = string(frame.function)
      let file = string(frame.file)
      if let existing = profile.functions.first(where: { $0.name == name && $0.filename == file }) {
        functionID = existing.id
      } else {
        var function = Function()
        function.id = UInt64(profile.functions.count + 1)
        function.name = name
        function.filename = file
        profile.functions.append(function)
        functionID = function.id
      }
      var location = Location()
      location.id = UInt64(profile.locations.count + 1)
      location.lines = [Line(functionID: functionID, line: frame.line)]
      profile.locations.append(location)
      ids.append(location.id)
    }
    profile.appendSample(Sample(locationIDs: ids, values: values))
  }

  /// The profile as bytes, then decoded, so its indexes are built as in real use.
  public func decoded() throws -> Profile {
    try Profile(decoding: profile.encoded())
  }
}
