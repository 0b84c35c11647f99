import PprofUnits

/// A problem reading a profile's bytes, before any decompression or decoding.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path does not exist (ENOENT).
  case notFound
  /// The path names a directory, where a single profile was expected.
  case isDirectory
  /// The path exists but could not be opened or read; `message` is the system's wording.
  case unreadable(message: String)
  /// The input holds no bytes at all.
  case empty
  /// The input is longer than the byte limit (`--max-decompressed-size` also caps raw input).
  case tooLarge(limit: Int)

  public var description: String {
    switch self {
    case .notFound: "no such file"
    case .isDirectory: "is a directory, not a profile (trend takes directories; top and diff take files)"
    case .unreadable(let message): "cannot read: \(message)"
    case .empty: "empty input: no profile data"
    case .tooLarge(let limit): "input is larger than the \(Quantity.limit(limit)) limit (raise --max-decompressed-size)"
    }
  }
}
