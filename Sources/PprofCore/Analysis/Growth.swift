/// Every stack of one profile kind with its value before and after: NEW − BASE for `diff`,
/// last − first snapshot for `trend`. The pictures (the diff flame graph) and the growth
/// profile (`--write-profile`) are drawn from it.
public struct Growth: Sendable {
  public struct Stack: Sendable {
    /// Frame ids into `frames`, leaf first.
    public var frameIDs: [StackTable.FrameID]
    public var before: Int64
    public var after: Int64
    public var delta: Int64 { after &- before }
  }

  public var kind: String
  public var sampleType: String
  public var sampleUnit: String
  /// The snapshots compared, as "base.pb.gz → new.pb.gz".
  public var label: String
  public var frames: [Frame]
  public var stacks: [Stack]
  /// Where Go source is read to classify debug=1 stacks, as the findings were classified.
  public var sources: SourceResolver?

  public init(
    kind: String, sampleType: String, sampleUnit: String, label: String, frames: [Frame],
    stacks: [Stack], sources: SourceResolver? = nil
  ) {
    self.sources = sources
    self.kind = kind
    self.sampleType = sampleType
    self.sampleUnit = sampleUnit
    self.label = label
    self.frames = frames
    self.stacks = stacks
  }

  /// The growth of the stacks one finding groups (same pattern, responsible frame and anchor).
  public func stacks(of finding: some ReportedFinding) -> Growth {
    let classifier = StackClassifier(frames: frames, isGoroutine: kind == "goroutine", sources: sources)
    let wanted = FindingKey.classify(finding.stack, isGoroutine: kind == "goroutine", sources: sources).key
    var copy = self
    copy.stacks = stacks.filter { stack in
      let key = classifier.findingKey(classifier.key(stack.frameIDs), stack: stack.frameIDs)
      return key.pattern == finding.pattern && key.responsible == finding.responsible
        && (finding.responsible != nil || key.anchor == wanted.anchor)
    }
    return copy
  }
}

extension Profile {
  /// A profile whose samples are the growth of each stack (after − before; negative for
  /// stacks that shrank), for `go tool pprof`, its web UI, Pyroscope or speedscope: `pprof -top`
  /// on it gives the flat and cum values of `pprof -top -diff_base`.
  public init(growth: Growth, timeNanos: Int64 = 0) {
    var assembler = ProfileAssembler()
    let type = ValueType(type: assembler.string(growth.sampleType), unit: assembler.string(growth.sampleUnit))
    let comment = assembler.string("pprof-leak growth of \(growth.kind) \(growth.sampleType): \(growth.label)")
    // Frames are located once each, by id, however many stacks share them.
    var locationIDs = [UInt64](repeating: 0, count: growth.frames.count)
    for stack in growth.stacks where stack.delta != 0 {
      for id in stack.frameIDs where locationIDs[Int(id)] == 0 {
        locationIDs[Int(id)] = assembler.location(growth.frames[Int(id)])
      }
      assembler.add(
        Sample(locationIDs: stack.frameIDs.map { locationIDs[Int($0)] }, values: [stack.delta]))
    }
    self = assembler.finished()
    sampleTypes = [type]
    defaultSampleType = type.type
    comments = [comment]
    self.timeNanos = timeNanos
  }
}
