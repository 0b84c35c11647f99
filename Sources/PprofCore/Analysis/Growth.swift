import PprofUnits
public import PprofProfile

/// Every stack of one profile kind with its value before and after: NEW − BASE for `diff`,
/// last − first snapshot for `trend`. The pictures (the diff flame graph) and the growth
/// profile (`--write-profile`) are drawn from it.
public struct Growth: Sendable {
  public struct Stack: Sendable {
    /// Frame ids into `frames`, leaf first.
    public var frameIDs: [StackTable.FrameID]
    /// An index of `waitReasons`; nil for none.
    public var waitReason: StackTable.WaitReasonID?
    public var before: Int64
    public var after: Int64
    public var delta: Int64 { after &- before }

    public init(
      frameIDs: [StackTable.FrameID], waitReason: StackTable.WaitReasonID? = nil, before: Int64,
      after: Int64
    ) {
      self.frameIDs = frameIDs
      self.waitReason = waitReason
      self.before = before
      self.after = after
    }

    /// The stack `id` of `table`, from `before` to `after`.
    public init(_ id: StackTable.StackID, in table: StackTable, before: Int64, after: Int64) {
      self.init(
        frameIDs: Array(table.frameIDs(of: id)), waitReason: table.waitReasonID(of: id),
        before: before, after: after)
    }
  }

  public var kind: ProfileKind
  public var sampleType: String
  public var sampleUnit: String
  /// The snapshots compared, as "base.pb.gz → new.pb.gz".
  public var label: String
  public var frames: [Frame]
  /// The wait reasons the stacks name.
  public var waitReasons: [String]
  public var stacks: [Stack]
  /// Where Go source is read to classify debug=1 stacks, as the findings were classified.
  public var sources: SourceResolver?
  /// The calls inlined in the profiles compared, by ids into `frames`.
  public var inlinedCalls: Set<StackTable.InlinedCall>
  /// When the later profile was taken (`time_nanos`); 0 when unknown.
  public var timeNanos: Int64
  /// From the earlier profile to the later (`duration_nanos`, as in Go's delta profiles); 0 when
  /// either time is unknown.
  public var durationNanos: Int64
  /// The later profile's executable.
  public var mainBinary: MainBinary?

  public init(
    kind: ProfileKind, sampleType: String, sampleUnit: String, label: String, frames: [Frame],
    waitReasons: [String] = [], stacks: [Stack], sources: SourceResolver? = nil,
    inlinedCalls: Set<StackTable.InlinedCall> = [],
    timesNanos: (before: Int64, after: Int64) = (0, 0), mainBinary: MainBinary? = nil
  ) {
    self.sources = sources
    self.inlinedCalls = inlinedCalls
    timeNanos = timesNanos.after
    let duration = timesNanos.after.subtractingReportingOverflow(timesNanos.before)
    let known = timesNanos.before != 0 && timesNanos.after != 0 && !duration.overflow
    durationNanos = known ? max(duration.partialValue, 0) : 0
    self.mainBinary = mainBinary
    self.kind = kind
    self.sampleType = sampleType
    self.sampleUnit = sampleUnit
    self.label = label
    self.frames = frames
    self.waitReasons = waitReasons
    self.stacks = stacks
  }

  /// The growth of the stacks one finding groups (same pattern, responsible frame and anchor).
  public func stacks(of finding: Finding) -> Growth {
    let classifier = StackClassifier(
      frames: frames, waitReasons: waitReasons, isGoroutine: kind.countsGoroutines, sources: sources)
    let wanted = key(of: finding)
    var copy = self
    copy.stacks = stacks.filter { stack in
      let key = classifier.findingKey(
        classifier.key(stack.frameIDs, waitReason: stack.waitReason), stack: stack.frameIDs)
      return key.pattern == finding.pattern && key.responsible == finding.responsible
        && (finding.responsible != nil || key.anchor == wanted.anchor)
    }
    return copy
  }

  /// The function a finding is known by: the frame to fix, else the one its stacks were grouped
  /// by (a goroutine's entry function, an allocation's leaf), else the kind.
  public func function(of finding: Finding) -> String {
    if let responsible = finding.responsible { return responsible.function }
    let anchor = key(of: finding).anchor
    return anchor.isEmpty ? kind.name : anchor
  }

  private func key(of finding: Finding) -> FindingKey {
    FindingKey.classify(
      finding.stack, waitReason: finding.waitReason, isGoroutine: kind.countsGoroutines,
      sources: sources
    ).key
  }
}

extension Profile {
  /// A profile whose samples are the growth of each stack (after − before; negative for
  /// stacks that shrank), for `go tool pprof`, its web UI, Pyroscope or speedscope: `pprof -top`
  /// on it gives the flat and cum values of `pprof -top -diff_base`. Inlined calls share a
  /// location with their caller, and the time and executable are the later profile's. A
  /// stack's wait reason is its sample's `Profile.waitReasonLabel`.
  public init(growth: Growth) {
    var assembler = ProfileAssembler()
    let type = ValueType(type: assembler.string(growth.sampleType), unit: assembler.string(growth.sampleUnit))
    let measure = Quantity.measure(kind: growth.kind.name, sampleType: growth.sampleType)
    let comment = assembler.string("pprof-leak growth of \(measure): \(growth.label)")
    if let binary = growth.mainBinary {
      assembler.map(binary, hasInlineFrames: !growth.inlinedCalls.isEmpty)
    }
    // A frame alone in its location is located once, by id, however many stacks share it; the
    // assembler finds a run of inlined frames again by its frames.
    var locationIDs = [UInt64](repeating: 0, count: growth.frames.count)
    let waitReasonKey = growth.waitReasons.isEmpty ? .empty : assembler.string(Self.waitReasonLabel)
    let waitReasons = growth.waitReasons.map { assembler.string($0) }
    for stack in growth.stacks where stack.delta != 0 {
      let ids = stack.frameIDs
      var sample = Sample(locationIDs: [], values: [stack.delta])
      if let reason = stack.waitReason {
        sample.labels = [Label(key: waitReasonKey, str: waitReasons[Int(reason)])]
      }
      var start = 0
      for end in ids.indices {
        if end + 1 < ids.count,
          growth.inlinedCalls.contains(
            StackTable.InlinedCall(callee: ids[end], caller: ids[end + 1]))
        {
          continue
        }
        if start == end {
          let id = Int(ids[end])
          if locationIDs[id] == 0 { locationIDs[id] = assembler.location([growth.frames[id]]) }
          sample.locationIDs.append(locationIDs[id])
        } else {
          let lines = ids[start...end].map { growth.frames[Int($0)] }
          sample.locationIDs.append(assembler.location(lines))
        }
        start = end + 1
      }
      assembler.add(sample)
    }
    self = assembler.finished()
    sampleTypes = [type]
    defaultSampleType = type.type
    comments = [comment]
    timeNanos = growth.timeNanos
    durationNanos = growth.durationNanos
  }
}
