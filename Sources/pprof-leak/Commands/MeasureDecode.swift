import ArgumentParser
import PprofCore

/// Hidden: times the input stages on one file, for scripts/bench-decode.sh. Not a test; its
/// figures go in benchmark reports next to `go tool pprof` measured in the same run.
struct MeasureDecode: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "measure-decode",
    abstract: "Time gunzip and decode of one profile (for benchmarks).",
    shouldDisplay: false)

  @Argument(help: "A profile file.")
  var file: String

  @Option(name: .customLong("repeat"), help: "How many times to repeat each stage; the fastest run is reported.")
  var repetitions: Int = 5

  @OptionGroup var input: InputOptions

  func run() throws {
    let raw: [UInt8]
    do {
      raw = try ProfileFile.read(path: file, limit: input.maxDecompressedSize)
    } catch {
      throw CommandFailure("\(displayName(file)): \(error)")
    }
    let clock = ContinuousClock()
    var message = raw
    var inflate = Duration.seconds(1_000_000)
    if Gzip.isGzip(raw) {
      for _ in 0..<max(repetitions, 1) {
        let start = clock.now
        message = try Gzip.decompress(raw, limit: input.maxDecompressedSize)
        inflate = min(inflate, clock.now - start)
      }
    } else {
      inflate = .zero
    }
    var decode = Duration.seconds(1_000_000)
    var profile = Profile()
    for _ in 0..<max(repetitions, 1) {
      let start = clock.now
      profile = try Profile(decoding: message)
      decode = min(decode, clock.now - start)
    }
    var prepare = Duration.seconds(1_000_000)
    var prepared = PreparedStacks(profile)
    for _ in 0..<max(repetitions, 1) {
      let start = clock.now
      prepared = PreparedStacks(profile)
      prepare = min(prepare, clock.now - start)
    }
    // What a series does instead: decode straight into prepared stacks.
    var decodeStacks = Duration.seconds(1_000_000)
    for _ in 0..<max(repetitions, 1) {
      let start = clock.now
      prepared = try Profile.decodingStacks(message).stacks
      decodeStacks = min(decodeStacks, clock.now - start)
    }
    var table = StackTable()
    let stackStart = clock.now
    table.add(prepared) { _, _, _ in }
    let stacks = clock.now - stackStart
    // Interning the same stacks again finds every one: the cost of a snapshot of a series.
    var known = Duration.seconds(1_000_000)
    for _ in 0..<max(repetitions, 1) {
      let start = clock.now
      table.add(prepared) { _, _, _ in }
      known = min(known, clock.now - start)
    }
    func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    let megabytes = Double(message.count) / 1e6
    writeOutput(
      """
      compressed_bytes \(raw.count)
      decompressed_bytes \(message.count)
      samples \(profile.sampleCount)
      locations \(profile.locations.count)
      functions \(profile.functions.count)
      distinct_stacks \(table.stackCount)
      inflate_seconds \(seconds(inflate))
      decode_seconds \(seconds(decode))
      prepare_stacks_seconds \(seconds(prepare))
      decode_to_stacks_seconds \(seconds(decodeStacks))
      intern_new_stacks_seconds \(seconds(stacks))
      intern_known_stacks_seconds \(seconds(known))
      inflate_mb_per_s \(inflate == .zero ? 0 : megabytes / seconds(inflate))
      decode_mb_per_s \(megabytes / seconds(decode))

      """)
  }
}
