import PprofProfile

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
  /// Nodes of each location, in the location's line order (inlined callees first), flat:
  /// location i's are locationNodes[locationStarts[i]..<locationStarts[i + 1]].
  private let locationNodes: [Int32]
  private let locationStarts: [Int32]
  /// The profiles, each with its factor and the index of its first location in
  /// `locationStarts`; their packed samples are read again by each `build`.
  private let inputs: [(profile: Profile, factor: Int64, firstLocation: Int32)]
  /// The sample value the graph weighs.
  private let valueIndex: Int

  var flat: [Int64]
  var cum: [Int64]
  /// Edges by (caller, callee); only after a `build(kept:edges: true)`.
  var edges: [UInt64: Edge] = [:]
  /// The nodes the last build kept (nil: all), and whether it counted edges.
  private(set) var lastKept: [Bool]?
  private(set) var hasEdges = false
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
    var locationNodes: [Int32] = []
    var locationStarts: [Int32] = [0]
    var graphInputs: [(profile: Profile, factor: Int64, firstLocation: Int32)] = []
    for (profile, factor) in inputs {
      graphInputs.append((profile, factor, Int32(locationStarts.count - 1)))
      for location in profile.locations {
        var objectFile = ""
        if let mappingIndex = profile.mappingIndex(of: location.mappingID) {
          objectFile = profile.string(profile.mappings[mappingIndex].filename)
        }
        if location.lines.isEmpty {
          locationNodes.append(node(NodeKey(name: "", objectFile: objectFile)))
        }
        for line in location.lines {
          let name = profile.functionIndex(of: line.functionID).map {
            profile.string(profile.functions[$0].name)
          } ?? ""
          locationNodes.append(node(NodeKey(name: name, objectFile: name.isEmpty ? objectFile : "")))
        }
        locationStarts.append(Int32(locationNodes.count))
      }
    }
    self.keys = keys
    self.locationNodes = locationNodes
    self.locationStarts = locationStarts
    self.inputs = graphInputs
    self.valueIndex = valueIndex
    flat = Array(repeating: 0, count: keys.count)
    cum = Array(repeating: 0, count: keys.count)
    isPresent = Array(repeating: false, count: keys.count)
    build(kept: nil, edges: false)
  }

  /// Graphs of up to this many nodes keep their edges in dense arrays (node × node).
  static let denseEdgeLimit = 1024

  /// Recomputes flat, cum and (with `edges`) the edges with only the `kept` nodes (all when
  /// nil); frames of other nodes are skipped, and a sample whose leaf is not kept adds no flat,
  /// as in pprof. Edges matter only for the final set of nodes, so earlier builds skip them.
  mutating func build(kept: [Bool]?, edges countEdges: Bool = true) {
    lastKept = kept
    hasEdges = countEdges
    let count = keys.count
    var flat = [Int64](repeating: 0, count: count)
    var cum = [Int64](repeating: 0, count: count)
    var seenNode = [Int32](repeating: -1, count: count)
    let dense = countEdges && count <= Self.denseEdgeLimit
    // Dense: weight, state (0 absent, 1 inline only, 2 called) and last sample per edge.
    var edgeWeight = [Int64](repeating: 0, count: dense ? count * count : 0)
    var edgeState = [UInt8](repeating: 0, count: dense ? count * count : 0)
    var edgeSeen = [Int32](repeating: -1, count: dense ? count * count : 0)
    var sparse: [UInt64: Edge] = [:]
    var sparseSeen: [UInt64: Int32] = [:]
    let keptNodes = kept ?? []
    let filtering = kept != nil
    var mark: Int32 = 0
    locationNodes.withUnsafeBufferPointer { locationNodes in
      locationStarts.withUnsafeBufferPointer { locationStarts in
        for (profile, factor, firstLocation) in inputs {
          profile.forEachSample { locationIDs, values, _ in
            let weight = values[valueIndex] &* factor
            mark &+= 1
            if weight == 0 { return }
            var parent: Int32 = -1
            var residual = false
            var position = locationIDs.count
            while position > 0 {
              position -= 1
              let location =
                Int(firstLocation) + (profile.locationIndex(of: locationIDs[position]) ?? 0)
              let nodeStart = Int(locationStarts[location])
              var index = Int(locationStarts[location + 1])
              let last = index - 1
              while index > nodeStart {
                index -= 1
                let node = locationNodes[index]
                if filtering, !keptNodes[Int(node)] {
                  residual = true
                  continue
                }
                if seenNode[Int(node)] != mark {
                  seenNode[Int(node)] = mark
                  cum[Int(node)] &+= weight
                }
                if countEdges, parent >= 0, parent != node {
                  let isInline = index != last
                  if dense {
                    let edge = Int(parent) * count + Int(node)
                    if edgeSeen[edge] != mark {
                      edgeSeen[edge] = mark
                      edgeWeight[edge] &+= weight
                      if !isInline {
                        edgeState[edge] = 2
                      } else if edgeState[edge] == 0 {
                        edgeState[edge] = 1
                      }
                    }
                  } else {
                    let key = UInt64(UInt32(parent)) << 32 | UInt64(UInt32(node))
                    if sparseSeen[key] != mark {
                      sparseSeen[key] = mark
                      if var edge = sparse[key] {
                        edge.weight &+= weight
                        if !isInline { edge.isInline = false }
                        sparse[key] = edge
                      } else {
                        sparse[key] = Edge(weight: weight, isInline: isInline)
                      }
                    }
                  }
                }
                parent = node
                residual = false
              }
            }
            if parent >= 0, !residual { flat[Int(parent)] &+= weight }
          }
        }
      }
    }
    if dense {
      for edge in edgeState.indices where edgeState[edge] != 0 {
        let key = UInt64(UInt32(edge / count)) << 32 | UInt64(UInt32(edge % count))
        sparse[key] = Edge(weight: edgeWeight[edge], isInline: edgeState[edge] == 1)
      }
    }
    self.flat = flat
    self.cum = cum
    edges = sparse
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
