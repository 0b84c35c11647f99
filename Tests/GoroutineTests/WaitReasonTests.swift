import Testing
import TestSupport
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile

/// A traceback's wait reason travels as a field: the sample label `Profile.waitReasonLabel`,
/// which `PreparedStacks` and `StackTable` key stacks by, never as a frame.
@Suite("Wait reasons as a field of the stack")
struct WaitReasonTests {
  static func sigquit() throws -> GoroutineDump {
    try #require(try GoroutineDump.parseAll(Fixture.bytes(Fixture.path("profiles/dumps/sigquit.txt"))).first)
  }

  /// Every stack of `stacks` as its frames' names and its wait reason.
  static func stacks(_ stacks: PreparedStacks) -> [String] {
    var table = StackTable()
    var ids: [StackTable.StackID] = []
    table.add(stacks) { stack, _, _ in ids.append(stack) }
    return ids.map { table.resolve($0).map(\.function).joined(separator: " ") + " [\(table.waitReason(of: $0) ?? "-")]" }
  }

  @Test("a dump's profile names only real functions; each group's wait reason is its sample's label")
  func label() throws {
    let dump = try Self.sigquit()
    let profile = Profile(goroutineDump: dump)
    #expect(!profile.functions.contains { profile.string($0.name).hasPrefix("[") })
    let reasons = profile.samples.map { sample in
      sample.labels.first { profile.string($0.key) == Profile.waitReasonLabel }.map { profile.string($0.str) } ?? ""
    }
    #expect(reasons == dump.groups.map(\.waitReason))
    #expect(reasons.contains("chan send") && reasons.contains("semacquire"))
    var table = StackTable()
    let ids = table.add(profile)
    #expect(ids.map { table.waitReason(of: $0) ?? "" } == reasons)
    #expect(Set(table.waitReasons) == Set(reasons.filter { !$0.isEmpty }))
  }

  @Test("the same frames in two waits are two stacks, whichever way the profile is read")
  func keyed() throws {
    var dump = try Self.sigquit()
    // One real group again, waiting on something else.
    var other = try #require(dump.groups.first { $0.waitReason == "chan send" })
    other.waitReason = "select"
    dump.groups.append(other)
    let profile = Profile(goroutineDump: dump)
    let inMemory = Self.stacks(PreparedStacks(profile))
    #expect(Set(inMemory).count == dump.groups.count)
    let frames = try #require(inMemory.first { $0.hasSuffix("[chan send]") }?.dropLast(" [chan send]".count))
    #expect(inMemory.contains(frames + " [select]"))
    // Encoded and decoded: the decoder's own path to prepared stacks, and the sample store's.
    let bytes = profile.encoded()
    #expect(Self.stacks(try Profile.decodingStacks(bytes).stacks) == inMemory)
    #expect(Self.stacks(PreparedStacks(try Profile(decoding: bytes))) == inMemory)
  }

  @Test("a binary goroutine profile has no wait reasons, and its stacks are what they were")
  func binary() throws {
    let profile = try Fixture.load("scenarios/blocked-send/new.goroutine.pb.gz")
    var table = StackTable()
    let ids = table.add(profile)
    #expect(table.waitReasons.isEmpty)
    #expect(ids.allSatisfy { table.waitReason(of: $0) == nil })
    #expect(Set(ids).count == Set(profile.samples.map(profile.frames(of:))).count)
  }

  @Test("read as the runtime's leak check, a profile that carries wait reasons keeps them")
  func leakCheck() throws {
    let path = Fixture.path("profiles/go1.27/text/goroutineleak-08.debug2.txt")
    let dump = try #require(try GoroutineDump.parseAll(Fixture.bytes(path)).first)
    let reread = GoroutineDump(goroutineleak: Profile(goroutineDump: dump))
    #expect(reread.groups.map(\.waitReason).sorted() == dump.groups.map(\.waitReason).sorted())
    #expect(reread.groups.contains { $0.waitReason == "chan send" })
  }
}
