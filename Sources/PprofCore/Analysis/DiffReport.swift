import Dispatch
import Synchronization
public import PprofProfile
public import PprofGoroutine

/// Everything `pprof-leak diff` reports: the inputs, the findings, the pprof-style table and
/// the stacks that changed most.
public struct DiffReport: Sendable {
  /// One of the two profiles.
  public struct Input: Equatable, Sendable {
    /// The path as the user gave it.
    public var path: String
    public var kind: ProfileKind
    public var timeNanos: Int64
    /// The sum of the compared sample type over all samples.
    public var total: Int64
  }

  /// A stack whose value changed.
  public struct StackDelta: Equatable, Sendable {
    public var stack: [Frame]
    /// What the stack's goroutines wait on, when a traceback said.
    public var waitReason: String?
    public var base: Int64
    public var new: Int64
    public var delta: Int64 { new &- base }
  }

  public struct Options: Sendable {
    public var sampleIndex: String?
    public var thresholds: Thresholds
    /// Rows of the pprof-style table (0: all).
    public var nodeCount: Int
    /// Changed stacks to keep, largest change first (0: all).
    public var maxStacks: Int
    /// Keep every stack's before and after values (`growth`), for pictures and profiles.
    public var keepGrowth = false
    /// Where Go source is read from to classify debug=1 stacks.
    public var sources: SourceResolver?

    public init(
      sampleIndex: String? = nil, thresholds: Thresholds = Thresholds(),
      nodeCount: Int = 10, maxStacks: Int = 50, sources: SourceResolver? = nil
    ) {
      self.sources = sources
      self.sampleIndex = sampleIndex
      self.thresholds = thresholds
      self.nodeCount = nodeCount
      self.maxStacks = maxStacks
    }
  }

  public var base: Input
  public var new: Input
  public var sampleType: String
  public var sampleUnit: String
  public var thresholds: Thresholds
  public var findings: [Finding]
  /// `go tool pprof -top -diff_base BASE NEW`.
  public var top: TopReport
  /// The stacks whose value changed, largest |change| first.
  public var stacks: [StackDelta]
  /// How many stacks changed in all (`stacks` may hold fewer).
  public var changedStackCount: Int
  /// Every stack's BASE and NEW values, when `Options.keepGrowth` asked for them.
  public var growth: Growth?
  /// Findings a suppression rule hid (see `apply(_:)`).
  public var suppressed: [SuppressedFinding] = []
  /// The `--baseline` report the findings were matched against.
  public var baselinePath: String?

  public init(
    base: Profile, basePath: String, new: Profile, newPath: String, newDump: GoroutineDump? = nil,
    options: Options = Options()
  ) throws(ProfileDiffError) {
    // The pprof table does not depend on the stack comparison: build both at once.
    let topResult = Mutex<Result<TopReport, ProfileDiffError>?>(nil)
    let diffResult = Mutex<Result<ProfileDiff, ProfileDiffError>?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      if part == 0 {
        let result = Result { () throws(ProfileDiffError) in
          try ProfileDiff(base: base, new: new, sampleIndex: options.sampleIndex)
        }
        diffResult.withLock { $0 = result }
      } else {
        let result = Result { () throws(ProfileDiffError) in
          try TopReport(
            diffBase: base, new: new,
            options: TopReport.Options(sampleIndex: options.sampleIndex, nodeCount: options.nodeCount))
        }
        topResult.withLock { $0 = result }
      }
    }
    let diff = try diffResult.withLock { $0! }.get()
    self.base = Input(
      path: basePath, kind: base.kind, timeNanos: base.timeNanos, total: diff.baseTotal)
    self.new = Input(path: newPath, kind: new.kind, timeNanos: new.timeNanos, total: diff.newTotal)
    sampleType = diff.sampleType
    sampleUnit = diff.sampleUnit
    thresholds = options.thresholds
    findings = FindingDetector(thresholds: options.thresholds, sources: options.sources)
      .findings(in: diff, newDump: newDump, newPath: newPath)
    top = try topResult.withLock { $0! }.get()
    let changed = diff.entries.filter { $0.delta != 0 }.sorted { left, right in
      let (l, r) = (left.delta.wrappingMagnitude, right.delta.wrappingMagnitude)
      if l != r { return l > r }
      return left.stack < right.stack
    }
    changedStackCount = changed.count
    let kept = options.maxStacks > 0 ? changed.prefix(options.maxStacks) : changed[...]
    stacks = kept.map {
      StackDelta(
        stack: diff.frames(of: $0), waitReason: diff.table.waitReason(of: $0.stack), base: $0.base,
        new: $0.new)
    }
    if options.keepGrowth {
      growth = Growth(
        kind: diff.kind, sampleType: diff.sampleType, sampleUnit: diff.sampleUnit,
        label: "\(basePath) → \(newPath)", frames: diff.table.frames,
        waitReasons: diff.table.waitReasons,
        stacks: diff.entries.map { Growth.Stack($0.stack, in: diff.table, before: $0.base, after: $0.new) },
        sources: options.sources, inlinedCalls: diff.table.inlinedCalls,
        timesNanos: (base.timeNanos, new.timeNanos), mainBinary: new.mainBinary)
    }
  }


  /// How many findings have each severity.
  public func count(_ severity: Severity) -> Int {
    findings.filter { $0.severity == severity }.count
  }
}
