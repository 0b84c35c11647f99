import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

@Suite("StackTable")
struct StackTableTests {
  @Test("the same stack in two profiles with different location ids gets one stack id")
  func identityIgnoresIDs() throws {
    var first = ProfileBuilder()
    first.addSample([("main.a", "a.go", 3), ("main.main", "main.go", 9)], values: [1, 10])
    var second = ProfileBuilder()
    second.addSample([("main.other", "o.go", 1)], values: [1, 1])
    second.addSample([("main.a", "a.go", 3), ("main.main", "main.go", 9)], values: [2, 20])
    var table = StackTable()
    let ids1 = table.add(try first.decoded())
    let ids2 = table.add(try second.decoded())
    #expect(ids1[0] == ids2[1])
    #expect(ids2[0] != ids2[1])
    #expect(table.resolve(ids1[0]) == [
      Frame(function: "main.a", file: "a.go", line: 3),
      Frame(function: "main.main", file: "main.go", line: 9),
    ])
  }

  @Test("a different line makes a different stack")
  func linesMatter() throws {
    var builder = ProfileBuilder()
    builder.addSample([("main.a", "a.go", 3)], values: [1, 1])
    builder.addSample([("main.a", "a.go", 4)], values: [1, 1])
    var table = StackTable()
    let ids = table.add(try builder.decoded())
    #expect(ids[0] != ids[1])
    #expect(table.frames.count == 2)
  }

  @Test("the leaky fixture's stranded goroutines resolve to longRunningTask, leaf first")
  func leakyStacks() throws {
    let profile = try Fixture.load("leaky/goroutine-08.pb.gz")
    let leaking = profile.samples.filter { sample in
      profile.frames(of: sample).contains { $0.function == "main.longRunningTask" }
    }
    #expect(leaking.count == 1)
    #expect((leaking.first?.values.first ?? 0) >= 200)
    let frames = profile.frames(of: try #require(leaking.first))
    #expect(frames.first?.function.hasPrefix("runtime.") == true)
    // Go's goroutine profiles stop at the goroutine's entry function (runtime.goexit is cut).
    #expect(frames.last?.function == "main.longRunningTask")
  }
}

@Suite("Packed samples and prepared stacks")
struct PackedSampleTests {
  @Test("samples read back as written; a profile's packed samples compare by content")
  func roundTrip() throws {
    let samples = [
      Sample(locationIDs: [1, 300, 70_000, UInt64.max], values: [0, -1, Int64.min, Int64.max]),
      Sample(locationIDs: [], values: [5], labels: [Label(key: StringID(1), str: StringID(2))]),
      Sample(
        locationIDs: [2], values: [7],
        labels: [Label(key: StringID(3), num: -9, numUnit: StringID(4)), Label(key: StringID(5))]),
    ]
    var profile = Profile()
    profile.samples = samples
    #expect(profile.samples == samples)
    #expect(profile.sampleCount == 3)
    var appended = Profile()
    for sample in samples { appended.appendSample(sample) }
    #expect(appended == profile)
    appended.samples[1].values[0] = 6
    #expect(appended != profile)
    var seen: [([UInt64], [Int64])] = []
    profile.forEachSample { ids, values, _ in seen.append((Array(ids), Array(values))) }
    #expect(seen.map(\.0) == samples.map(\.locationIDs))
    #expect(seen.map(\.1) == samples.map(\.values))
  }

  @Test("every fixture's samples decode as go tool pprof -raw lists them, however they are reached")
  func accessorsAgree() throws {
    for relative in Fixture.binaryProfiles {
      let profile = try Fixture.load(relative)
      var ids: [[UInt64]] = []
      var values: [[Int64]] = []
      profile.forEachSample { sampleIDs, sampleValues, _ in
        ids.append(Array(sampleIDs))
        values.append(Array(sampleValues))
      }
      #expect(ids == profile.samples.map(\.locationIDs), "\(relative)")
      #expect(values == profile.samples.map(\.values), "\(relative)")
      for index in profile.sampleTypes.indices {
        #expect(profile.total(ofValue: index) == values.reduce(0) { $0 &+ $1[index] }, "\(relative)")
      }
    }
  }

  @Test("decoding straight to prepared stacks interns the same stacks with the same values")
  func preparedStacksAgree() throws {
    for relative in Fixture.binaryProfiles {
      let path = Fixture.profiles.appendingPathComponent(relative).path
      var raw = try Fixture.bytes(path)
      if Gzip.isGzip(raw) { raw = try Gzip.decompress(raw, limit: 1 << 30) }
      let profile = try Profile(decoding: raw)
      let (withoutSamples, stacks) = try Profile.decodingStacks(raw)
      #expect(withoutSamples.sampleCount == 0, "\(relative)")
      var expected = profile
      expected.samples = []
      #expect(withoutSamples == expected, "\(relative)")
      #expect(stacks.sampleCount == profile.sampleCount, "\(relative)")

      // One table fed both ways, in turn: the second pass must find every stack of the first.
      var table = StackTable()
      var direct: [(StackTable.StackID, Bool, [Int64])] = []
      table.add(profile) { direct.append(($0, $1, Array($2))) }
      let stackCount = table.stackCount
      var prepared: [(StackTable.StackID, Bool, [Int64])] = []
      table.add(stacks) { prepared.append(($0, $1, Array($2))) }
      #expect(table.stackCount == stackCount, "\(relative)")
      #expect(prepared.map(\.0) == direct.map(\.0), "\(relative)")
      #expect(prepared.map(\.1) == direct.map(\.1), "\(relative)")
      #expect(prepared.map(\.2) == direct.map(\.2), "\(relative)")
      #expect(direct.map(\.1) == profile.samples.map { !$0.locationIDs.isEmpty }, "\(relative)")
      for (stack, sample) in zip(direct.map(\.0), profile.samples) {
        #expect(table.resolve(stack) == profile.frames(of: sample), "\(relative)")
      }
    }
  }

  @Test("a location of many lines elsewhere in the profile does not make every sample reserve for it")
  func sparseLongLocation() throws {
    var builder = ProfileBuilder()
    for index in 0..<200 {
      builder.addSample(
        (0..<50).map { ("main.f\($0)", "f.go", Int64($0 + index)) }, values: [1, Int64(index)])
    }
    var profile = builder.profile
    // One more location, of 20,000 inlined lines, that a single sample names.
    var long = profile.locations[0]
    long.id = UInt64(profile.locations.count + 1)
    long.lines = Array(repeating: long.lines[0], count: 20_000)
    profile.locations.append(long)
    var samples = profile.samples
    samples.append(Sample(locationIDs: [long.id], values: [1, 1]))
    profile.samples = samples
    let message = ProfileEncoder.encode(profile)
    let stacks = try Profile.decodingStacks(message).stacks
    let frames = 200 * 50 + 20_000
    #expect(stacks.sampleFrames.count == frames)
    // The bound of 50 locations x 20,000 lines per sample would be 200 M frames.
    #expect(stacks.sampleFrames.capacity < 4 * frames + message.count)
  }

  @Test("samples in other encodings than Go's take the general decoder and decode alike")
  func generalPath() throws {
    var builder = ProfileBuilder()
    builder.addSample([("main.a", "a.go", 3), ("main.main", "main.go", 9)], values: [1, 10])
    builder.addSample([("main.b", "b.go", 4)], values: [2, 20])
    let packed = try Profile(decoding: ProfileEncoder.encode(builder.profile))
    let unpacked = ProfileEncoder.encode(builder.profile, packed: false, withUnknownFields: true)
    #expect(try Profile(decoding: unpacked) == packed)
    var fromPacked = StackTable()
    var fromUnpacked = StackTable()
    let packedStacks = fromPacked.add(packed)
    var unpackedStacks: [StackTable.StackID] = []
    fromUnpacked.add(try Profile.decodingStacks(unpacked).stacks) { stack, _, _ in
      unpackedStacks.append(stack)
    }
    #expect(unpackedStacks == packedStacks)
    #expect(fromUnpacked.frames == fromPacked.frames)
  }
}
