import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// Every reference in a profile is checked, as pprof's postDecode and CheckValid do.
@Suite("Profile validation")
struct ProfileValidationTests {
  static func base() -> ProfileBuilder {
    var builder = ProfileBuilder()
    builder.addSample([("main.a", "a.go", 3), ("main.main", "main.go", 9)], values: [1, 10])
    return builder
  }

  static func reason(_ profile: Profile) -> ProfileDecodingError.Reason? {
    do {
      _ = try Profile(decoding: ProfileEncoder.encode(profile))
      return nil
    } catch {
      return error.reason
    }
  }

  @Test("a valid profile decodes")
  func valid() throws {
    #expect(Self.reason(Self.base().profile) == nil)
  }

  @Test("string_table[0] must be empty")
  func firstString() {
    var profile = Self.base().profile
    profile.stringTable[0] = "x"
    #expect(Self.reason(profile) == .nonEmptyFirstString)
  }

  @Test("a string index out of range is named with its field")
  func stringIndex() throws {
    var profile = Self.base().profile
    profile.functions[0].filename = StringID(500)
    let error = #expect(throws: ProfileDecodingError.self) {
      try Profile(decoding: ProfileEncoder.encode(profile))
    }
    #expect(error?.reason == .stringIndexOutOfRange(500, count: profile.stringTable.count))
    #expect(error?.field == "Function.filename")
    #expect((error?.offset ?? 0) > 0)
  }

  @Test("negative string indexes are out of range")
  func negativeString() {
    var profile = Self.base().profile
    profile.sampleTypes[0].unit = StringID(-1)
    #expect(Self.reason(profile) == .stringIndexOutOfRange(-1, count: profile.stringTable.count))
  }

  @Test("a sample naming a missing location")
  func missingLocation() {
    var profile = Self.base().profile
    profile.samples[0].locationIDs.append(77)
    #expect(Self.reason(profile) == .unknownLocationID(77))
  }

  @Test("a line naming a missing function")
  func missingFunction() {
    var profile = Self.base().profile
    profile.locations[0].lines[0].functionID = 9
    #expect(Self.reason(profile) == .unknownFunctionID(9))
  }

  @Test("a location naming a missing mapping")
  func missingMapping() {
    var profile = Self.base().profile
    profile.locations[0].mappingID = 4
    #expect(Self.reason(profile) == .unknownMappingID(4))
  }

  @Test("value count must match the sample types")
  func valueCount() {
    var profile = Self.base().profile
    profile.samples[0].values.append(3)
    #expect(Self.reason(profile) == .valueCountMismatch(found: 3, expected: 2))
  }

  @Test("samples need sample types")
  func noSampleTypes() {
    var profile = Self.base().profile
    profile.sampleTypes = []
    profile.samples[0].values = []
    #expect(Self.reason(profile) == .missingSampleTypes)
  }

  /// One location of 10,000 inlined lines, named 100 times by each of 400 samples: 400 M
  /// frames from a message of about 100 KB.
  static func overExpanding() -> Profile {
    var profile = Self.base().profile
    profile.locations[0].lines = Array(repeating: profile.locations[0].lines[0], count: 10_000)
    profile.samples = (0..<400).map { index in
      Sample(locationIDs: Array(repeating: 1, count: 100), values: [Int64(index), 1])
    }
    return profile
  }

  @Test("stacks that expand out of all proportion to the file are refused, on every path")
  func expansion() throws {
    var profile = Self.overExpanding()
    let samples = profile.samples
    for message in [ProfileEncoder.encode(profile), ProfileEncoder.encode(profile, packed: false)] {
      let error = #expect(throws: ProfileDecodingError.self) { try Profile(decoding: message) }
      guard case .tooManyFrames(let limit) = error?.reason else {
        Issue.record("expected tooManyFrames, got \(String(describing: error))")
        continue
      }
      #expect(limit == 32 * message.count)
      #expect(error?.field == "Sample.location_id")
      #expect(throws: ProfileDecodingError.self) { try Profile.decodingStacks(message) }
    }
    // One such sample, a million frames, is within the limit (32 per byte, of at least 64 KB).
    profile.samples = [samples[0]]
    #expect(Self.reason(profile) == nil)
  }

  @Test("ids are unique and non-zero")
  func ids() {
    var duplicate = Self.base().profile
    duplicate.locations[1].id = 1
    #expect(Self.reason(duplicate) == .duplicateID(1))
    var zero = Self.base().profile
    zero.functions[0].id = 0
    #expect(Self.reason(zero) == .reservedZeroID)
    var sparse = Self.base().profile
    sparse.locations[1].id = 1 << 40
    sparse.samples[0].locationIDs[1] = 1 << 40
    #expect(Self.reason(sparse) == nil)
  }

  @Test("an empty message and a missing string table are errors")
  func empty() {
    #expect(throws: ProfileDecodingError(.emptyProfile, offset: 0)) { try Profile(decoding: []) }
    #expect(throws: ProfileDecodingError(.emptyStringTable, offset: 0)) {
      try Profile(decoding: ProfileEncoder.int64Field(12, 5))
    }
  }
}
