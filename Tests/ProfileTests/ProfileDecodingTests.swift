import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

@Suite("Profile decoding")
struct ProfileDecodingTests {
  /// A fixture and its `go tool pprof -raw` golden.
  static let rawCases = Fixture.rawCases

  @Test("every binary fixture has a -raw golden")
  func everyFixtureHasRaw() {
    #expect(Self.rawCases.count >= Fixture.binaryProfiles.count - 1)
    #expect(!Self.rawCases.isEmpty)
  }

  @Test("decoding agrees with go tool pprof -raw", arguments: rawCases)
  func matchesRaw(_ fixture: String) throws {
    let profile = try Fixture.load(fixture)
    let golden = RawGolden(
      try Fixture.text(Fixture.golden.appendingPathComponent("raw/\(Fixture.stem(fixture)).txt")))
    // Go 1.19's pprof prints the profile after merging it into itself (samples whose values
    // are all zero go, and samples with the same locations and labels merge: Go's heap profile
    // can hold two buckets of one stack whose average sizes agree) and after applying focus
    // (samples with no locations go); mappings are the first one plus those the kept samples'
    // locations use. Newer pprof (the goldens of the Go 1.21–1.27 fixtures are each version's
    // own) prints the samples as they are, and every mapping.
    let asWritten = !Fixture.isFromSystemGo(fixture)
    var merged: [String: Sample] = [:]
    var order: [String] = []
    for (index, sample) in profile.samples.enumerated() where asWritten || !sample.locationIDs.isEmpty {
      let labels = sample.labels.map {
        "\(profile.string($0.key))=\(profile.string($0.str))/\($0.num)\(profile.string($0.numUnit))"
      }.sorted()
      let key = "\(sample.locationIDs) \(labels)" + (asWritten ? " #\(index)" : "")
      if var existing = merged[key] {
        for index in existing.values.indices { existing.values[index] += sample.values[index] }
        merged[key] = existing
      } else {
        merged[key] = sample
        order.append(key)
      }
    }
    let samples = order.compactMap { merged[$0] }.filter { asWritten || $0.values.contains { $0 != 0 } }
    var usedMappings = Set(profile.mappings.prefix(1).map(\.id))
    var usedLocations = Set<UInt64>()
    var functions = Set<String>()
    for sample in samples {
      for id in sample.locationIDs where usedLocations.insert(id).inserted {
        let location = try #require(profile.locationIndex(of: id).map { profile.locations[$0] })
        if location.mappingID != 0 { usedMappings.insert(location.mappingID) }
        for line in location.lines {
          let function = try #require(profile.functionIndex(of: line.functionID).map { profile.functions[$0] })
          functions.insert(
            "\(profile.string(function.name))|\(profile.string(function.filename))|\(function.startLine)")
        }
      }
    }
    #expect(profile.sampleTypeNames == golden.sampleTypes)
    #expect(samples.count == golden.sampleValues.count)
    #expect(usedLocations.count == golden.locationCount)
    #expect((asWritten ? profile.mappings.count : usedMappings.count) == golden.mappingCount)
    #expect(profile.period == golden.period)
    #expect(functions == golden.functions, "\(functions.symmetricDifference(golden.functions))")
    // Values and stack depths, as multisets.
    let ours = samples.map { "\($0.values) \($0.locationIDs.count)" }.sorted()
    let theirs = zip(golden.sampleValues, golden.sampleDepths).map { "\($0) \($1)" }.sorted()
    #expect(ours == theirs)
  }

  @Test("plain, gzip and multi-member gzip inputs decode to the same profile")
  func compressionVariants() throws {
    let gzip = try Fixture.load("types/heap.pb.gz")
    #expect(try Fixture.load("types/heap.pb") == gzip)
    #expect(try Fixture.load("types/heap-multimember.pb.gz") == gzip)
  }

  @Test("packed and unpacked repeated fields, and unknown fields, decode alike")
  func encodings() throws {
    let original = try Fixture.load("leaky/goroutine-02.pb.gz")
    for packed in [true, false] {
      for unknown in [false, true] {
        let bytes = ProfileEncoder.encode(original, packed: packed, withUnknownFields: unknown)
        #expect(try Profile(decoding: bytes) == original, "packed \(packed) unknown \(unknown)")
      }
    }
  }

  @Test("a known field with the wrong wire type is an error at its offset")
  func wrongWireType() {
    // Profile.time_nanos (9) sent as length-delimited.
    let bytes = ProfileEncoder.bytesField(6, []) + ProfileEncoder.bytesField(9, [1, 2])
    let error = #expect(throws: ProfileDecodingError.self) { try Profile(decoding: bytes) }
    #expect(error?.reason == .wireTypeMismatch(expected: .varint, found: .lengthDelimited))
    #expect(error?.field == "Profile.time_nanos")
    // Bytes 0-1 are the string table, 2 is the key; decoding stops at the value, byte 3.
    #expect(error?.offset == 3)
  }

  @Test("a varint over 10 bytes reports its byte offset")
  func overlongVarint() {
    // Profile.time_nanos (9, varint) with 11 bytes of varint.
    let bytes: [UInt8] = [0x48] + [UInt8](repeating: 0xff, count: 10) + [0x01]
    let error = #expect(throws: ProfileDecodingError.self) { try Profile(decoding: bytes) }
    #expect(error?.reason == .overlongVarint)
    #expect(error?.offset == 1)
  }

  @Test("a length past the end of the message is an error, not a read past the buffer")
  func lengthOutOfRange() {
    let bytes: [UInt8] = [0x12, 0x7f, 0x00]
    let error = #expect(throws: ProfileDecodingError.self) { try Profile(decoding: bytes) }
    #expect(error?.reason == .lengthOutOfRange(127))
    #expect(error?.field == "Profile.sample")
  }

  @Test("two time_nanos fields mean concatenated profiles")
  func concatenated() {
    let bytes = ProfileEncoder.int64Field(9, 1) + ProfileEncoder.int64Field(9, 2)
    let error = #expect(throws: ProfileDecodingError.self) { try Profile(decoding: bytes) }
    #expect(error?.reason == .concatenatedProfiles)
  }

  @Test("group wire types are rejected")
  func groups() {
    let error = #expect(throws: ProfileDecodingError.self) {
      try Profile(decoding: ProfileEncoder.key(2, 3))
    }
    #expect(error?.reason == .invalidWireType(3))
  }

  @Test("all profile.proto fields round-trip")
  func roundTrip() throws {
    var builder = ProfileBuilder()
    builder.addSample([("main.leaf", "main.go", 10), ("main.main", "main.go", 3)], values: [1, 512])
    var profile = builder.profile
    let comment = builder.string("a comment")
    profile = builder.profile
    profile.comments = [comment]
    profile.timeNanos = 1_700_000_000_000_000_000
    profile.durationNanos = 5
    profile.period = 524_288
    profile.periodType = profile.sampleTypes[1]
    profile.defaultSampleType = profile.sampleTypes[1].type
    profile.dropFrames = comment
    profile.keepFrames = comment
    profile.docURL = comment
    var mapping = Mapping()
    mapping.id = 1
    mapping.memoryStart = 0x400000
    mapping.memoryLimit = 0x800000
    mapping.fileOffset = 4096
    mapping.filename = comment
    mapping.buildID = comment
    mapping.hasFunctions = true
    mapping.hasFilenames = true
    mapping.hasLineNumbers = true
    mapping.hasInlineFrames = true
    profile.mappings = [mapping]
    profile.locations[0].mappingID = 1
    profile.locations[0].address = 0x401000
    profile.locations[0].isFolded = true
    profile.locations[0].lines.append(Line(functionID: 2, line: 7, column: 9))
    profile.functions[0].systemName = comment
    profile.functions[0].startLine = 8
    profile.samples[0].labels = [
      Label(key: comment, str: comment), Label(key: comment, num: -3, numUnit: comment),
    ]
    let decoded = try Profile(decoding: ProfileEncoder.encode(profile))
    #expect(decoded == profile)
  }
}
