import CZlib
import PprofUnits

/// A gzip stream that could not be inflated.
public struct GzipError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Reason: Equatable, Sendable {
    /// The compressed data ends before the end of its last gzip member.
    case truncated
    /// zlib rejected the data; `message` is zlib's own (e.g. "incorrect header check").
    case corrupt(message: String)
    /// Inflating would produce more than `limit` bytes (a gzip bomb, or a huge profile).
    case tooLarge(limit: Int)
    /// Bytes after the last gzip member that do not start another member.
    case trailingData
    /// zlib could not be initialised (out of memory).
    case zlibUnavailable
  }

  public var reason: Reason
  /// Byte offset in the compressed input where inflation stopped.
  public var offset: Int

  public var description: String {
    switch reason {
    case .truncated: "truncated gzip data (ends before the gzip trailer)"
    case .corrupt(let message): "corrupt gzip data: \(message)"
    case .tooLarge(let limit):
      "decompresses to more than \(Quantity.limit(limit)) (raise --max-decompressed-size if this is a real profile)"
    case .trailingData: "unexpected data after the end of the gzip stream"
    case .zlibUnavailable: "zlib could not be initialised"
    }
  }
}

/// gzip detection and inflation (RFC 1952), including multi-member streams.
public enum Gzip {
  /// True when `bytes` start with the gzip magic number 1f 8b.
  public static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
  }

  /// One gzip member holding `bytes` (level 6, as Go's pprof writer uses the default).
  public static func compress(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    guard czlib_deflate_init_gzip(&stream, Z_DEFAULT_COMPRESSION) == Z_OK else {
      preconditionFailure("zlib's deflateInit2 failed: out of memory")
    }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
    var status: Int32 = Z_OK
    bytes.withUnsafeBytes { input in
      output.withUnsafeMutableBytes { out in
        stream.next_in = UnsafeMutablePointer(
          mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(out.count)
        status = deflate(&stream, Z_FINISH)
      }
    }
    // deflateBound guarantees room for the whole stream in one call.
    precondition(status == Z_STREAM_END, "zlib's deflate did not finish: \(status)")
    output.removeSubrange(Int(stream.total_out)...)
    return output
  }

  /// What `compressedCount` bytes of gzip ending in `trailer` (their last 4 bytes) will likely
  /// inflate to. A gzip member ends with its uncompressed size mod 2^32 (ISIZE): for the usual
  /// single member that is the exact size. Otherwise the guess is 4x.
  public static func expectedSize(compressedCount: Int, trailer: some Collection<UInt8>) -> Int {
    guard compressedCount >= 18, trailer.count == 4 else { return compressedCount * 4 }
    let size = trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
    // ISIZE is the file's say-so: trust it only up to deflate's largest ratio (1032:1).
    guard size >= compressedCount / 2 else { return compressedCount * 4 }
    return min(size, compressedCount * 1032)
  }

  /// Inflates every gzip member in `compressed`, stopping with an error once the output would
  /// exceed `limit` bytes, so a small bomb never allocates more than `limit`.
  ///
  /// zlib writes straight into the result's storage, sized from the gzip trailer, with no
  /// intermediate buffer to fill, zero or copy.
  public static func decompress(_ compressed: [UInt8], limit: Int) throws(GzipError) -> [UInt8] {
    var stream = z_stream()
    guard czlib_inflate_init_gzip(&stream) == Z_OK else {
      throw GzipError(reason: .zlibUnavailable, offset: 0)
    }
    defer { inflateEnd(&stream) }

    let expected = expectedSize(
      compressedCount: compressed.count, trailer: compressed.suffix(min(compressed.count, 4)))
    // One byte more than the limit allowed, to tell "exactly the limit" from "more".
    var capacity = min(limit, max(expected, 1 << 16)) + 1
    var output: [UInt8] = []
    var consumed = 0
    while true {
      var outcome = InflateOutcome.full
      output = output.regrown(toCapacity: capacity) { buffer, count in
        outcome = inflate(&stream, compressed, consumed: &consumed, into: buffer, count: &count)
      }
      switch outcome {
      case .finished:
        guard output.count <= limit else {
          throw GzipError(reason: .tooLarge(limit: limit), offset: consumed)
        }
        return output
      case .failed(let error):
        throw error
      case .full:
        guard capacity <= limit else {
          throw GzipError(reason: .tooLarge(limit: limit), offset: consumed)
        }
        capacity = min(limit, 2 * capacity) + 1
      }
    }
  }

  private enum InflateOutcome {
    case finished, full, failed(GzipError)
  }

  /// Inflates from `compressed[consumed...]` into `buffer[count...]` until the stream ends,
  /// the buffer is full or the data is wrong; advances `consumed` and `count`.
  private static func inflate(
    _ stream: inout z_stream, _ compressed: [UInt8], consumed: inout Int,
    into buffer: UnsafeMutableBufferPointer<UInt8>, count: inout Int
  ) -> InflateOutcome {
    compressed.withUnsafeBufferPointer { input in
      while true {
        let room = min(buffer.count - count, Int(UInt32.max))
        let remaining = min(compressed.count - consumed, Int(UInt32.max))
        // zlib's next_in is not const-qualified; it never writes through it.
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.advanced(by: consumed))
        stream.avail_in = uInt(remaining)
        stream.next_out = buffer.baseAddress?.advanced(by: count)
        stream.avail_out = uInt(room)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        count += room - Int(stream.avail_out)
        consumed += remaining - Int(stream.avail_in)
        switch status {
        case Z_OK:
          if count == buffer.count { return .full }
        case Z_STREAM_END:
          let rest = compressed.count - consumed
          if rest == 0 { return .finished }
          guard rest >= 2, compressed[consumed] == 0x1f, compressed[consumed + 1] == 0x8b else {
            return .failed(GzipError(reason: .trailingData, offset: consumed))
          }
          guard inflateReset(&stream) == Z_OK else {
            return .failed(GzipError(reason: .zlibUnavailable, offset: consumed))
          }
        case Z_BUF_ERROR:
          // No progress possible: the output is full, or the input ended mid-stream.
          if count == buffer.count { return .full }
          return .failed(GzipError(reason: .truncated, offset: consumed))
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          return .failed(GzipError(reason: .corrupt(message: message), offset: consumed))
        }
      }
    }
  }
}
