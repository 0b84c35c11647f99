/// The call graph of one sample type at function granularity, built the way pprof's
/// `internal/graph` builds it for `-top`: a node per function name, cum counted once per sample
/// even under recursion, flat on the leaf, and caller→callee edges marked inline when the callee
/// was inlined into its caller's location.
struct FunctionGraph {
  /// A node's identity: the function name, or the binary for a frame without a function.
  struct NodeKey: Hashable {
    var name: String
    var objectFile: String
  }

  struct Edge {
    var weight: Int64
    var isInline: Bool
  }

  let keys: [NodeKey]
  /// Nodes of each location, in the location's line order (inlined callees first).
  private let locationNodes: [[Int32]]
  private let sampleLocations: [[Int32]]
  private let sampleWeights: [Int64]

  var flat: [Int64]
  var cum: [Int64]
  /// Edges by (caller, callee).
  var edges: [UInt64: Edge] = [:]
  /// Whether each node is in the graph (kept, and with a non-zero flat or cum).
  var isPresent: [Bool]

  /// The graph of one profile.
  init(profile: Profile, valueIndex: Int) {
    self.init(weighted: [(profile, 1)], valueIndex: valueIndex)
  }

  /// The graph of several profiles merged, each sample's value multiplied by its profile's
  /// factor: `[(new, 1), (base, -1)]` is pprof's `-diff_base`.
  init(weighted inputs: [(profile: Profile, factor: Int64)], valueIndex: Int) {
    var keyIndex: [NodeKey: Int32] = [:]
    var keys: [NodeKey] = []
    func node(_ key: NodeKey) -> Int32 {
      if let index = keyIndex[key] { return index }
      let index = Int32(keys.count)
      keys.append(key)
      keyIndex[key] = index
      return index
    }
    var locationNodes: [[Int32]] = []
    var sampleLocations: [[Int32]] = []
    var sampleWeights: [Int64] = []
    for (profile, factor) in inputs {
      let firstLocation = Int32(locationNodes.count)
      for location in profile.locations {
        var objectFile = ""
        if let mappingIndex = profile.mappingIndex(of: location.mappingID) {
          objectFile = profile.string(profile.mappings[mappingIndex].filename)
        }
        if location.lines.isEmpty {
          locationNodes.append([node(NodeKey(name: "", objectFile: objectFile))])
          continue
        }
        locationNodes.append(
          location.lines.map { line in
            let name = profile.functionIndex(of: line.functionID).map {
              profile.string(profile.functions[$0].name)
            } ?? ""
            return node(NodeKey(name: name, objectFile: name.isEmpty ? objectFile : ""))
          })
      }
      for sample in profile.samples {
        sampleLocations.append(
          sample.locationIDs.map { firstLocation + Int32(profile.locationIndex(of: $0) ?? 0) })
        sampleWeights.append(sample.values[valueIndex] &* factor)
      }
    }
    self.keys = keys
    self.locationNodes = locationNodes
    self.sampleLocations = sampleLocations
    self.sampleWeights = sampleWeights
    flat = Array(repeating: 0, count: keys.count)
    cum = Array(repeating: 0, count: keys.count)
    isPresent = Array(repeating: false, count: keys.count)
    build(kept: nil)
  }

  /// Recomputes flat, cum and edges with only the `kept` nodes (all when nil); frames of other
  /// nodes are skipped, and a sample whose leaf is not kept adds no flat, as in pprof.
  mutating func build(kept: [Bool]?) {
    flat = Array(repeating: 0, count: keys.count)
    cum = Array(repeating: 0, count: keys.count)
    edges = [:]
    var seenNode = Array(repeating: -1, count: keys.count)
    var seenEdge: [UInt64: Int] = [:]
    for (sampleIndex, locations) in sampleLocations.enumerated() {
      let weight = sampleWeights[sampleIndex]
      if weight == 0 { continue }
      var parent: Int32 = -1
      var residual = false
      for location in locations.reversed() {
        let nodes = locationNodes[Int(location)]
        for position in stride(from: nodes.count - 1, through: 0, by: -1) {
          let node = nodes[position]
          if let kept, !kept[Int(node)] {
            residual = true
            continue
          }
          if seenNode[Int(node)] != sampleIndex {
            seenNode[Int(node)] = sampleIndex
            cum[Int(node)] &+= weight
          }
          if parent >= 0, parent != node {
            let key = UInt64(UInt32(parent)) << 32 | UInt64(UInt32(node))
            if seenEdge[key] != sampleIndex {
              seenEdge[key] = sampleIndex
              let isInline = position != nodes.count - 1
              if var edge = edges[key] {
                edge.weight &+= weight
                if !isInline { edge.isInline = false }
                edges[key] = edge
              } else {
                edges[key] = Edge(weight: weight, isInline: isInline)
              }
            }
          }
          parent = node
          residual = false
        }
      }
      if parent >= 0, !residual { flat[Int(parent)] &+= weight }
    }
    isPresent = keys.indices.map { node in
      (kept?[node] ?? true) && (flat[node] != 0 || cum[node] != 0)
    }
  }

  /// The nodes in the graph.
  var presentNodes: [Int] { keys.indices.filter { isPresent[$0] } }

  /// pprof's printable name: the function name, else `[binary]`, else `<unknown>`.
  func name(of node: Int) -> String {
    let key = keys[node]
    if !key.name.isEmpty { return key.name }
    if !key.objectFile.isEmpty {
      let base = key.objectFile.split(separator: "/").last.map(String.init) ?? key.objectFile
      return "[\(base)]"
    }
    return "<unknown>"
  }

  /// Removes edges lighter than `cutoff`.
  mutating func trimEdges(below cutoff: Int64) {
    edges = edges.filter { $0.value.weight.wrappingMagnitude >= cutoff }
  }

  /// For each node: "(inline)" when every remaining call into it was inlined into the caller,
  /// "(partial-inline)" when some were, "" otherwise.
  func inlineLabels() -> [String] {
    var inline = Array(repeating: false, count: keys.count)
    var notInline = Array(repeating: false, count: keys.count)
    for (key, edge) in edges {
      let callee = Int(UInt32(truncatingIfNeeded: key))
      if edge.isInline { inline[callee] = true } else { notInline[callee] = true }
    }
    return keys.indices.map { node in
      guard inline[node] else { return "" }
      return notInline[node] ? "(partial-inline)" : "(inline)"
    }
  }
}
