#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The C library's words for an error number, lowercased as our messages are: "no such file or
/// directory".
public enum SystemError {
  public static func message(_ number: Int32) -> String {
    guard let text = strerror(number) else { return "error \(number)" }
    return String(cString: text).lowercased()
  }
}

/// write(2) until every byte is written, through interruptions: the one write loop of the
/// atomic output files and of the executable's standard streams.
package enum FileDescriptorWriter {
  /// The error number of a failed write, nil when every byte was written.
  package static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }  // nothing to write
    var offset = 0
    while offset < bytes.count {
      let written = write(descriptor, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      // write(2) returns at most the count asked for, so the sum stays within the buffer.
      offset += written
    }
    return nil
  }
}
