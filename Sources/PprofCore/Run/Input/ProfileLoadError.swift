public import PprofProfile
public import PprofGoroutine

/// Why a profile file could not be loaded: the path, the stage and the stage's own error.
public struct ProfileLoadError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Stage: Equatable, Sendable {
    case input(InputError)
    case gzip(GzipError)
    case decoding(ProfileDecodingError)
    /// A text file that is not a goroutine dump.
    case text(GoroutineDumpError)
    /// A format pprof-leak knows but does not read, and what to do instead.
    case unsupported(String)
  }

  /// The path as the user gave it (`-` for standard input).
  public var path: String
  public var stage: Stage
  /// Set when the decoded bytes came out of gzip, so offsets and lines are not the file's.
  public var wasCompressed: Bool

  public init(path: String, stage: Stage, wasCompressed: Bool = false) {
    self.path = path
    self.stage = stage
    self.wasCompressed = wasCompressed
  }

  /// One line: `FILE: byte N (decompressed): what is wrong` (`line N` for text).
  public var description: String {
    let name = ProfileFile.displayName(path)
    switch stage {
    case .input(let error):
      return "\(name): \(error)"
    case .gzip(let error):
      return "\(name): byte \(error.offset): \(error)"
    case .decoding(let error):
      return "\(name): byte \(error.offset)\(decompressedNote): \(error)\(hint(for: error))"
    case .text(let error):
      return "\(name): line \(error.line)\(decompressedNote): \(error.detail)"
    case .unsupported(let reason):
      return "\(name): \(reason)"
    }
  }

  private var decompressedNote: String { wasCompressed ? " (decompressed)" : "" }

  private func hint(for error: ProfileDecodingError) -> String {
    guard error.offset < 64 else { return "" }
    switch error.reason {
    case .invalidWireType, .invalidFieldNumber, .wireTypeMismatch, .lengthOutOfRange,
      .overlongVarint, .truncated, .emptyStringTable:
      return " (not a pprof protobuf profile?)"
    default:
      return ""
    }
  }
}
