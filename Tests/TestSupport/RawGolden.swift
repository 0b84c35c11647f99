/// What `go tool pprof -raw` printed for a fixture (Fixtures/golden/raw), parsed back into counts
/// and values so that decoding can be checked against the reference decoder.
public struct RawGolden {
  public var sampleTypes: [String] = []
  /// Each sample's values, in the order pprof printed them.
  public var sampleValues: [[Int64]] = []
  /// Each sample's number of locations.
  public var sampleDepths: [Int] = []
  /// Each sample's number of frames: its locations' lines, inlined calls included.
  public var sampleFrameCounts: [Int] = []
  public var locationCount = 0
  /// Lines of locations after their first: calls inlined into the next line.
  public var inlinedLineCount = 0
  /// Distinct (name, file, start line) triples named by the locations.
  public var functions: Set<String> = []
  public var mappingCount = 0
  public var period: Int64 = 0
  public var periodType = ""

  public init(_ text: String) {
    enum Section { case header, samples, locations, mappings }
    var section = Section.header
    var sawSampleHeader = false
    var sampleLocationIDs: [[Substring]] = []
    var linesByLocation: [Substring: Int] = [:]
    var lastLocation: Substring = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      switch line {
      case "Samples:": section = .samples; continue
      case "Locations": section = .locations; continue
      case "Mappings": section = .mappings; continue
      default: break
      }
      switch section {
      case .header:
        if line.hasPrefix("Period: ") { period = Int64(line.dropFirst(8)) ?? -1 }
        if line.hasPrefix("PeriodType: ") { periodType = String(line.dropFirst(12)) }
      case .samples:
        if !sawSampleHeader {
          sawSampleHeader = true
          sampleTypes = line.split(separator: " ").map {
            String($0.split(separator: "/").first ?? "")
          }
          continue
        }
        guard let colon = line.range(of: ": ") ?? line.range(of: ":"),
          !line.hasPrefix("                ")
        else { continue }
        let values = line[..<colon.lowerBound].split(separator: " ").compactMap { Int64($0) }
        let ids = line[colon.upperBound...].split(separator: " ")
        sampleValues.append(values)
        sampleDepths.append(ids.count)
        sampleLocationIDs.append(ids)
      case .locations:
        let trimmed = line.drop { $0 == " " }
        let frame: Substring
        if line.hasPrefix("             ") {
          frame = trimmed
          inlinedLineCount += 1
          linesByLocation[lastLocation, default: 0] += 1
        } else if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].allSatisfy(\.isNumber),
          !trimmed.isEmpty
        {
          locationCount += 1
          lastLocation = trimmed[..<colon]
          linesByLocation[lastLocation] = 1
          // "ID: 0xADDR M=1 name file:line s=N"
          let fields = trimmed[trimmed.index(after: colon)...].split(separator: " ")
          frame = fields.drop { $0.hasPrefix("0x") || $0.hasPrefix("M=") || $0 == "[F]" }
            .joined(separator: " ")[...]
        } else {
          continue
        }
        let parts = frame.split(separator: " ")
        if parts.count >= 3, let start = parts.last, start.hasPrefix("s=") {
          // "file:line", or "file:line:column" from newer pprof.
          var fields = parts[parts.count - 2].split(separator: ":", omittingEmptySubsequences: false)
          let numeric = fields.reversed().prefix { $0.allSatisfy(\.isNumber) && !$0.isEmpty }.count
          fields.removeLast(min(numeric, fields.count > 2 ? 2 : 1))
          let file = fields.joined(separator: ":")
          let name = parts[0..<(parts.count - 2)].joined(separator: " ")
          functions.insert("\(name)|\(file)|\(start.dropFirst(2))")
        }
      case .mappings:
        if line.first?.isNumber == true { mappingCount += 1 }
      }
    }
    sampleFrameCounts = sampleLocationIDs.map { $0.reduce(0) { $0 + (linesByLocation[$1] ?? 0) } }
  }
}
