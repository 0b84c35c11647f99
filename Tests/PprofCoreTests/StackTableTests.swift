import Testing
@testable import PprofCore

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
