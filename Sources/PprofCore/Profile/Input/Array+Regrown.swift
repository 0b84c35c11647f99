extension Array where Element == UInt8 {
  /// A new array with room for `capacity` bytes that starts with these bytes, followed by what
  /// `fill` writes into the same storage: it gets the whole buffer and the count so far, and
  /// advances the count past what it writes. Readers and inflaters fill their result in place
  /// this way, growing it only when their size hint was short.
  func regrown(
    toCapacity capacity: Int,
    fill: (_ buffer: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int) -> Void
  ) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: Swift.max(capacity, count)) { buffer, count in
      count = withUnsafeBufferPointer { old in
        guard let from = old.baseAddress, let to = buffer.baseAddress else { return 0 }
        to.initialize(from: from, count: old.count)
        return old.count
      }
      fill(buffer, &count)
    }
  }
}
