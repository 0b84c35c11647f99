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

@Suite("File names by bytes")
struct FileNameTests {
  @Test("a name that is not UTF-8 survives the round trip to bytes, and is shown escaped")
  func roundTrip() {
    let cases: [[UInt8]] = [
      Array("heap.pb.gz".utf8),
      [0xff] + Array("goroutine.pb.gz".utf8),
      [0x63, 0x61, 0x66, 0xe9],  // "café" in Latin-1
      [0xe2, 0x82],  // a UTF-8 sequence cut short
      Array("\u{10FF41}".utf8),  // valid, but a scalar the encoding uses for bytes
      Array("ünïcödé/名前".utf8),
    ]
    for bytes in cases {
      #expect(FileName.bytes(FileName.string(bytes)) == bytes, "\(bytes)")
    }
    #expect(FileName.string(Array("ünïcödé/名前".utf8)) == "ünïcödé/名前")
    #expect(FileName.escaped(FileName.string([0x63, 0x61, 0x66, 0xe9])) == "caf\\xe9")
    #expect(FileName.escaped("a\nb\tc\u{1b}[31m\u{85}") == "a\\nb\\tc\\x1b[31m\\x85")
    #expect(ProfileFile.displayName("-") == "<stdin>")
  }
}
