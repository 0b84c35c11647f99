// libFuzzer entry point over the whole input pipeline: goroutine text dumps (log prefixes cut,
// parsed, made into a profile, the blocked report), Go's other debug=1 pages; gunzip (when the bytes say gzip), decode,
// validate, decoding straight to prepared stacks (checked against the general decoder), then
// the stages that walk a decoded profile (stack interning, the top report, and
// diff with leak detection, of the profile against itself and against an empty copy, and a
// trend over six copies whose values grow).
// Built by scripts/fuzz.sh together with the PprofCore sources, in one module.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // Goroutine text dumps: any bytes, read as text, then what top shows of a traceback.
  for dump in (try? GoroutineDump.parseAll(bytes)) ?? [] {
    let profile = Profile(goroutineDump: dump)
    if let report = try? TopReport(profile: profile, options: TopReport.Options()) {
      _ = TopTextRenderer.render(report)
    }
    let blocked = BlockedReport(dump: dump, path: "fuzz")
    _ = BlockedTextRenderer(colour: false).render(blocked)
  }
  // Go's other debug=1 pages (heap, allocs, mutex, block), read as pprof's legacy parser does.
  if LegacyTextProfile.isPage(bytes), let page = try? LegacyTextProfile.parse(bytes) {
    for index in page.sampleTypes.indices {
      if let report = try? TopReport(profile: page, options: TopReport.Options(sampleIndex: String(index))) {
        _ = TopTextRenderer.render(report)
      }
    }
  }
  // A small cap keeps a gzip bomb from spending the fuzzer's time and memory; inflated once,
  // for both decoders.
  let message = Gzip.isGzip(bytes) ? try? Gzip.decompress(bytes, limit: 8 << 20) : bytes
  let profile = message.flatMap { try? Profile(decoding: $0) }
  // Decoding straight to prepared stacks (the fast path for Go-encoded samples) must accept
  // exactly what the general decoder accepts, and give the same stacks and values.
  let prepared = message.flatMap { try? Profile.decodingStacks($0) }
  precondition((prepared != nil) == (profile != nil), "decodingStacks and init(decoding:) disagree")
  guard let profile, let prepared else { return 0 }
  var table = StackTable()
  var direct: [(StackTable.StackID, Bool, [Int64])] = []
  table.add(profile) { direct.append(($0, $1, Array($2))) }
  var fromPrepared = StackTable()
  var viaStacks: [(StackTable.StackID, Bool, [Int64])] = []
  fromPrepared.add(prepared.stacks) { viaStacks.append(($0, $1, Array($2))) }
  precondition(
    direct.elementsEqual(viaStacks) { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 },
    "prepared stacks differ from the profile's")
  for index in profile.sampleTypes.indices {
    if let report = try? TopReport(
      profile: profile, options: TopReport.Options(sampleIndex: String(index)))
    {
      _ = TopTextRenderer.render(report)
    }
  }
  var empty = profile
  empty.samples = []
  for (base, new) in [(profile, profile), (empty, profile)] {
    for index in profile.sampleTypes.indices {
      if let report = try? DiffReport(
        base: base, basePath: "base", new: new, newPath: "new",
        options: DiffReport.Options(sampleIndex: String(index)))
      {
        _ = DiffTextRenderer(showStacks: true).render(report)
        _ = try? DiffJSONRenderer.render(report, failOn: .leak)
      }
    }
  }
  var builder = TrendBuilder()
  for step in 0..<6 {
    var snapshot = profile
    snapshot.timeNanos = Int64(step + 1) * 60_000_000_000
    var samples = snapshot.samples
    for index in samples.indices {
      for value in samples[index].values.indices {
        samples[index].values[value] &*= Int64(step + 1)
      }
    }
    snapshot.samples = samples
    builder.add(snapshot, path: "snapshot-\(step)")
  }
  let trend = TrendReport(builder: builder, memoryLimitBytes: 1 << 30)
  _ = TrendTextRenderer().render(trend)
  _ = try? TrendJSONRenderer.render(trend, failOn: .leak)
  return 0
}
