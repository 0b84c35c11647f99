import Foundation
public import PprofProfile

/// Go's other `?debug=1` pages, read as pprof's legacy parser reads them, so `top` shows its
/// numbers: the heap and allocs page (`heap profile: 791: 4971120 [30662: 699786264] @
/// heap/1048576`) and the mutex and block pages (`--- mutex:`, `--- contention:`). Counts
/// pages (`goroutine`, `threadcreate`, `goroutineleak profile: total N`) are goroutine dumps'
/// debug=1 form instead (see `GoroutineDump`).
///
/// Each record's addresses become locations (the return address less one, as pprof takes
/// them); the `#\t0x…\tfunction+0x…\tfile:line` lines the runtime prints under a record name
/// them, inlined calls as lines of one location, so names, files and lines show where pprof,
/// without the binary, shows bare addresses. Frames the runtime leaves out of those lines (the
/// runtime's own at the top of an allocation) keep their address alone.
public enum LegacyTextProfile {
  /// The page's kind, from its first line; nil when `bytes` is no such page.
  enum Kind {
    case heap
    case contention
  }

  static func kind(_ lines: TextLines) -> (Kind, Int)? {
    guard let first = (0..<lines.count).first(where: { !lines[$0].isEmpty }) else { return nil }
    let line = lines[first]
    if line.hasPrefix("heap profile: ") { return (.heap, first) }
    if line.hasPrefix("--- mutex:") || line.hasPrefix("--- contention:") { return (.contention, first) }
    return nil
  }

  /// True when `bytes` (text) is a heap, allocs, mutex or block `?debug=1` page: its first
  /// line that is not blank says so.
  public static func isPage(_ bytes: [UInt8]) -> Bool {
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
    let head = bytes[start...]
    return head.hasPrefix("heap profile: ") || head.hasPrefix("--- mutex:") || head.hasPrefix("--- contention:")
  }

  /// The profile of a page; throws a `GoroutineDumpError` naming the line that does not parse.
  public static func parse(_ bytes: [UInt8]) throws(GoroutineDumpError) -> Profile {
    let lines = TextLines(bytes)
    guard let (kind, first) = kind(lines) else {
      throw GoroutineDumpError(
        line: 1, text: lines.count > 0 ? lines.string(0) : "", reason: "not a heap, mutex or block page")
    }
    var page = Page(lines: lines)
    switch kind {
    case .heap: try page.heap(from: first)
    case .contention: try page.contention(from: first)
    }
    return page.profile()
  }

  /// A page being read: its header's fields, its records, and the frames its `#` lines name.
  struct Page {
    let lines: TextLines
    var sampleTypes: [(type: String, unit: String)] = []
    var periodType = ("", "")
    var period: Int64 = 0
    var durationNanos: Int64 = 0
    /// Each record's values, addresses (less one) and the block size label of heap records.
    var records: [(values: [Int64], addresses: [UInt64], blockSize: Int64?)] = []
    /// The frames of each address, leaf first (inlined calls share their caller's address).
    var frames: [UInt64: [Frame]] = [:]

    init(lines: TextLines) {
      self.lines = lines
    }

    func error(_ index: Int, _ reason: String) -> GoroutineDumpError {
      GoroutineDumpError(line: index + 1, text: lines.string(index), reason: reason)
    }

    /// The profile: one location per address, named by its frames where the page gave them.
    func profile() -> Profile {
      var assembler = ProfileAssembler()
      let types = sampleTypes.map { ValueType(type: assembler.string($0.type), unit: assembler.string($0.unit)) }
      let period = ValueType(type: assembler.string(periodType.0), unit: assembler.string(periodType.1))
      let bytesKey = assembler.string("bytes")
      for record in records {
        let ids = record.addresses.map { assembler.location(address: $0, lines: frames[$0] ?? []) }
        assembler.add(
          Sample(
            locationIDs: ids, values: record.values,
            labels: record.blockSize.map { [Label(key: bytesKey, num: $0)] } ?? []))
      }
      var profile = assembler.finished()
      profile.sampleTypes = types
      profile.periodType = period
      profile.period = self.period
      profile.durationNanos = durationNanos
      return profile
    }

    // MARK: heap and allocs

    /// `heap profile: IN_N: IN_BYTES [ALLOC_N: ALLOC_BYTES] @ heap/2×RATE`, then records
    /// `IN_N: IN_BYTES [ALLOC_N: ALLOC_BYTES] @ 0x… 0x…`, then `# runtime.MemStats` comments.
    /// Values are unsampled as pprof does: each count and size times 1 / (1 − e^(−size/rate)).
    mutating func heap(from start: Int) throws(GoroutineDumpError) {
      let header = lines[start].dropFirst("heap profile: ".count)
      guard let at = header.firstRange(of: "@"),
        let numbers = Self.heapNumbers(header[header.startIndex..<at.lowerBound])
      else { throw error(start, "expected \"heap profile: N: N [N: N] @ heap/RATE\"") }
      let sampling = header[at.upperBound...].dropping { $0 == 0x20 }
      guard sampling.hasPrefix("heap") else { throw error(start, "expected \"@ heap/RATE\"") }
      // The runtime writes twice its MemProfileRate (pprof's "heap" sampling, v2).
      let doubled = sampling.firstIndex(of: 0x2F).flatMap { sampling[($0 + 1)...].decimal } ?? 0
      period = Int64(doubled / 2)
      let hasAlloc =
        (numbers.2 != numbers.0 && numbers.2 != 0) || (numbers.3 != numbers.1 && numbers.3 != 0)
      sampleTypes =
        hasAlloc
        ? [("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_objects", "count"), ("inuse_space", "bytes")]
        : [("objects", "count"), ("space", "bytes")]
      periodType = ("space", "bytes")
      var index = start + 1
      while index < lines.count {
        let line = lines[index].dropping { $0 == 0x20 || $0 == 0x09 }
        if line.isEmpty || line.first == 0x23 {
          index += 1
          continue
        }
        guard let at = line.firstRange(of: "@"),
          let values = Self.heapNumbers(line[line.startIndex..<at.lowerBound])
        else { throw error(index, "expected \"N: N [N: N] @ 0x… 0x…\"") }
        var blockSize: Int64 = 0
        var sample: [Int64] = []
        for (count, size) in (hasAlloc ? [(values.2, values.3)] : []) + [(values.0, values.1)] {
          guard count != 0 || size == 0 else { throw error(index, "a count of 0 with \(size) bytes") }
          if count != 0 { blockSize = size / count }
          let (scaledCount, scaledSize) = Self.unsampled(count: count, size: size, rate: period)
          sample += [scaledCount, scaledSize]
        }
        let addresses = try self.addresses(line[at.upperBound...], line: index)
        index = readFrames(after: index)
        records.append((sample, addresses, blockSize))
      }
    }

    /// "IN_N: IN_BYTES [ALLOC_N: ALLOC_BYTES]" → the four numbers.
    static func heapNumbers(_ text: ArraySlice<UInt8>) -> (Int64, Int64, Int64, Int64)? {
      let parts = text.split { $0 == 0x20 || $0 == 0x3A || $0 == 0x5B || $0 == 0x5D }
      let numbers = parts.compactMap { $0.decimal.map(Int64.init) }
      guard parts.count == 4, numbers.count == 4 else { return nil }
      return (numbers[0], numbers[1], numbers[2], numbers[3])
    }

    /// pprof's scaleHeapSample: a sample of average size S had the chance 1 − e^(−S/rate) of
    /// being recorded.
    static func unsampled(count: Int64, size: Int64, rate: Int64) -> (Int64, Int64) {
      guard count != 0, size != 0 else { return (0, 0) }
      guard rate > 1 else { return (count, size) }
      let average = Double(size) / Double(count)
      let scale = 1 / (1 - exp(-average / Double(rate)))
      return (Int64(Double(count) * scale), Int64(Double(size) * scale))
    }

    // MARK: mutex and block

    /// `--- mutex:` or `--- contention:`, `key=value` lines (`cycles/second`, `sampling
    /// period`), then records `CYCLES COUNT @ 0x… 0x…`: contentions COUNT × period and delay
    /// CYCLES × period in nanoseconds at cycles/second.
    mutating func contention(from start: Int) throws(GoroutineDumpError) {
      sampleTypes = [("contentions", "count"), ("delay", "nanoseconds")]
      periodType = ("contentions", "count")
      period = 1
      var cyclesPerSecond: Int64 = 0
      var index = start + 1
      while index < lines.count {
        let line = lines[index]
        if line.isEmpty || line.first == 0x23 {
          index += 1
          continue
        }
        guard let equals = line.firstIndex(of: 0x3D) else { break }
        let key = String(decoding: line[line.startIndex..<equals], as: UTF8.self)
        let value = line[(equals + 1)...].decimal.map(Int64.init)
        switch key {
        case "cycles/second": cyclesPerSecond = value ?? 0
        case "sampling period": period = value ?? 1
        case "ms since reset": durationNanos = (value ?? 0) &* 1_000_000
        case "discarded samples": break
        default: throw error(index, "an attribute pprof does not read: \"\(key)\"")
        }
        index += 1
      }
      while index < lines.count {
        let line = lines[index].dropping { $0 == 0x20 || $0 == 0x09 }
        if line.isEmpty || line.first == 0x23 {
          index += 1
          continue
        }
        if line.hasPrefix("---") { break }
        let fields = line.split(separator: 0x20, maxSplits: 2)
        guard fields.count == 3, fields[2].first == 0x40, var cycles = fields[0].decimal.map(Int64.init),
          var count = fields[1].decimal.map(Int64.init)
        else { throw error(index, "expected \"CYCLES COUNT @ 0x… 0x…\"") }
        if period > 0 {
          if cyclesPerSecond > 0 {
            cycles = Int64(Double(cycles) * Double(period) / (Double(cyclesPerSecond) / 1e9))
          }
          count = count &* period
        }
        let addresses = try self.addresses(fields[2].dropFirst(), line: index)
        index = readFrames(after: index)
        records.append(([count, cycles], addresses, nil))
      }
    }

    // MARK: Stacks

    /// The addresses of a record, each less one (a return address points after its call).
    func addresses(_ text: ArraySlice<UInt8>, line: Int) throws(GoroutineDumpError) -> [UInt64] {
      var addresses: [UInt64] = []
      for word in text.split(separator: 0x20) {
        guard word.hasPrefix("0x"),
          let address = UInt64(String(decoding: word.dropFirst(2), as: UTF8.self), radix: 16), address > 0
        else { throw error(line, "expected hexadecimal addresses after \"@\"") }
        addresses.append(address - 1)
      }
      return addresses
    }

    /// Reads the `#\t0x…\tfunction+0x…\tfile:line` lines after record `index` into the frames
    /// of their addresses (the first record to name an address names it); the index of the
    /// line after them.
    mutating func readFrames(after index: Int) -> Int {
      var next = index + 1
      var named: [UInt64: [Frame]] = [:]
      while next < lines.count, lines[next].hasPrefix("#\t") {
        let fields = lines[next].split(separator: 0x09, omittingEmptySubsequences: true)
        next += 1
        // "#\t0x4b1d2f" alone: a frame the runtime could not name.
        guard fields.count >= 4, fields[1].hasPrefix("0x"),
          let pc = UInt64(String(decoding: fields[1].dropFirst(2), as: UTF8.self), radix: 16)
        else { continue }
        var function = fields[2]
        if let plus = function.lastIndex(of: 0x2B) { function = function[function.startIndex..<plus] }
        let place = fields[3].dropping { $0 == 0x20 }
        guard let colon = place.lastIndex(of: 0x3A), let number = place[(colon + 1)...].decimal else {
          continue
        }
        named[pc, default: []].append(
          Frame(
            function: String(decoding: function, as: UTF8.self),
            file: String(decoding: place[place.startIndex..<colon], as: UTF8.self), line: Int64(number)))
      }
      frames.merge(named) { first, _ in first }
      return next
    }
  }
}
