// libFuzzer entry point over the whole input pipeline: gunzip (when the bytes say gzip), decode,
// validate, then the stages that walk a decoded profile (stack interning, the top report, and
// diff with leak detection, of the profile against itself and against an empty copy).
// Built by scripts/fuzz.sh together with the PprofCore sources, in one module.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
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
  return 0
}
