/// Builds a `Profile` from resolved frames, for profiles pprof-leak makes rather than reads
/// (goroutine text dumps, growth profiles): strings interned, one function per name and file,
/// one location per frame (no inlining), ids dense from 1.
struct ProfileAssembler {
  private(set) var profile = Profile()
  private var strings: [String: StringID] = ["": .empty]
  private var functionIDs: [Frame: UInt64] = [:]
  private var locationIDs: [Frame: UInt64] = [:]

  init() {
    profile.stringTable = [""]
  }

  mutating func string(_ text: String) -> StringID {
    if let id = strings[text] { return id }
    let id = StringID(Int64(profile.stringTable.count))
    profile.stringTable.append(text)
    strings[text] = id
    return id
  }

  /// The location id of `frame`, added with its function when new.
  mutating func location(_ frame: Frame) -> UInt64 {
    if let id = locationIDs[frame] { return id }
    let named = Frame(function: frame.function, file: frame.file, line: 0)
    let functionID: UInt64
    if let id = functionIDs[named] {
      functionID = id
    } else {
      functionID = UInt64(profile.functions.count + 1)
      var function = Function()
      function.id = functionID
      function.name = string(frame.function)
      function.systemName = function.name
      function.filename = string(frame.file)
      profile.functions.append(function)
      functionIDs[named] = functionID
    }
    var location = Location()
    location.id = UInt64(profile.locations.count + 1)
    location.lines = [Line(functionID: functionID, line: frame.line)]
    profile.locations.append(location)
    locationIDs[frame] = location.id
    return location.id
  }

  mutating func add(_ sample: Sample) { profile.appendSample(sample) }

  /// The profile, with its id indexes built as decoding builds them.
  func finished() -> Profile {
    var result = profile
    result.functionIndexByID = (try? IDIndex(ids: result.functions.map(\.id))) ?? IDIndex()
    result.locationIndexByID = (try? IDIndex(ids: result.locations.map(\.id))) ?? IDIndex()
    return result
  }
}
