public import PprofProfile
public import PprofGoroutine

/// One profile kind followed over many snapshots: every stack's value in every snapshot.
///
/// Built one profile at a time (`TrendBuilder`), so memory is proportional to distinct stacks ×
/// snapshots, never to the bytes read.
public struct TrendSeries: Sendable {
  /// One snapshot of the series, in series order.
  public struct Snapshot: Equatable, Sendable {
    public var path: String
    public var timeNanos: Int64
    /// The sum of the series' sample type over the snapshot.
    public var total: Int64
  }

  public var kind: ProfileKind
  public var sampleType: String
  public var sampleUnit: String
  public var snapshots: [Snapshot]
  /// Each stack's value per snapshot (0 where absent), by stack id of the shared table.
  public var values: [StackTable.StackID: [Int64]]
  /// Hours from the first snapshot; by snapshot index when the times cannot be used.
  public var hours: [Double]
  /// False when the snapshots' own times were missing or not increasing, so `hours` counts
  /// snapshots instead (slopes are then per snapshot, not per hour).
  public var hasRealTimes: Bool
  /// What was noticed while ordering: duplicated or out-of-order timestamps, missing times.
  public var notes: [String]
  /// The form the series was read from (a kind read in several forms follows the preferred).
  public var source: SnapshotSource
  /// The goroutine traceback whose wait reasons, times and creators explain the findings: the
  /// series' last snapshot, or the last traceback read beside a binary series.
  public var evidenceDump: (path: String, dump: GoroutineDump)?
  /// The last snapshot's executable.
  public var mainBinary: MainBinary?

  /// The series of all samples' totals.
  public var totals: [Int64] { snapshots.map(\.total) }
}

/// How snapshots are put in order.
public enum TrendOrder: String, CaseIterable, Sendable {
  /// By the profile's own time_nanos (ties and missing times by name).
  case time
  /// By file name in natural order ("dump-2" before "dump-10").
  case name
  /// By file modification time.
  case mtime
}

/// Accumulates profiles into per-kind series, one profile at a time, in any order.
public struct TrendBuilder: Sendable {
  /// Frames and stacks of every profile read.
  public private(set) var table = StackTable()
  private var builders: [String: Builder] = [:]
  private var kindOrder: [ProfileKind] = []
  /// Per kind, the keys of its builders: one per form the kind was read in.
  private var sourceOrder: [ProfileKind: [String]] = [:]

  struct Builder: Sendable {
    var kind: ProfileKind
    var source: Snapshot.Source
    var sampleType: String
    var sampleUnit: String
    var inputs:
      [(path: String, timeNanos: Int64, modified: Double, total: Int64, mainBinary: MainBinary?)] = []
    /// The traceback of each input, for tracebacks.
    var dumps: [GoroutineDump?] = []
    /// Per input, the stacks with a non-zero value and their values (a stack may repeat).
    var columns: [(stacks: [StackTable.StackID], values: [Int64])] = []
  }

  public init() {}

  /// The sample type a trend follows for a kind: live heap, goroutines, else pprof's default.
  public static func sampleIndex(for profile: Profile) -> Int? {
    let names = profile.sampleTypeNames
    if profile.kind == .heap, let index = names.firstIndex(of: "inuse_space") { return index }
    return try? profile.sampleTypeIndex(named: nil)
  }

  /// Adds one binary profile. `modified` is the file's modification time (seconds), for
  /// `--order mtime`.
  public mutating func add(_ profile: Profile, path: String, modified: Double = 0) {
    add(Snapshot(profile: profile, source: .protobuf, dump: nil, path: path), modified: modified)
  }

  /// Adds one snapshot (a binary profile or a goroutine text dump).
  public mutating func add(_ snapshot: Snapshot, modified: Double = 0) {
    add(PreparedSnapshot(snapshot), modified: modified)
  }

  /// Adds one snapshot whose samples are prepared (`ProfileLoader.loadPrepared`).
  public mutating func add(_ snapshot: PreparedSnapshot, modified: Double = 0) {
    let profile = snapshot.header
    let path = snapshot.path
    guard let index = Self.sampleIndex(for: profile), profile.sampleTypes.indices.contains(index)
    else { return }
    let kind = profile.kind
    let builderKey = kind.name + "|" + snapshot.source.rawValue
    // Taken out of the dictionary while it grows, so its arrays are not copied on every add
    // (that made a long series quadratic).
    let isNew = builders[builderKey] == nil
    var builder =
      builders.removeValue(forKey: builderKey)
      ?? Builder(
        kind: kind, source: snapshot.source,
        sampleType: profile.string(profile.sampleTypes[index].type),
        sampleUnit: profile.string(profile.sampleTypes[index].unit))
    if isNew {
      if !kindOrder.contains(kind) { kindOrder.append(kind) }
      sourceOrder[kind, default: []].append(builderKey)
    }
    builder.dumps.append(snapshot.source == .traceback ? snapshot.dump : nil)
    var total: Int64 = 0
    let stacks = snapshot.stacks
    var column: (stacks: [StackTable.StackID], values: [Int64]) = ([], [])
    column.stacks.reserveCapacity(stacks.sampleCount)
    column.values.reserveCapacity(stacks.sampleCount)
    table.add(stacks) { stack, hasLocations, values in
      let value = values[index]
      total &+= value
      guard hasLocations, value != 0 else { return }
      column.stacks.append(stack)
      column.values.append(value)
    }
    builder.columns.append(column)
    builder.inputs.append((path, profile.timeNanos, modified, total, profile.mainBinary))
    builders[builderKey] = builder
  }

  /// True when a goroutine traceback was read (the only form that names creators).
  public var hasTracebacks: Bool { builders.values.contains { $0.source == .traceback } }

  /// The forms each kind was read in, preferred first.
  private func builders(of kind: ProfileKind) -> [Builder] {
    (sourceOrder[kind] ?? []).compactMap { builders[$0] }.sorted { $0.source < $1.source }
  }

  /// The series, one per kind in the order kinds were first seen, snapshots ordered by `order`.
  /// A kind read in several forms (binary goroutine profiles and text dumps of the same
  /// snapshots) follows the preferred one, binary first; a traceback beside a binary series
  /// lends it its evidence.
  public func series(order: TrendOrder = .time) -> [TrendSeries] {
    kindOrder.compactMap { kind -> TrendSeries? in
      let forms = builders(of: kind)
      guard let builder = forms.first else { return nil }
      var series = Self.series(of: builder, order: order, stackCount: table.stackCount)
      for other in forms.dropFirst() {
        let count = other.inputs.count
        switch (builder.source, other.source) {
        case (.protobuf, .traceback):
          series.notes.append(
            "\(count) \(other.source.name(count: count)) beside the binary profiles: counts "
              + "come from the binary profiles, wait reasons, times and creators from the last "
              + "traceback")
          let last = other.inputs.indices.max {
            NaturalOrder.less(other.inputs[$0].path, other.inputs[$1].path)
          }
          if let last, let dump = other.dumps[last] {
            series.evidenceDump = (other.inputs[last].path, dump)
          }
        default:
          series.notes.append(
            "\(count) \(other.source.name(count: count)) not followed: the "
              + "\(builder.source.name(count: 2)) hold the same kind of snapshot; give them alone "
              + "to follow them instead")
        }
      }
      return series
    }
  }

  private static func series(of builder: Builder, order: TrendOrder, stackCount: Int)
    -> TrendSeries
  {
    var notes: [String] = []
    let inputs = builder.inputs
    let byName = inputs.indices.sorted {
      NaturalOrder.less(inputs[$0].path, inputs[$1].path)
    }
    let isText = builder.source != .protobuf
    var permutation: [Int]
    switch order {
    case .name:
      permutation = byName
    case .mtime:
      permutation = byName.enumerated().sorted {
        (inputs[$0.element].modified, $0.offset) < (inputs[$1.element].modified, $1.offset)
      }.map(\.element)
    case .time:
      let rank = Dictionary(uniqueKeysWithValues: byName.enumerated().map { ($1, $0) })
      permutation = inputs.indices.sorted {
        (inputs[$0].timeNanos, rank[$0] ?? 0) < (inputs[$1].timeNanos, rank[$1] ?? 0)
      }
      if permutation != byName {
        notes.append("the file names sort differently from the profiles' times; ordered by time")
      }
    }
    let times = permutation.map { inputs[$0].timeNanos }
    let increasing = zip(times, times.dropFirst()).allSatisfy { $0 < $1 } && !times.contains(0)
    if isText {
      if times.count > 1 {
        notes.append(
          "\(builder.source == .textPage ? "text profile pages" : "goroutine text dumps") carry no "
            + "time: snapshots in \(order == .mtime ? "mtime" : "name") "
            + "order, slopes per snapshot")
      }
    } else {
      let duplicates = times.count - Set(times).count
      if duplicates > 0 {
        notes.append("\(duplicates + 1) snapshots share a timestamp")
      }
      if times.contains(0) { notes.append("some snapshots have no time (time_nanos is 0)") }
      if order != .time, !increasing, times.count > 1, !times.contains(0) {
        notes.append("the profiles' times are not in \(order.rawValue) order")
      }
      if !increasing, times.count > 1 {
        notes.append("slopes are per snapshot, not per hour")
      }
    }
    let hours =
      increasing
      ? times.map { (Double($0) - Double(times[0])) / 3.6e12 } : permutation.indices.map(Double.init)
    // One row per stack, in series order, each added to in place; the rows then move into
    // the dictionary without a copy.
    let count = inputs.count
    var position = [Int](repeating: 0, count: count)
    for (order, input) in permutation.enumerated() { position[input] = order }
    // Stack ids are dense: each one's row is found through an array, -1 for none yet.
    var rowOf = [Int32](repeating: -1, count: stackCount)
    var rows: [[Int64]] = []
    var rowStacks: [StackTable.StackID] = []
    for (input, column) in builder.columns.enumerated() {
      let offset = position[input]
      for (stack, value) in zip(column.stacks, column.values) {
        var row = Int(rowOf[Int(stack)])
        if row < 0 {
          row = rows.count
          rowOf[Int(stack)] = Int32(row)
          rowStacks.append(stack)
          rows.append([Int64](repeating: 0, count: count))
        }
        rows[row][offset] &+= value
      }
    }
    let values = Dictionary(uniqueKeysWithValues: zip(rowStacks, rows))
    let lastDump = permutation.last.flatMap { index in
      builder.dumps[index].map { (inputs[index].path, $0) }
    }
    return TrendSeries(
      kind: builder.kind, sampleType: builder.sampleType, sampleUnit: builder.sampleUnit,
      snapshots: permutation.map {
        TrendSeries.Snapshot(
          path: inputs[$0].path, timeNanos: inputs[$0].timeNanos, total: inputs[$0].total)
      },
      values: values, hours: hours, hasRealTimes: increasing, notes: notes,
      source: builder.source, evidenceDump: lastDump,
      mainBinary: permutation.last.flatMap { inputs[$0].mainBinary })
  }
}

/// Natural ordering of names: digit runs compare as numbers, so "dump-2" < "dump-10".
public enum NaturalOrder {
  public static func less(_ left: String, _ right: String) -> Bool {
    var l = left.unicodeScalars.makeIterator()
    var r = right.unicodeScalars.makeIterator()
    var lc = l.next()
    var rc = r.next()
    while let a = lc, let b = rc {
      if a.properties.numericType != nil, b.properties.numericType != nil,
        a.isASCII, b.isASCII
      {
        var na = "", nb = ""
        while let c = lc, c.isASCII, c.properties.numericType != nil { na.unicodeScalars.append(c); lc = l.next() }
        while let c = rc, c.isASCII, c.properties.numericType != nil { nb.unicodeScalars.append(c); rc = r.next() }
        let ta = na.drop { $0 == "0" }, tb = nb.drop { $0 == "0" }
        if ta.count != tb.count { return ta.count < tb.count }
        if ta != tb { return ta < tb }
        if na.count != nb.count { return na.count < nb.count }
        continue
      }
      if a != b { return a.value < b.value }
      lc = l.next()
      rc = r.next()
    }
    return lc == nil && rc != nil
  }
}
