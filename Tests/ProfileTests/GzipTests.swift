import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

@Suite("Gzip")
struct GzipTests {
  @Test("gzip is detected by its magic bytes, not by the file name")
  func detection() throws {
    #expect(Gzip.isGzip(try Fixture.bytes(Fixture.path("profiles/types/heap.pb.gz"))))
    #expect(!Gzip.isGzip(try Fixture.bytes(Fixture.path("profiles/types/heap.pb"))))
    #expect(!Gzip.isGzip([0x1f]))
  }

  @Test("inflating a fixture gives the plain protobuf; multi-member streams are joined")
  func inflate() throws {
    let plain = try Fixture.bytes(Fixture.path("profiles/types/heap.pb"))
    #expect(try Gzip.decompress(Fixture.bytes(Fixture.path("profiles/types/heap.pb.gz")), limit: 1 << 30) == plain)
    #expect(try Gzip.decompress(Fixture.bytes(Fixture.path("profiles/types/heap-multimember.pb.gz")), limit: 1 << 30) == plain)
  }

  @Test("output over the cap is an error, at exactly the cap it is not")
  func cap() throws {
    let compressed = try Fixture.bytes(Fixture.path("profiles/types/heap.pb.gz"))
    let size = try Gzip.decompress(compressed, limit: 1 << 30).count
    #expect(try Gzip.decompress(compressed, limit: size).count == size)
    let error = #expect(throws: GzipError.self) { try Gzip.decompress(compressed, limit: size - 1) }
    #expect(error?.reason == .tooLarge(limit: size - 1))
  }

  @Test("garbage after the last member is reported")
  func trailing() throws {
    let compressed = try Fixture.bytes(Fixture.path("profiles/types/heap.pb.gz")) + [0, 1, 2]
    let error = #expect(throws: GzipError.self) { try Gzip.decompress(compressed, limit: 1 << 30) }
    #expect(error?.reason == .trailingData)
  }

  @Test("a corrupt deflate stream names zlib's reason")
  func corrupt() throws {
    var compressed = try Fixture.bytes(Fixture.path("profiles/types/heap.pb.gz"))
    for index in 20..<60 { compressed[index] ^= 0x5a }
    let error = #expect(throws: GzipError.self) { try Gzip.decompress(compressed, limit: 1 << 30) }
    if case .corrupt = error?.reason {} else { Issue.record("expected corrupt, got \(String(describing: error))") }
  }
}
