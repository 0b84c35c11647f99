public import PprofProfile

/// The call tree of a growth, root first, for a diff flame graph (an icicle): a node per
/// function along each path, its size after and its change. Nodes that would not be drawn
/// (their size after is zero: the width is that size) and nodes too small to see at any zoom a
/// reader starts from (under `minShare` of the total, and with a change under `minShare` of the
/// total change) are pruned and counted.
public struct FlameTree: Sendable {
  public struct Node: Sendable {
    public var name: String
    /// The frame's file and line (of the first stack seen through this node).
    public var file: String
    public var line: Int64
    public var after: Int64
    public var delta: Int64
    public var parent: Int32
    public var depth: Int32
  }

  /// Node 0 is the root (all stacks); parents come before their children.
  public private(set) var nodes: [Node]
  /// Nodes left out, with their callees.
  public private(set) var pruned = 0
  public let kind: ProfileKind
  public let sampleType: String
  public let sampleUnit: String
  public let label: String

  public init(growth: Growth, minShare: Double = 0.0005) {
    kind = growth.kind
    sampleType = growth.sampleType
    sampleUnit = growth.sampleUnit
    label = growth.label
    var nodes = [Node(name: "all", file: "", line: 0, after: 0, delta: 0, parent: -1, depth: 0)]
    var children: [[String: Int32]] = [[:]]
    for stack in growth.stacks where stack.after != 0 || stack.delta != 0 {
      var current: Int32 = 0
      nodes[0].after &+= stack.after
      nodes[0].delta &+= stack.delta
      for id in stack.frameIDs.reversed() {
        let frame = growth.frames[Int(id)]
        if let child = children[Int(current)][frame.function] {
          current = child
        } else {
          let child = Int32(nodes.count)
          nodes.append(
            Node(
              name: frame.function, file: frame.file, line: frame.line, after: 0, delta: 0,
              parent: current, depth: nodes[Int(current)].depth + 1))
          children.append([:])
          children[Int(current)][frame.function] = child
          current = child
        }
        nodes[Int(current)].after &+= stack.after
        nodes[Int(current)].delta &+= stack.delta
      }
    }
    // Keep the nodes drawn and big enough to matter; a dropped node drops its subtree.
    let total = Double(max(nodes[0].after, 1))
    let change = max(Double(nodes[0].delta.magnitude), 1)
    var keep = [Bool](repeating: false, count: nodes.count)
    var newIndex = [Int32](repeating: -1, count: nodes.count)
    var kept: [Node] = []
    for index in nodes.indices {
      let node = nodes[index]
      let parentKept = node.parent < 0 || keep[Int(node.parent)]
      let big =
        Double(node.after) >= minShare * total || Double(node.delta.magnitude) >= minShare * change
      keep[index] = parentKept && (index == 0 || (node.after > 0 && big))
      if keep[index] {
        var copy = node
        copy.parent = node.parent < 0 ? -1 : newIndex[Int(node.parent)]
        newIndex[index] = Int32(kept.count)
        kept.append(copy)
      }
    }
    pruned = nodes.count - kept.count
    self.nodes = kept
  }
}
