// libFuzzer entry point over the whole input pipeline: goroutine text dumps (parsed, made into a
// profile, the blocked report); gunzip (when the bytes say gzip), decode,
// validate, then the stages that walk a decoded profile (stack interning, the top report, and
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
  // A small cap keeps a gzip bomb from spending the fuzzer's time and memory.
  let loader = ProfileLoader(maxDecompressedSize: 8 << 20)
  guard let profile = try? loader.decode(bytes, path: "fuzz") else { return 0 }
  var table = StackTable()
  _ = table.add(profile)
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
    for index in snapshot.samples.indices {
      for value in snapshot.samples[index].values.indices {
        snapshot.samples[index].values[value] &*= Int64(step + 1)
      }
    }
    builder.add(snapshot, path: "snapshot-\(step)")
  }
  let trend = TrendReport(builder: builder, memoryLimitBytes: 1 << 30)
  _ = TrendTextRenderer().render(trend)
  _ = try? TrendJSONRenderer.render(trend, failOn: .leak)
  return 0
}
