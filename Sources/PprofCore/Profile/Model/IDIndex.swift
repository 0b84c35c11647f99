/// Maps the ids of one table (locations, functions or mappings) to array indices.
///
/// Go and most writers number ids densely from 1, so ids up to the table size live in an array;
/// anything else falls back to a dictionary, as pprof's `postDecode` does.
@usableFromInline
struct IDIndex: Sendable {
  @usableFromInline private(set) var dense: [Int32] = []
  @usableFromInline private(set) var sparse: [UInt64: Int32] = [:]

  init() {}

  /// Builds the index; returns the first duplicated id, if any, instead.
  init(ids: some Collection<UInt64>) throws(IDIndexError) {
    dense = [Int32](repeating: -1, count: ids.count + 1)
    for (index, id) in ids.enumerated() {
      if id == 0 { throw .reservedZero(position: index) }
      if id < UInt64(dense.count) {
        if dense[Int(id)] >= 0 { throw .duplicate(id: id, position: index) }
        dense[Int(id)] = Int32(index)
      } else {
        if sparse[id] != nil { throw .duplicate(id: id, position: index) }
        sparse[id] = Int32(index)
      }
    }
  }

  /// The array index for `id`, or nil when no entry has it. Inlinable: the analysis layer
  /// looks up every location id of a profile through it.
  @inlinable
  func index(of id: UInt64) -> Int? {
    if id < UInt64(dense.count) {
      let index = dense[Int(id)]
      return index >= 0 ? Int(index) : nil
    }
    return sparse[id].map(Int.init)
  }

  /// The index over a pointer to its dense part, for loops that look up every id of a profile.
  /// `index(of:)` above does not go through it: a Lookup per call (retaining the dictionary)
  /// made decoding 7% slower.
  struct Lookup {
    let dense: UnsafeBufferPointer<Int32>
    let sparse: [UInt64: Int32]

    @inline(__always)
    func index(of id: UInt64) -> Int? {
      if id < UInt64(dense.count) {
        let index = dense[Int(id)]
        return index >= 0 ? Int(index) : nil
      }
      return sparse.isEmpty ? nil : sparse[id].map(Int.init)
    }
  }

  @inline(__always)
  func withLookup<Result>(_ body: (Lookup) -> Result) -> Result {
    dense.withUnsafeBufferPointer { body(Lookup(dense: $0, sparse: sparse)) }
  }
}

enum IDIndexError: Error {
  case reservedZero(position: Int)
  case duplicate(id: UInt64, position: Int)
}

extension Profile {
  /// The index in `locations` of the location with `id`.
  @inlinable
  public func locationIndex(of id: UInt64) -> Int? { locationIndexByID.index(of: id) }
  /// The index in `functions` of the function with `id`.
  public func functionIndex(of id: UInt64) -> Int? { functionIndexByID.index(of: id) }
  /// The index in `mappings` of the mapping with `id`.
  public func mappingIndex(of id: UInt64) -> Int? { mappingIndexByID.index(of: id) }
}
