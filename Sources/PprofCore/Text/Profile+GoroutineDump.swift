import Foundation

extension Profile {
  /// The goroutine profile a text dump stands for: one sample per group, valued by its
  /// goroutine count, and the same sample type as Go's binary goroutine profiles, so `top`,
  /// `diff` and `trend` read dumps as they read profiles.
  ///
  /// Tracebacks hide the runtime frames that say what a goroutine waits on, but their header
  /// states it; the state becomes the stack's leaf, a pseudo-frame such as `[chan send]`
  /// (see `LeakSignatures.waitReason(of:)`). debug=1 labels become string labels.
  public init(goroutineDump dump: GoroutineDump) {
    self.init()
    var strings: [String: StringID] = [:]
    func string(_ text: String) -> StringID {
      if let id = strings[text] { return id }
      let id = StringID(Int64(stringTable.count))
      stringTable.append(text)
      strings[text] = id
      return id
    }
    _ = string("")
    let goroutine = ValueType(type: string("goroutine"), unit: string("count"))
    sampleTypes = [goroutine]
    periodType = goroutine
    period = 1

    var functionIDs: [Frame: UInt64] = [:]
    var locationIDs: [Frame: UInt64] = [:]
    func locationID(_ frame: Frame) -> UInt64 {
      if let id = locationIDs[frame] { return id }
      let named = Frame(function: frame.function, file: frame.file, line: 0)
      let functionID: UInt64
      if let id = functionIDs[named] {
        functionID = id
      } else {
        functionID = UInt64(functions.count + 1)
        var function = Function()
        function.id = functionID
        function.name = string(frame.function)
        function.systemName = function.name
        function.filename = string(frame.file)
        functions.append(function)
        functionIDs[named] = functionID
      }
      var location = Location()
      location.id = UInt64(locations.count + 1)
      location.lines = [Line(functionID: functionID, line: frame.line)]
      locations.append(location)
      locationIDs[frame] = location.id
      return location.id
    }

    var parsedLabels: [String: [Label]] = [:]
    for group in dump.groups {
      var stack = group.frames
      if !group.waitReason.isEmpty {
        stack.insert(LeakSignatures.waitFrame(group.waitReason), at: 0)
      }
      let labels: [Label]
      if let known = parsedLabels[group.labels] {
        labels = known
      } else {
        labels = Self.labelPairs(group.labels).map { Label(key: string($0.0), str: string($0.1)) }
        parsedLabels[group.labels] = labels
      }
      samples.append(
        Sample(
          locationIDs: stack.map(locationID), values: [Int64(group.count)], labels: labels))
    }
    functionIndexByID = (try? IDIndex(ids: functions.map(\.id))) ?? IDIndex()
    locationIndexByID = (try? IDIndex(ids: locations.map(\.id))) ?? IDIndex()
  }

  /// `{"handler":"/upload", "tenant":"t-42"}` → [("handler", "/upload"), ("tenant", "t-42")].
  static func labelPairs(_ text: String) -> [(String, String)] {
    guard !text.isEmpty,
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else { return [] }
    return object.compactMap { key, value in (value as? String).map { (key, $0) } }
      .sorted { $0.0 < $1.0 }
  }
}
