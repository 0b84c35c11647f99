/// A profile's samples, packed one after another in a compact encoding of their own: per
/// sample, the count and then the varints of its location ids, of its values, and of its labels'
/// four fields.
///
/// A heap profile has one sample per distinct stack, often hundreds of thousands, each with
/// dozens of location ids. As three arrays per sample they cost an allocation each and eight
/// bytes per id; packed they cost one or two bytes per id and no allocation, and reading them
/// back is one pass of varint decoding. The encoding is canonical (one way to write each list
/// of samples), so two stores are equal exactly when their samples are.
@usableFromInline
struct SampleStore: Equatable, Sendable {
  @usableFromInline private(set) var bytes: [UInt8] = []
  /// How many samples are stored.
  @usableFromInline private(set) var count = 0

  init() {}

  init(_ samples: some Sequence<Sample>) {
    for sample in samples { append(sample) }
  }

  mutating func reserveCapacity(bytes byteCount: Int) {
    bytes.reserveCapacity(byteCount)
  }

  mutating func append(_ sample: Sample) {
    append(locationIDs: sample.locationIDs, values: sample.values, labels: sample.labels)
  }

  mutating func append(locationIDs: [UInt64], values: [Int64], labels: [Label]) {
    let fields = labels.flatMap(\.fields)
    let capacity = Self.packedCapacity(ids: locationIDs.count, values: values.count, labelFields: fields.count)
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      locationIDs.withUnsafeBufferPointer { ids in
        values.withUnsafeBufferPointer { values in
          fields.withUnsafeBufferPointer { fields in
            let length = Self.pack(ids: ids, values: values, labelFields: fields, into: buffer)
            appendPacked(UnsafeBufferPointer(rebasing: buffer[0..<length]))
          }
        }
      }
    }
  }

  /// Appends one sample already packed by `pack`.
  mutating func appendPacked(_ packed: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: packed)
    count += 1
  }

  /// The most bytes `pack` writes for a sample of so many ids, values and label fields.
  static func packedCapacity(ids: Int, values: Int, labelFields: Int) -> Int {
    10 * (ids + values + labelFields + 3)
  }

  /// Writes one sample in the store's encoding (the only writer of it) into `buffer`, which has
  /// `packedCapacity` bytes, and returns how many it wrote. `labelFields` holds each label's
  /// key, str, num and num_unit.
  @inline(__always)
  static func pack(
    ids: UnsafeBufferPointer<UInt64>, values: UnsafeBufferPointer<Int64>,
    labelFields: UnsafeBufferPointer<UInt64>, into buffer: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    var written = 0
    Varint.write(UInt64(ids.count), to: buffer, at: &written)
    for id in ids { Varint.write(id, to: buffer, at: &written) }
    Varint.write(UInt64(values.count), to: buffer, at: &written)
    for value in values { Varint.write(UInt64(bitPattern: value), to: buffer, at: &written) }
    Varint.write(UInt64(labelFields.count / 4), to: buffer, at: &written)
    for field in labelFields { Varint.write(field, to: buffer, at: &written) }
    return written
  }

  /// The samples, rebuilt as values (allocates three arrays per sample: not for hot paths).
  var samples: [Sample] {
    var result: [Sample] = []
    result.reserveCapacity(count)
    bytes.withUnsafeBufferPointer { buffer in
      var cursor = Cursor(buffer)
      for _ in 0..<count {
        var sample = Sample()
        sample.locationIDs = (0..<cursor.next()).map { _ in cursor.next() }
        sample.values = (0..<cursor.next()).map { _ in Int64(bitPattern: cursor.next()) }
        sample.labels = (0..<cursor.next()).map { _ in
          Label(
            key: StringID(Int64(bitPattern: cursor.next())),
            str: StringID(Int64(bitPattern: cursor.next())), num: Int64(bitPattern: cursor.next()),
            numUnit: StringID(Int64(bitPattern: cursor.next())))
        }
        result.append(sample)
      }
    }
    return result
  }

  /// Calls `body` with each sample's location ids (leaf first), values and label fields (key,
  /// str, num and num_unit of each label), in order. The buffers are reused from one sample to
  /// the next: copy what must outlive the call.
  // Inlinable: the analysis layer walks every sample through it, and a call that is not
  // specialized for the caller's closure (across the module boundary, or behind a closure
  // that forwards to the caller's) cost a large diff 20%.
  @inlinable
  func forEach<Failure: Error>(
    _ body: (
      _ locationIDs: UnsafeBufferPointer<UInt64>, _ values: UnsafeBufferPointer<Int64>,
      _ labelFields: UnsafeBufferPointer<UInt64>
    ) throws(Failure) -> Void
  ) throws(Failure) {
    guard count > 0 else { return }
    var ids = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 64)
    var values = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 8)
    var labels = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 8)
    defer {
      ids.deallocate()
      values.deallocate()
      labels.deallocate()
    }
    try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in
      var cursor = Cursor(buffer)
      for _ in 0..<count {
        let idCount = Int(cursor.next())
        if idCount > ids.count {
          ids.deallocate()
          ids = .allocate(capacity: idCount * 2)
        }
        for index in 0..<idCount { ids[index] = cursor.next() }
        let valueCount = Int(cursor.next())
        if valueCount > values.count {
          values.deallocate()
          values = .allocate(capacity: valueCount * 2)
        }
        for index in 0..<valueCount { values[index] = Int64(bitPattern: cursor.next()) }
        let fieldCount = Int(cursor.next()) * 4
        if fieldCount > labels.count {
          labels.deallocate()
          labels = .allocate(capacity: fieldCount * 2)
        }
        for index in 0..<fieldCount { labels[index] = cursor.next() }
        try body(
          UnsafeBufferPointer(rebasing: ids[0..<idCount]),
          UnsafeBufferPointer(rebasing: values[0..<valueCount]),
          UnsafeBufferPointer(rebasing: labels[0..<fieldCount]))
      }
    }
  }

  /// Reads the varints this store wrote. The bytes were written by `append`, so they are
  /// well formed and the reads need no checks beyond the buffer's own.
  @usableFromInline
  struct Cursor {
    @usableFromInline let buffer: UnsafeBufferPointer<UInt8>
    @usableFromInline var offset = 0

    @inlinable
    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    @inlinable
    mutating func next() -> UInt64 {
      let value = Varint.read(buffer, at: &offset, end: buffer.count)
      assert(value != nil, "a store reads only the varints it wrote")
      return value ?? 0
    }
  }
}
