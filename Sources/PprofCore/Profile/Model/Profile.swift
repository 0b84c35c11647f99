/// A decoded `profile.proto` message, with every reference checked.
///
/// Strings are kept as `StringID`s into `stringTable`; ids are the file's own. Use `locationIndex`
/// and `functionIndex` to follow ids, and `StackTable` for stacks that compare across profiles.
public struct Profile: Equatable, Sendable {
  /// `Profile.sample_type = 1`.
  public var sampleTypes: [ValueType] = []
  /// `Profile.sample = 2`, packed (see `samples`, `sampleCount` and `forEachSample`).
  @usableFromInline var sampleStore = SampleStore()
  /// `Profile.mapping = 3`.
  public var mappings: [Mapping] = []
  /// `Profile.location = 4`.
  public var locations: [Location] = []
  /// `Profile.function = 5`.
  public var functions: [Function] = []
  /// `Profile.string_table = 6`.
  public var stringTable: [String] = []
  /// `Profile.drop_frames = 7`.
  public var dropFrames: StringID = .empty
  /// `Profile.keep_frames = 8`.
  public var keepFrames: StringID = .empty
  /// `Profile.time_nanos = 9`.
  public var timeNanos: Int64 = 0
  /// `Profile.duration_nanos = 10`.
  public var durationNanos: Int64 = 0
  /// `Profile.period_type = 11`.
  public var periodType: ValueType?
  /// `Profile.period = 12`.
  public var period: Int64 = 0
  /// `Profile.comment = 13`.
  public var comments: [StringID] = []
  /// `Profile.default_sample_type = 14`.
  public var defaultSampleType: StringID = .empty
  /// `Profile.doc_url = 15` (newer profiles).
  public var docURL: StringID = .empty

  /// Array index of each location id (built by decoding; see `Profile+Index.swift`).
  @usableFromInline var locationIndexByID = IDIndex()
  /// Array index of each function id.
  var functionIndexByID = IDIndex()
  /// Array index of each mapping id.
  var mappingIndexByID = IDIndex()

  public init() {}

  /// `Profile.sample = 2`, rebuilt as values on every read and re-packed on every write: for
  /// tests and small profiles. Hot paths use `forEachSample`, builders `appendSample`.
  public var samples: [Sample] {
    get { sampleStore.samples }
    set { sampleStore = SampleStore(newValue) }
  }

  /// How many samples the profile has.
  public var sampleCount: Int { sampleStore.count }

  /// Adds a sample at the end.
  public mutating func appendSample(_ sample: Sample) { sampleStore.append(sample) }

  /// Calls `body` with each sample's location ids (leaf first), values and labels (four fields
  /// a label: key, str, num and num_unit), in order, without allocating per sample. The
  /// buffers are reused: copy what must outlive the call.
  @inlinable
  public func forEachSample<Failure: Error>(
    _ body: (
      _ locationIDs: UnsafeBufferPointer<UInt64>, _ values: UnsafeBufferPointer<Int64>,
      _ labelFields: UnsafeBufferPointer<UInt64>
    ) throws(Failure) -> Void
  ) throws(Failure) {
    try sampleStore.forEach(body)
  }

  /// The sum of one value over every sample (wrapping, as Go's int64 sums do).
  public func total(ofValue index: Int, magnitudes: Bool = false) -> Int64 {
    var total: Int64 = 0
    forEachSample { _, values, _ in
      total &+= magnitudes ? values[index].wrappingMagnitude : values[index]
    }
    return total
  }

  /// The string for `id`; "" for an index outside the table (decoded profiles never have one).
  public func string(_ id: StringID) -> String {
    let index = Int(id.rawValue)
    return stringTable.indices.contains(index) ? stringTable[index] : ""
  }

  public static func == (lhs: Profile, rhs: Profile) -> Bool {
    lhs.sampleTypes == rhs.sampleTypes && lhs.sampleStore == rhs.sampleStore
      && lhs.mappings == rhs.mappings && lhs.locations == rhs.locations
      && lhs.functions == rhs.functions && lhs.stringTable == rhs.stringTable
      && lhs.dropFrames == rhs.dropFrames && lhs.keepFrames == rhs.keepFrames
      && lhs.timeNanos == rhs.timeNanos && lhs.durationNanos == rhs.durationNanos
      && lhs.periodType == rhs.periodType && lhs.period == rhs.period
      && lhs.comments == rhs.comments && lhs.defaultSampleType == rhs.defaultSampleType
      && lhs.docURL == rhs.docURL
  }
}
