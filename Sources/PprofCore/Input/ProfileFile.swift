#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a whole profile file, or standard input for `-`, into memory.
///
/// Uses POSIX calls directly so that each failure maps to a precise, one-line reason, and so that
/// an endless input (`/dev/zero`, a pipe that never closes) stops at `limit` instead of growing
/// without bound.
public enum ProfileFile {
  /// The path that means standard input.
  public static let standardInputPath = "-"

  /// How a path is named in messages and reports: `<stdin>` for `-`.
  public static func displayName(_ path: String) -> String {
    path == standardInputPath ? "<stdin>" : path
  }

  public static func read(path: String, limit: Int) throws(InputError) -> [UInt8] {
    if path == standardInputPath {
      return try readAll(descriptor: 0, limit: limit, sizeHint: 0)
    }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw error(forErrno: errno) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw error(forErrno: errno) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory }
    let size = Int(info.st_size)
    if (info.st_mode & S_IFMT) == S_IFREG, size > limit { throw .tooLarge(limit: limit) }
    return try readAll(descriptor: descriptor, limit: limit, sizeHint: size)
  }

  private static func readAll(descriptor: Int32, limit: Int, sizeHint: Int) throws(InputError)
    -> [UInt8]
  {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(max(sizeHint, 1 << 16))
    let chunkSize = 1 << 16
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
      let count = chunk.withUnsafeMutableBytes { buffer in
        systemRead(descriptor, buffer.baseAddress, chunkSize)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw error(forErrno: errno)
      }
      if count == 0 { break }
      guard bytes.count + count <= limit else { throw .tooLarge(limit: limit) }
      bytes.append(contentsOf: chunk[0..<count])
    }
    guard !bytes.isEmpty else { throw .empty }
    return bytes
  }

  private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
    -> Int
  {
    #if canImport(Glibc)
      Glibc.read(fd, buffer, count)
    #elseif canImport(Musl)
      Musl.read(fd, buffer, count)
    #else
      Darwin.read(fd, buffer, count)
    #endif
  }

  private static func error(forErrno code: Int32) -> InputError {
    switch code {
    case ENOENT: return .notFound
    case EISDIR: return .isDirectory
    default: return .unreadable(message: String(cString: strerror(code)).lowercased())
    }
  }
}
