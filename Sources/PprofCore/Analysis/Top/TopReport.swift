import PprofUnits
public import PprofProfile

/// What `top` shows: functions ranked by flat (or cum) value of one sample type, with the same
/// trimming, ordering and totals as `go tool pprof -top`.
public struct TopReport: Equatable, Sendable {
  public struct Options: Equatable, Sendable {
    /// A sample type name or index; nil for the profile's default.
    public var sampleIndex: String?
    /// Show at most this many functions; 0 shows all that pass the node fraction.
    public var nodeCount: Int
    /// Sort by cumulative instead of flat value.
    public var sortByCum: Bool
    /// Functions whose |cum| is under this fraction of the total are dropped (pprof: 0.005).
    public var nodeFraction: Double
    /// Call edges under this fraction of the total are ignored for inline labels (pprof: 0.001).
    public var edgeFraction: Double

    public init(
      sampleIndex: String? = nil, nodeCount: Int = 0, sortByCum: Bool = false,
      nodeFraction: Double = 0.005, edgeFraction: Double = 0.001
    ) {
      self.sampleIndex = sampleIndex
      self.nodeCount = nodeCount
      self.sortByCum = sortByCum
      self.nodeFraction = nodeFraction
      self.edgeFraction = edgeFraction
    }
  }

  public struct Row: Equatable, Sendable {
    /// The function name (pprof's printable node name).
    public var name: String
    /// "", "(inline)" or "(partial-inline)".
    public var inlineLabel: String
    public var flat: Int64
    public var cum: Int64
  }

  /// The sample type shown, e.g. `inuse_space`, and its unit, e.g. `bytes`.
  public var sampleType: String
  public var sampleUnit: String
  /// Index of `sampleType` in the profile's sample types.
  public var sampleIndex: Int
  /// The unit values are printed in, chosen as pprof does ("MB", "ms", or the sample unit).
  public var outputUnit: String
  /// Sum of |value| over all samples: the denominator of every percentage.
  public var total: Int64
  public var rows: [Row]
  /// Functions dropped for a |cum| under `nodeCutoff`.
  public var droppedNodes: Int
  /// total × nodeFraction, as pprof reports it in "Dropped N nodes (cum <= X)".
  public var nodeCutoff: Int64
  /// Functions left after dropping, before `nodeCount` is applied.
  public var nodesBeforeLimit: Int
  /// Header lines from the profile: file, build id, comments.
  public var fileName: String
  public var buildID: String
  public var comments: [String]
  public var timeNanos: Int64
  public var durationNanos: Int64

  public init(profile: Profile, options: Options = Options()) throws(SampleIndexError) {
    let index = try profile.sampleTypeIndex(named: options.sampleIndex)
    guard profile.sampleTypes.indices.contains(index) else {
      throw SampleIndexError(
        requested: options.sampleIndex ?? "", available: profile.sampleTypeNames)
    }
    self.init(
      graph: FunctionGraph(profile: profile, valueIndex: index),
      total: Self.total(of: profile, valueIndex: index),
      sampleIndex: index, header: Header(profile: profile), options: options)
  }

  /// `go tool pprof -top -diff_base BASE NEW`: the base's values count negatively, and
  /// percentages are of the base's total.
  public init(diffBase base: Profile, new: Profile, options: Options = Options())
    throws(ProfileDiffError)
  {
    try base.checkDiffable(with: new)
    let index: Int
    do {
      index = try ProfileDiff.sampleTypeIndex(base: base, new: new, named: options.sampleIndex)
    } catch {
      throw .sampleIndex(error)
    }
    var baseTotal = base.total(ofValue: index, magnitudes: true)
    if baseTotal <= 0 {
      // pprof falls back to the total of both when the base holds nothing.
      baseTotal &+= new.total(ofValue: index, magnitudes: true)
    }
    self.init(
      graph: FunctionGraph(weighted: [(new, 1), (base, -1)], valueIndex: index),
      total: baseTotal, sampleIndex: index, header: Header(diffBase: base, new: new),
      options: options)
  }

  /// pprof's computeTotal: the sum of |value|, or, when samples are labelled as a diff's base
  /// (`pprof::base` = `true`, in a profile `go tool pprof -proto -diff_base` wrote), theirs
  /// alone, so percentages are of the base.
  static func total(of profile: Profile, valueIndex index: Int) -> Int64 {
    let all = profile.total(ofValue: index, magnitudes: true)
    guard let key = profile.stringTable.firstIndex(of: "pprof::base"),
      let marked = profile.stringTable.firstIndex(of: "true")
    else { return all }
    var base: Int64 = 0
    for sample in profile.samples
    where sample.labels.contains(where: { $0.key.rawValue == key && $0.str.rawValue == marked }) {
      base &+= sample.values[index].wrappingMagnitude
    }
    return base > 0 ? base : all
  }

  /// The lines pprof prints above the table, taken from the profile (or merged pair).
  struct Header {
    var sampleTypes: [(type: String, unit: String)]
    var fileName = ""
    var buildID = ""
    var comments: [String]
    var timeNanos: Int64
    var durationNanos: Int64

    init(profile: Profile) {
      sampleTypes = profile.sampleTypes.map { (profile.string($0.type), profile.string($0.unit)) }
      if let mapping = profile.mappings.first {
        let path = profile.string(mapping.filename)
        fileName = path.split(separator: "/").last.map(String.init) ?? ""
        buildID = profile.string(mapping.buildID)
      }
      comments = profile.comments.map(profile.string)
      timeNanos = profile.timeNanos
      durationNanos = profile.durationNanos
    }

    /// pprof's combineHeaders: the new profile's mapping, every comment once, the earliest
    /// time, the summed durations.
    init(diffBase base: Profile, new: Profile) {
      self.init(profile: new)
      for comment in base.comments.map(base.string) where !comments.contains(comment) {
        comments.append(comment)
      }
      if timeNanos == 0 || base.timeNanos < timeNanos { timeNanos = base.timeNanos }
      durationNanos &+= base.durationNanos
    }
  }

  private init(
    graph initialGraph: FunctionGraph, total: Int64, sampleIndex index: Int, header: Header,
    options: Options
  ) {
    var graph = initialGraph
    sampleIndex = index
    sampleType = header.sampleTypes[index].type
    sampleUnit = header.sampleTypes[index].unit
    self.total = total
    let graphTotal = graph.presentNodes.reduce(Int64(0)) { $0 &+ graph.flat[$1] }
    let cutoff = Int64(Double(graphTotal) * options.nodeFraction).wrappingMagnitude
    let edgeCutoff = Int64(Double(graphTotal) * options.edgeFraction).wrappingMagnitude

    var dropped = 0
    if cutoff > 0 {
      let present = graph.presentNodes
      let kept = graph.keys.indices.map {
        graph.isPresent[$0] && graph.cum[$0].wrappingMagnitude >= cutoff
      }
      let keptCount = kept.filter { $0 }.count
      if keptCount != present.count {
        dropped = present.count - keptCount
        graph.build(kept: kept, edges: false)
      }
    }
    droppedNodes = dropped
    nodesBeforeLimit = graph.presentNodes.count

    var order = Self.sorted(graph.presentNodes, graph, byCum: options.sortByCum)
    if options.nodeCount > 0, options.nodeCount < order.count {
      var kept = Array(repeating: false, count: graph.keys.count)
      for node in order.prefix(options.nodeCount) { kept[node] = true }
      graph.build(kept: kept)
      order = Self.sorted(graph.presentNodes, graph, byCum: options.sortByCum)
    }
    if !graph.hasEdges { graph.build(kept: graph.lastKept) }
    graph.trimEdges(below: edgeCutoff)
    let labels = graph.inlineLabels()
    rows = order.map { node in
      Row(
        name: graph.name(of: node), inlineLabel: labels[node], flat: graph.flat[node],
        cum: graph.cum[node])
    }
    nodeCutoff = Int64(Double(total) * options.nodeFraction).wrappingMagnitude
    outputUnit = Self.outputUnit(rows: rows, total: total, sampleUnit: sampleUnit)
    fileName = header.fileName
    buildID = header.buildID
    comments = header.comments
    timeNanos = header.timeNanos
    durationNanos = header.durationNanos
  }

  /// Sum of the flat values shown.
  public var shownFlat: Int64 { rows.reduce(0) { $0 &+ $1.flat } }

  /// `value` formatted in the report's output unit ("1.50MB", "25").
  public func format(_ value: Int64) -> String {
    Measurement.scaledLabel(value, from: sampleUnit, to: outputUnit)
  }

  /// pprof's FlatNameOrder / CumNameOrder: |value| descending, then name, then the other value.
  private static func sorted(_ nodes: [Int], _ graph: FunctionGraph, byCum: Bool) -> [Int] {
    nodes.sorted { left, right in
      let (primaryL, primaryR) =
        byCum ? (graph.cum[left].wrappingMagnitude, graph.cum[right].wrappingMagnitude)
        : (graph.flat[left].wrappingMagnitude, graph.flat[right].wrappingMagnitude)
      if primaryL != primaryR { return primaryL > primaryR }
      let (nameL, nameR) = (graph.name(of: left), graph.name(of: right))
      if nameL != nameR { return nameL < nameR }
      let (secondL, secondR) =
        byCum ? (graph.flat[left].wrappingMagnitude, graph.flat[right].wrappingMagnitude)
        : (graph.cum[left].wrappingMagnitude, graph.cum[right].wrappingMagnitude)
      if secondL != secondR { return secondL > secondR }
      return graph.keys[left].objectFile < graph.keys[right].objectFile
    }
  }

  /// pprof's `selectOutputUnit`: the unit of the smallest non-zero value, moved up one unit when
  /// the largest is over 100 times bigger and in another unit.
  private static func outputUnit(rows: [Row], total: Int64, sampleUnit: String) -> String {
    guard !rows.isEmpty else { return "minimum" }
    var minValue: Int64 = 0
    for row in rows {
      var value = row.flat.wrappingMagnitude
      if value == 0 { value = row.cum.wrappingMagnitude }
      if value > 0, minValue == 0 || value < minValue { minValue = value }
    }
    let maxValue = total
    if minValue == 0 { minValue = maxValue }
    let minUnit = Measurement.scale(minValue, from: sampleUnit, to: "minimum").unit
    let maxUnit = Measurement.scale(maxValue, from: sampleUnit, to: "minimum").unit
    var unit = minUnit
    let (hundredfold, overflow) = minValue.multipliedReportingOverflow(by: 100)
    if minUnit != maxUnit, !overflow, hundredfold < maxValue {
      unit = Measurement.scale(hundredfold, from: sampleUnit, to: "minimum").unit
    }
    return unit.isEmpty ? sampleUnit : unit
  }
}
