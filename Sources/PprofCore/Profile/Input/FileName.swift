#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import PprofUnits

/// File names as the kernel has them: bytes, most often but not always UTF-8.
///
/// A name that is not valid UTF-8 travels through the program as a `String` in which each byte
/// of an invalid sequence is the scalar U+10FF00 + byte (the top of the last private-use plane),
/// so that it opens the same file again (`withCString`) and is shown escaped (`escaped`), never
/// repaired into another name. A name that happens to hold those scalars is encoded the same
/// way, byte by byte, so every name survives the round trip exactly.
package enum FileName {
  /// The scalar of byte 0 in a name that is not valid UTF-8.
  private static let byteBase: UInt32 = 0x10FF00

  /// The name of `bytes` (a command-line argument, a directory entry).
  package static func string(_ bytes: some Collection<UInt8>) -> String {
    let bytes = Array(bytes)
    if let valid = String(validating: bytes, as: UTF8.self),
      !valid.unicodeScalars.contains(where: { $0.value >= byteBase })
    {
      return valid
    }
    var scalars = String.UnicodeScalarView()
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    func appendBytes(_ count: Int) {
      for byte in bytes[offset..<(offset + count)] {
        // byteBase + 0...255 are all valid scalars.
        scalars.append(Unicode.Scalar(byteBase + UInt32(byte)) ?? "?")
      }
    }
    parsing: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = UTF8.decode(encoded)
        if scalar.value >= byteBase {
          appendBytes(encoded.count)
        } else {
          scalars.append(scalar)
        }
        offset += encoded.count
      case .error(let length):
        appendBytes(length)
        offset += length
      case .emptyInput:
        break parsing
      }
    }
    return String(scalars)
  }

  /// The bytes of `name`, as `string` took them.
  package static func bytes(_ name: String) -> [UInt8] {
    guard name.unicodeScalars.contains(where: { $0.value >= byteBase }) else { return Array(name.utf8) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(name.utf8.count)
    for scalar in name.unicodeScalars {
      if scalar.value >= byteBase {
        bytes.append(UInt8(truncatingIfNeeded: scalar.value - byteBase))
      } else {
        UTF8.encode(scalar) { bytes.append($0) }
      }
    }
    return bytes
  }

  /// Calls `body` with `name` as the C string the kernel knows it by. `errno` after the call is
  /// what `body` left (freeing the string does not touch it), so a failed system call inside
  /// can be read after it.
  package static func withCString<Result>(
    _ name: String, _ body: (UnsafePointer<CChar>) throws -> Result
  ) rethrows -> Result {
    let bytes = bytes(name)
    let string = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
    defer {
      let code = errno
      string.deallocate()
      errno = code
    }
    for (index, byte) in bytes.enumerated() { string[index] = CChar(bitPattern: byte) }
    string[bytes.count] = 0
    return try body(string)
  }

  /// What `stat` (or `lstat`, not `following` a last link) says of the file `name` names; nil
  /// with `errno` set when it fails.
  package static func status(_ name: String, following: Bool = true) -> FileStatus? {
    var info = stat()
    let result = withCString(name) { following ? stat($0, &info) : lstat($0, &info) }
    guard result == 0 else { return nil }
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    return FileStatus(mode: UInt32(info.st_mode), modified: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
  }

  /// Creates the directory `name` and any missing parent (as `mkdir -p`); the `errno` of the
  /// first failure, or nil.
  package static func makeDirectories(_ name: String) -> Int32? {
    if status(name)?.isDirectory == true { return nil }
    let parent = bytes(name).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
      .dropLast()
    if parent.contains(where: { !$0.isEmpty }) {
      let path =
        (name.hasPrefix("/") ? "/" : "")
        + parent.filter { !$0.isEmpty }.map { string($0) }.joined(separator: "/")
      if let failure = makeDirectories(path) { return failure }
    }
    if withCString(name, { mkdir($0, 0o777) }) == 0 { return nil }
    let failure = errno
    // Made meanwhile by another process, or a file in the way.
    if status(name)?.isDirectory == true { return nil }
    return failure == EEXIST ? ENOTDIR : failure
  }

  /// `name` fit for one line of a message or report: bytes that are not UTF-8 as `\xNN`,
  /// control characters (newline, tab, escape sequences) as `\n`, `\t`, `\x1b`.
  package static func escaped(_ name: String) -> String {
    name.escapingControlCharacters { scalar in
      scalar.value >= byteBase ? String.hexEscape(UInt8(truncatingIfNeeded: scalar.value - byteBase)) : nil
    }
  }
}

/// The type and modification time of a file (`FileName.status`).
package struct FileStatus: Sendable {
  /// `st_mode`: the type and permissions.
  var mode: UInt32
  /// Seconds since 1970.
  package var modified: Double

  package var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
  package var isRegular: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
  package var isLink: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFLNK) }
}
