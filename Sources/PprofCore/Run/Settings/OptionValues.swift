/// The options a run can be given, by `.pprof-leak.yaml` or on the command line, under the
/// names of their long options: nil or empty for each one left to the other, or to the
/// default. `AnalysisSettings` decides between the two.
public struct OptionValues: Sendable {
  public var failOn: FailOn?
  public var minGoroutines: Int64?
  public var minHeapBytes: Int64?
  public var minHeapObjects: Int64?
  public var minGrowthFraction: Double?
  public var minBlockedMinutes: Int?
  public var ignoreTop: [String] = []
  public var ignoreAny: [String] = []
  public var ignoreCreatedBy: [String] = []
  /// `FROM=TO` rules.
  public var pathPrefixes: [(from: String, to: String)] = []
  /// In a config file, absolute (relative entries are taken from the file's directory).
  public var sourceRoots: [String] = []
  /// In a config file, absolute, like `sourceRoots`.
  public var baseline: String?

  public init() {}
}
