/// Builds a `Profile` from resolved frames, for profiles pprof-leak makes rather than reads
/// (goroutine text dumps, growth profiles): strings interned, one function per name and file,
/// one location per frame or run of inlined frames, ids dense from 1.
package struct ProfileAssembler {
  private(set) var profile = Profile()
  private var strings: [String: StringID] = ["": .empty]
  private var functionIDs: [Frame: UInt64] = [:]
  private var locationIDs: [[Frame]: UInt64] = [:]
  private var addressIDs: [UInt64: UInt64] = [:]
  /// The mapping of new locations (0: none).
  private var mappingID: UInt64 = 0

  package init() {
    profile.stringTable = [""]
  }

  package mutating func string(_ text: String) -> StringID {
    if let id = strings[text] { return id }
    let id = StringID(Int64(profile.stringTable.count))
    profile.stringTable.append(text)
    strings[text] = id
    return id
  }

  /// Adds `binary` as the mapping of the locations added from now on. Every location names its
  /// functions, files and lines, as the mapping's flags say.
  package mutating func map(_ binary: MainBinary, hasInlineFrames: Bool) {
    var mapping = Mapping()
    mapping.id = UInt64(profile.mappings.count + 1)
    mapping.filename = string(binary.filename)
    mapping.buildID = string(binary.buildID)
    mapping.hasFunctions = true
    mapping.hasFilenames = true
    mapping.hasLineNumbers = true
    mapping.hasInlineFrames = hasInlineFrames
    profile.mappings.append(mapping)
    mappingID = mapping.id
  }

  /// The location id of `lines` (leaf first: calls inlined into the last line, then that line),
  /// added with their functions when new.
  package mutating func location(_ lines: [Frame]) -> UInt64 {
    if let id = locationIDs[lines] { return id }
    var location = Location()
    location.id = UInt64(profile.locations.count + 1)
    location.mappingID = mappingID
    location.lines = lines.map { Line(functionID: function($0), line: $0.line) }
    profile.locations.append(location)
    locationIDs[lines] = location.id
    return location.id
  }

  /// The location id of `address`, with `lines` (leaf first; none when nothing names it),
  /// added when new: for text pages whose records list addresses.
  package mutating func location(address: UInt64, lines: [Frame]) -> UInt64 {
    if let id = addressIDs[address] { return id }
    var location = Location()
    location.id = UInt64(profile.locations.count + 1)
    location.mappingID = mappingID
    location.address = address
    location.lines = lines.map { Line(functionID: function($0), line: $0.line) }
    profile.locations.append(location)
    addressIDs[address] = location.id
    return location.id
  }

  /// The function id of `frame`'s function and file, added when new.
  private mutating func function(_ frame: Frame) -> UInt64 {
    let named = Frame(function: frame.function, file: frame.file, line: 0)
    if let id = functionIDs[named] { return id }
    var function = Function()
    function.id = UInt64(profile.functions.count + 1)
    function.name = string(frame.function)
    function.systemName = function.name
    function.filename = string(frame.file)
    profile.functions.append(function)
    functionIDs[named] = function.id
    return function.id
  }

  package mutating func add(_ sample: Sample) { profile.appendSample(sample) }

  /// The profile, with its id indexes built as decoding builds them.
  package func finished() -> Profile {
    var result = profile
    result.functionIndexByID = (try? IDIndex(ids: result.functions.map(\.id))) ?? IDIndex()
    result.locationIndexByID = (try? IDIndex(ids: result.locations.map(\.id))) ?? IDIndex()
    return result
  }
}
