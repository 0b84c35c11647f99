import Foundation
import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// `top` must print what `go tool pprof -top` prints on the same file (Fixtures/golden/top*,
/// written by Fixtures/regen), apart from the File/Build ID/Time lines.
@Suite("TopReport")
struct TopReportTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var golden: String
    var fixture: String
    var options: TopReport.Options
    var testDescription: String { golden }
  }

  static func fixture(forStem stem: String) -> String? {
    Fixture.binaryProfiles.first { Fixture.stem($0) == stem }
  }

  /// top/<stem>.<sample_type>.txt: every sample type of every binary fixture.
  static let sampleTypeCases: [Case] = Fixture.goldens("top").compactMap { name in
    let base = String(name.dropLast(4))
    guard let dot = base.lastIndex(of: ".") else { return nil }
    let stem = String(base[..<dot])
    let sampleType = String(base[base.index(after: dot)...])
    guard let fixture = fixture(forStem: stem) else { return nil }
    return Case(
      golden: "top/" + name, fixture: fixture, options: .init(sampleIndex: sampleType))
  }

  /// top-cum/<stem>.txt and top-nodecount/<stem>.txt (nodecount 3).
  static let optionCases: [Case] =
    Fixture.goldens("top-cum").compactMap { name in
      fixture(forStem: String(name.dropLast(4))).map {
        Case(golden: "top-cum/" + name, fixture: $0, options: .init(sortByCum: true))
      }
    }
    + Fixture.goldens("top-nodecount").compactMap { name in
      fixture(forStem: String(name.dropLast(4))).map {
        Case(golden: "top-nodecount/" + name, fixture: $0, options: .init(nodeCount: 3))
      }
    }

  @Test("there is a golden for every sample type of every binary fixture")
  func goldensCoverEveryFixture() throws {
    #expect(Fixture.binaryProfiles.count >= 20)
    for fixture in Fixture.binaryProfiles where !fixture.contains("multimember") {
      let profile = try Fixture.load(fixture)
      for type in profile.sampleTypeNames {
        let golden = "top/\(Fixture.stem(fixture)).\(type).txt"
        #expect(
          Self.sampleTypeCases.contains { $0.golden == golden }, "no golden \(golden)")
      }
    }
    #expect(Self.optionCases.count >= 2 * (Fixture.binaryProfiles.count - 1))
  }

  @Test("top equals go tool pprof -top", arguments: sampleTypeCases + optionCases)
  func matchesPprof(_ testCase: Case) throws {
    let profile = try Fixture.load(testCase.fixture)
    let report = try TopReport(profile: profile, options: testCase.options)
    let expected = try Fixture.text(Fixture.golden.appendingPathComponent(testCase.golden))
    let actual = TopTextRenderer.render(report)
    #expect(Fixture.withoutVolatileLines(actual) == Fixture.withoutVolatileLines(expected))
  }

  @Test("heap profiles default to inuse_space and allocs profiles to alloc_space")
  func defaultSampleType() throws {
    #expect(try TopReport(profile: Fixture.load("types/heap.pb.gz")).sampleType == "inuse_space")
    #expect(try TopReport(profile: Fixture.load("types/allocs.pb.gz")).sampleType == "alloc_space")
  }

  @Test("an unknown sample type names the available ones")
  func unknownSampleType() throws {
    let profile = try Fixture.load("types/heap.pb.gz")
    let error = #expect(throws: SampleIndexError.self) {
      try TopReport(profile: profile, options: .init(sampleIndex: "inuse_bytes"))
    }
    #expect(error?.description.contains("alloc_objects, alloc_space, inuse_objects, inuse_space") == true)
    #expect(throws: SampleIndexError.self) {
      try TopReport(profile: profile, options: .init(sampleIndex: "4"))
    }
    #expect(try TopReport(profile: profile, options: .init(sampleIndex: "0")).sampleType == "alloc_objects")
  }

  @Test("JSON output carries the same rows and totals")
  func json() throws {
    let report = try TopReport(profile: Fixture.load("leaky/goroutine-08.pb.gz"))
    let text = try TopJSONRenderer.render(report, path: "g.pb.gz")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "pprof-leak/top")
    #expect(object["schemaVersion"] as? Int == 1)
    #expect((object["total"] as? NSNumber)?.int64Value == report.total)
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows.count == report.rows.count)
    #expect(rows.first?["function"] as? String == report.rows.first?.name)
  }
}

@Suite("TopReport on hostile values")
struct TopReportHostileTests {
  @Test("extreme sample values wrap as in pprof instead of trapping")
  func extremes() throws {
    var builder = ProfileBuilder(sampleTypes: [("cpu", "nanoseconds")])
    builder.addSample([("main.a", "a.go", 1)], values: [Int64.max])
    builder.addSample([("main.a", "a.go", 1), ("main.b", "b.go", 2)], values: [Int64.max])
    builder.addSample([("main.c", "c.go", 3)], values: [Int64.min])
    var profile = try builder.decoded()
    profile.durationNanos = 1
    let report = try TopReport(profile: profile)
    let text = TopTextRenderer.render(report)
    #expect(text.contains("Showing nodes accounting for"))
    _ = try TopJSONRenderer.render(report, path: "x")
  }
}

extension TopReportHostileTests {
  @Test("a profile without sample types says there is nothing to show")
  func noSampleTypes() throws {
    var builder = ProfileBuilder(sampleTypes: [])
    builder.profile.period = 1
    let profile = try builder.decoded()
    let error = #expect(throws: SampleIndexError.self) { try TopReport(profile: profile) }
    #expect(error?.description == "the profile has no sample types: there is nothing to show")
  }
}
