import PprofProfile
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's working directory, as an absolute path, or why there is none: a directory
/// deleted under a running process (`cd build && rm -rf ../build`, a CI workspace cleaned under
/// a step) has no path, and Foundation's `currentDirectoryPath` then answers with a relative
/// one.
public enum WorkingDirectory {
  /// Why the working directory cannot be named.
  public struct Unavailable: Error, Equatable, Sendable, CustomStringConvertible {
    /// The system's words for getcwd's failure.
    public var reason: String

    public var description: String {
      "the working directory cannot be found (\(reason)): it may have been deleted; "
        + "run from an existing directory"
    }
  }

  /// The absolute path of the working directory.
  public static func path() throws(Unavailable) -> String {
    var size = 4096
    while size <= 1 << 20 {
      var buffer = [CChar](repeating: 0, count: size)
      if getcwd(&buffer, size) != nil {
        let path = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Linux prefixes "(unreachable)" to a directory outside the process's root; only an
        // absolute path names a place.
        guard path.hasPrefix("/") else { throw Unavailable(reason: "not reachable from /") }
        return path
      }
      guard errno == ERANGE else { throw Unavailable(reason: SystemError.message(errno)) }
      size *= 4
    }
    throw Unavailable(reason: "path too long")
  }
}
