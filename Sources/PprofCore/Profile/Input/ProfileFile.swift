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

  /// How a path is named in messages and reports: `<stdin>` for `-`, bytes that are not UTF-8
  /// and control characters escaped (`FileName.escaped`).
  public static func displayName(_ path: String) -> String {
    path == standardInputPath ? "<stdin>" : FileName.escaped(path)
  }

  public static func read(path: String, limit: Int) throws(InputError) -> [UInt8] {
    if path == standardInputPath {
      return try readAll(descriptor: 0, limit: limit, sizeHint: 0)
    }
    let descriptor = FileName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
    guard descriptor >= 0 else { throw error(forErrno: errno) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw error(forErrno: errno) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory }
    let size = Int(info.st_size)
    if (info.st_mode & S_IFMT) == S_IFREG, size > limit { throw .tooLarge(limit: limit) }
    return try readAll(descriptor: descriptor, limit: limit, sizeHint: size)
  }

  /// What reading `path` will hold in memory, from its size and first and last bytes, without
  /// reading it: its size, and for gzip what its trailer says it inflates to. Nil for standard
  /// input, a pipe, or a path that cannot be examined (reading it will say why).
  public static func footprint(path: String) -> (size: Int, inflated: Int?)? {
    guard path != standardInputPath else { return nil }
    let descriptor = FileName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(info.st_size)
    var magic: [UInt8] = [0, 0]
    var trailer: [UInt8] = [0, 0, 0, 0]
    guard size >= 2, pread(descriptor, &magic, 2, 0) == 2, Gzip.isGzip(magic) else {
      return (size, nil)
    }
    if size < 4 || pread(descriptor, &trailer, 4, off_t(size - 4)) != 4 { trailer = [] }
    return (size, Gzip.expectedSize(compressedCount: size, trailer: trailer))
  }

  /// Reads until end of file straight into the result's storage: sized for a regular file,
  /// grown for a pipe or a file that grows while it is read.
  private static func readAll(descriptor: Int32, limit: Int, sizeHint: Int) throws(InputError)
    -> [UInt8]
  {
    // One byte more than the limit allowed, to tell "exactly the limit" from "more"; one more
    // than the size of a regular file, to see its end without a second buffer.
    var capacity = min(limit, max(sizeHint, 1 << 16)) + 1
    var bytes: [UInt8] = []
    while true {
      var failure: InputError?
      var atEnd = false
      bytes = bytes.regrown(toCapacity: capacity) { buffer, count in
        while count < buffer.count {
          let read = systemRead(descriptor, buffer.baseAddress?.advanced(by: count), buffer.count - count)
          if read < 0 {
            if errno == EINTR { continue }
            failure = error(forErrno: errno)
            return
          }
          if read == 0 {
            atEnd = true
            return
          }
          count += read
        }
      }
      if let failure { throw failure }
      guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
      if atEnd { break }
      capacity = min(limit, 2 * capacity) + 1
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
    default: return .unreadable(message: SystemError.message(code))
    }
  }
}
