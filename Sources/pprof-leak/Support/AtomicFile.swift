import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file whole or not at all: into a temporary file beside it, then renamed over it, so
/// a reader (or a failed run) never sees half a report.
enum AtomicFile {
  static func write(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var template = Array((directory + "/.\(url.lastPathComponent).XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var failure: String?
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count, failure == nil {
      let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno != EINTR { failure = String(cString: strerror(errno)) }
      } else {
        written += count
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
    if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
    // mkstemp creates the file 0600; a report is as readable as any file the user writes.
    let mask = umask(0)
    umask(mask)
    chmod(temporary, 0o666 & ~mask)
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw CommandFailure("cannot write \(path): \(failure)")
    }
  }
}
