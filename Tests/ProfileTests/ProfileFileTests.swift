import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

@Suite("ProfileFile")
struct ProfileFileTests {
  @Test("a pipe longer than the first buffer is read whole, and stops at the limit")
  func longPipe() throws {
    let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    #expect(try ProfileFile.read(path: Self.pipe(payload), limit: 1 << 30) == payload)
    #expect(throws: InputError.tooLarge(limit: 100_000)) {
      // 150,000 bytes: what the reader leaves unread fits in the pipe, so the writer finishes.
      try ProfileFile.read(path: Self.pipe(Array(payload[..<150_000])), limit: 100_000)
    }
  }

  /// A path reading `payload` from a pipe that a thread writes.
  static func pipe(_ payload: [UInt8]) -> String {
    let pipe = Pipe()
    Thread {
      try? pipe.fileHandleForWriting.write(contentsOf: Data(payload))
      try? pipe.fileHandleForWriting.close()
    }.start()
    return "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
  }

  @Test("a file of exactly the limit is read; one byte more is too large")
  func limit() throws {
    let path = Fixture.path("profiles/types/heap.pb.gz")
    let size = try Fixture.bytes(path).count
    #expect(try ProfileFile.read(path: path, limit: size).count == size)
    #expect(throws: InputError.tooLarge(limit: size - 1)) {
      try ProfileFile.read(path: path, limit: size - 1)
    }
  }
}
