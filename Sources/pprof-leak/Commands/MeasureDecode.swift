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
    /// The fastest of `--repeat` runs of `body`.
    func fastest(_ body: () throws -> Void) rethrows -> Duration {
      var best = Duration.seconds(1_000_000)
      for _ in 0..<max(repetitions, 1) { best = min(best, try clock.measure(body)) }
      return best
    }
    var message = raw
    let inflate =
      Gzip.isGzip(raw)
      ? try fastest { message = try Gzip.decompress(raw, limit: input.maxDecompressedSize) } : .zero
    var profile = Profile()
    let decode = try fastest { profile = try Profile(decoding: message) }
    let prepare = fastest { _ = PreparedStacks(profile) }
    // What a series does instead: decode straight into prepared stacks.
    var prepared = PreparedStacks(profile)
    let decodeStacks = try fastest { prepared = try Profile.decodingStacks(message).stacks }
    var table = StackTable()
    let stacks = clock.measure { table.add(prepared) { _, _, _ in } }
    // Interning the same stacks again finds every one: the cost of a snapshot of a series.
    let known = fastest { table.add(prepared) { _, _, _ in } }
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
