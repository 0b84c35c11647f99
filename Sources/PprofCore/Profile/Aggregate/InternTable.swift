/// Distinct values, each with a small integer id in the order first seen: the frames and the
/// wait reasons of a `StackTable`.
struct InternTable<Value: Hashable & Sendable>: Sendable {
  private(set) var values: [Value] = []
  private var ids: [Value: Int32] = [:]

  /// The id of `value`, added when new.
  mutating func intern(_ value: Value) -> Int32 {
    if let id = ids[value] { return id }
    let id = Int32(values.count)
    values.append(value)
    ids[value] = id
    return id
  }
}
