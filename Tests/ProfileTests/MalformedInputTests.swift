import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// Bad input gets a typed error that names the problem, never a crash, trap or hang.
@Suite("Malformed input")
struct MalformedInputTests {
  /// Each file in Fixtures/malformed and the words its error must contain.
  static let cases: [(file: String, message: String)] = [
    ("empty.pb.gz", "empty input"),
    ("random.bin", "not a pprof protobuf profile?"),
    ("truncated.pb.gz", "truncated gzip data"),
    ("truncated-proto.pb", "truncated"),
    ("not-a-profile.gz", "(decompressed)"),
    ("varint-overlong.pb", "varint longer than 10 bytes"),
    ("string-index-out-of-range.pb", "string index 99999 out of range"),
    ("missing-function-id.pb", "line names function id 99999, which does not exist"),
    ("legacy-cpu.prof", "a CPU profile in the legacy format runtime/pprof wrote before Go 1.9"),
  ]

  @Test("each malformed fixture fails with a message naming the problem", arguments: cases)
  func malformed(file: String, message: String) {
    let path = Fixture.malformed.appendingPathComponent(file).path
    let error = #expect(throws: ProfileLoadError.self) { try ProfileLoader().load(path: path) }
    let description = error?.description ?? ""
    #expect(description.hasPrefix(path + ": "), "\(description)")
    #expect(description.contains(message), "\(description)")
    #expect(!description.contains("\n"))
  }

  @Test("a profile whose stacks expand out of proportion fails in one line, for top and trend alike")
  func overExpanding() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("expansion-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("expanding.pb.gz").path
    try Data(ProfileValidationTests.overExpanding().encodedGzip()).write(to: URL(fileURLWithPath: path))
    let loader = ProfileLoader()
    for error in [
      #expect(throws: ProfileLoadError.self) { try loader.loadSnapshots(path: path) },
      #expect(throws: ProfileLoadError.self) { try loader.loadPrepared(path: path) },
    ] {
      let description = error?.description ?? ""
      #expect(description.hasPrefix(path + ": byte "), "\(description)")
      #expect(description.contains("the samples' stacks expand to more than"), "\(description)")
      #expect(!description.contains("\n"))
    }
  }

  @Test("a gzip bomb stops at the decompression cap")
  func bomb() {
    let path = Fixture.malformed.appendingPathComponent("bomb.pb.gz").path
    let loader = ProfileLoader(maxDecompressedSize: 1 << 20)
    let error = #expect(throws: ProfileLoadError.self) { try loader.load(path: path) }
    #expect(error?.stage == .gzip(GzipError(reason: .tooLarge(limit: 1 << 20), offset: error.map {
      if case .gzip(let gzip) = $0.stage { return gzip.offset } else { return -1 }
    } ?? -1)))
    #expect(error?.description.contains("decompresses to more than 1 MiB") == true)
  }

  @Test("a directory, a missing file and an unreadable file are input errors")
  func paths() {
    let loader = ProfileLoader()
    let directory = #expect(throws: ProfileLoadError.self) {
      try loader.load(path: Fixture.profiles.path)
    }
    #expect(directory?.stage == .input(.isDirectory))
    let missing = #expect(throws: ProfileLoadError.self) {
      try loader.load(path: "/nonexistent/heap.pb.gz")
    }
    #expect(missing?.stage == .input(.notFound))
    #expect(missing?.description == "/nonexistent/heap.pb.gz: no such file")
    // Opening /proc/self/mem works, reading its first page fails (EIO), even for root.
    let unreadable = #expect(throws: ProfileLoadError.self) {
      try loader.load(path: "/proc/self/mem")
    }
    #expect(unreadable?.description.contains("cannot read") == true)
  }

  @Test("an endless input stops at the size cap instead of hanging")
  func endless() {
    let loader = ProfileLoader(maxDecompressedSize: 1 << 20)
    let error = #expect(throws: ProfileLoadError.self) { try loader.load(path: "/dev/zero") }
    #expect(error?.stage == .input(.tooLarge(limit: 1 << 20)))
  }

  @Test("every prefix of a real profile decodes or fails with a typed error")
  func prefixes() throws {
    let compressed = try Fixture.bytes(Fixture.profiles.appendingPathComponent("leaky/goroutine-01.pb.gz").path)
    let plain = try Gzip.decompress(compressed, limit: 1 << 30)
    var failures = 0
    for length in 0..<plain.count {
      do {
        _ = try Profile(decoding: Array(plain[0..<length]))
      } catch {
        failures += 1
      }
    }
    // Most prefixes cut a field; none may crash.
    #expect(failures > plain.count / 2)
    for length in 0..<compressed.count {
      #expect(throws: (any Error).self) {
        _ = try ProfileLoader().decode(Array(compressed[0..<length]), path: "prefix")
      }
    }
  }

  @Test("every single-byte change of a real profile decodes or fails with a typed error")
  func mutations() throws {
    let plain = try Fixture.bytes(Fixture.profiles.appendingPathComponent("types/threadcreate.pb.gz").path)
    let message = try Gzip.decompress(plain, limit: 1 << 30)
    var decoded = 0
    var failed = 0
    for index in message.indices {
      for replacement: UInt8 in [0x00, 0x01, 0x7f, 0x80, 0xff, message[index] ^ 0x08] {
        var mutated = message
        mutated[index] = replacement
        do {
          let profile = try Profile(decoding: mutated)
          var table = StackTable()
          _ = table.add(profile)
          for type in profile.sampleTypes.indices {
            _ = try TopReport(profile: profile, options: .init(sampleIndex: String(type)))
          }
          decoded += 1
        } catch is ProfileDecodingError {
          failed += 1
        }
      }
    }
    #expect(decoded > 0)
    #expect(failed > 0)
  }

  @Test("there is a saved crash to replay")
  func fuzzRegressionsExist() throws {
    #expect(Fixture.fuzzFailureFiles.contains("expanding-stacks.pb"))
    let bytes = try Fixture.bytes(Fixture.fuzzFailures.appendingPathComponent("expanding-stacks.pb").path)
    let error = #expect(throws: ProfileDecodingError.self) { try Profile(decoding: bytes) }
    guard case .tooManyFrames = error?.reason else {
      Issue.record("expected tooManyFrames, got \(String(describing: error))")
      return
    }
  }

  @Test("saved fuzzer crashes stay fixed", arguments: Fixture.fuzzFailureFiles)
  func fuzzRegressions(_ file: String) throws {
    let bytes = try Fixture.bytes(Fixture.fuzzFailures.appendingPathComponent(file).path)
    if let profile = try? ProfileLoader(maxDecompressedSize: 8 << 20).decode(bytes, path: file) {
      var table = StackTable()
      _ = table.add(profile)
      for type in profile.sampleTypes.indices {
        _ = TopTextRenderer.render(
          try TopReport(profile: profile, options: .init(sampleIndex: String(type))))
      }
    }
  }
}

extension Fixture {
  static let fuzzFailureFiles: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: fuzzFailures.path)) ?? [])
    .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") && !$0.hasSuffix(".py") }.sorted()
}

@Suite("Hostile strings in a profile")
struct HostileStringTests {
  /// A profile whose function and file names carry a terminal's escape sequences and a newline.
  static func hostile() -> ProfileBuilder {
    var builder = ProfileBuilder(sampleTypes: [("goroutine", "count")])
    builder.addSample(
      [("main.evil\u{1b}]0;pwned\u{07}\u{1b}[31m", "/src/ev\nil.go", 10), ("main.main", "/src/main.go", 5)],
      values: [5])
    return builder
  }

  @Test("control characters in a profile's strings are written out when it is decoded")
  func controlCharactersWrittenOut() throws {
    let profile = try Self.hostile().decoded()
    let names = profile.functions.map { profile.string($0.name) }
    #expect(names.contains("main.evil\\x1b]0;pwned\\x07\\x1b[31m"))
    #expect(profile.functions.map { profile.string($0.filename) }.contains("/src/ev\\nil.go"))
    #expect(!profile.stringTable.contains { $0.unicodeScalars.contains(where: \.isControlCharacter) })
    // Text without control characters is kept as it is, accents and all.
    #expect(Profile.tableString(ArraySlice("main.café/名前".utf8)) == "main.café/名前")
  }
}
