import PprofProfile

/// One leak, one finding: heap that a goroutine leak explains is folded into the goroutine
/// finding, and an unclosed body's goroutines take the line of the request that made them.
extension FindingDetector {
  /// A companion of `matches` (heap findings of one series, whose values are summed): their
  /// growth per unit of `perGrowth`, the goroutine finding's growth over the series.
  static func companion(of matches: [Finding], hours: [Double], perGrowth: Double) -> Finding.Companion? {
    guard let first = matches.first, hours.count == first.values.count else { return nil }
    var values = first.values
    for match in matches.dropFirst() where match.values.count == values.count {
      for step in values.indices { values[step] &+= match.values[step] }
    }
    let statistics = GrowthStatistics(values: values, hours: hours)
    let span = (hours.last ?? 0) - (hours.first ?? 0)
    return Finding.Companion(
      kind: first.profileKind, sampleType: first.sampleType, sampleUnit: first.sampleUnit,
      values: values, statistics: statistics, perUnit: statistics.slopePerHour * span / perGrowth)
  }

  /// Heap that only the runtime's goroutine bookkeeping explains (descriptors and stacks of new
  /// goroutines) joins the goroutine finding that grows most, leaks first; with no goroutine
  /// finding growing it stands alone, with a note saying what it is.
  static func foldGoroutineMemory(into goroutine: inout [Finding], heap: inout [Finding], hours: [Double]) {
    let isBookkeeping = { (finding: Finding) in
      finding.responsible == nil && (finding.trend?.trendGrowth ?? 0) > 0
        && LeakSignatures.isGoroutineBookkeeping(finding.stack)
    }
    let memory = heap.filter(isBookkeeping)
    guard !memory.isEmpty else { return }
    let growing = goroutine.indices.filter { (goroutine[$0].trend?.trendGrowth ?? 0) > 0 }
    let target = growing.max { left, right in
      (goroutine[left].severity, goroutine[left].trend?.trendGrowth ?? 0)
        < (goroutine[right].severity, goroutine[right].trend?.trendGrowth ?? 0)
    }
    guard let target, let growth = goroutine[target].trend?.trendGrowth,
      let companion = companion(of: memory, hours: hours, perGrowth: growth)
    else {
      for index in heap.indices where isBookkeeping(heap[index]) { noteBookkeeping(&heap[index]) }
      return
    }
    heap.removeAll(where: isBookkeeping)
    goroutine[target].goroutineMemory = companion
  }

  /// An unclosed-http-body finding whose goroutines hold no frame of the user's code takes the
  /// line that made the requests: the user frame of growing heap stacks through the HTTP
  /// client (`Client.Get`, `Do`, …). That heap, and the heap of the connections themselves
  /// (under `Transport.dialConn`, no user frame), become its companion, when it has none.
  static func attributeUnclosedBodies(_ goroutine: inout [Finding], heap: inout [Finding], hours: [Double]) {
    let callsClient = { (finding: Finding) in
      finding.responsible != nil && (finding.trend?.trendGrowth ?? 0) > 0
        && finding.stack.contains { LeakSignatures.httpClientCalls.contains($0.function) }
    }
    for index in goroutine.indices
    where goroutine[index].pattern == .unclosedHTTPBody && goroutine[index].responsible == nil {
      let calls = heap.filter(callsClient)
      guard let growth = goroutine[index].trend?.trendGrowth, growth > 0,
        let top = calls.max(by: { ($0.trend?.trendGrowth ?? 0) < ($1.trend?.trendGrowth ?? 0) }),
        let site = top.responsible
      else { continue }
      let isConnection = { (finding: Finding) in
        finding.pattern == .unclosedHTTPBody && finding.responsible == nil && (finding.trend?.trendGrowth ?? 0) > 0
      }
      let fromSite = calls.filter { $0.responsible == site } + heap.filter(isConnection)
      heap.removeAll { (callsClient($0) && $0.responsible == site) || isConnection($0) }
      let call = top.stack.last { LeakSignatures.httpClientCalls.contains($0.function) }?.function ?? "the HTTP client"
      goroutine[index].responsible = site
      goroutine[index].attributionNote =
        "the requests were made here: heap under \(call) from this line grows with the connections' "
        + "goroutines; close each response's body"
      if goroutine[index].companion == nil {
        goroutine[index].companion = companion(of: fromSite, hours: hours, perGrowth: growth)
      }
      goroutine[index].severity = max(goroutine[index].severity, fromSite.map(\.severity).max() ?? .info)
    }
  }
}
