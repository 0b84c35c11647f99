import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

@Suite("Measurement")
struct MeasurementTests {
  @Test("values scale to the units pprof prints", arguments: [
    (Int64(1_572_864), "bytes", "minimum", "1.50MB"),
    (Int64(1024), "bytes", "kB", "1kB"),
    (Int64(512), "bytes", "MB", "0"),
    (Int64(-2048), "bytes", "kB", "-2kB"),
    (Int64(25), "count", "count", "25"),
    (Int64(10_000_000), "nanoseconds", "ms", "10ms"),
    (Int64(1_234_567_890), "nanoseconds", "auto", "1.23s"),
  ])
  func scaledLabel(value: Int64, from: String, to: String, expected: String) {
    #expect(Measurement.scaledLabel(value, from: from, to: to) == expected)
  }

  @Test("percentages are padded like pprof's")
  func percentage() {
    #expect(Measurement.percentage(1, of: 1) == "  100%")
    #expect(Measurement.percentage(1, of: 8) == "12.50%")
    #expect(Measurement.percentage(1, of: 200) == "  0.5%")
    #expect(Measurement.percentage(1, of: 100_000) == "0.001%")
    #expect(Measurement.percentage(0, of: 0) == "    0%")
  }
}
