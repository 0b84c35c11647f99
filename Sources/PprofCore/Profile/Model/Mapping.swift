/// A binary or shared library mapped into the profiled process (`Mapping`).
public struct Mapping: Equatable, Sendable {
  /// `Mapping.id = 1`.
  public var id: UInt64 = 0
  /// `Mapping.memory_start = 2`.
  public var memoryStart: UInt64 = 0
  /// `Mapping.memory_limit = 3`.
  public var memoryLimit: UInt64 = 0
  /// `Mapping.file_offset = 4`.
  public var fileOffset: UInt64 = 0
  /// `Mapping.filename = 5`.
  public var filename: StringID = .empty
  /// `Mapping.build_id = 6`.
  public var buildID: StringID = .empty
  /// `Mapping.has_functions = 7`.
  public var hasFunctions = false
  /// `Mapping.has_filenames = 8`.
  public var hasFilenames = false
  /// `Mapping.has_line_numbers = 9`.
  public var hasLineNumbers = false
  /// `Mapping.has_inline_frames = 10`.
  public var hasInlineFrames = false
  public init() {}
}
