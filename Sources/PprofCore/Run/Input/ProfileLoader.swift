public import PprofProfile
import PprofGoroutine
public import PprofAnalysis

/// The first stages of the pipeline: bytes → (gunzip) → decoded, validated `Profile`.
public struct ProfileLoader: Sendable {
  /// The most bytes one profile may decompress to (and the most raw bytes read).
  public var maxDecompressedSize: Int

  /// The most bytes gzip data may inflate to before decompression stops, when lower than
  /// `maxDecompressedSize`: the share of a budget one file was given.
  private var inflationLimit: Int?

  /// The default cap on decompressed size: 1 GiB.
  public static let defaultMaxDecompressedSize = 1 << 30

  public init(maxDecompressedSize: Int = ProfileLoader.defaultMaxDecompressedSize) {
    self.maxDecompressedSize = maxDecompressedSize
  }

  /// Reads, decompresses when the bytes start with the gzip magic, and decodes `path`; for a
  /// text file holding several goroutine dumps, the profile of the last.
  public func load(path: String) throws(ProfileLoadError) -> Profile {
    let snapshots = try loadSnapshots(path: path)
    // loadSnapshots returns at least one snapshot or throws.
    return snapshots[snapshots.count - 1].profile
  }

  /// Reads `path` into its snapshots: one for a binary profile, one per dump for goroutine text
  /// (debug=1, debug=2, crash tracebacks; plain or gzip-compressed).
  public func loadSnapshots(path: String) throws(ProfileLoadError) -> [Snapshot] {
    try snapshots(try read(path), path: path)
  }

  /// `loadSnapshots(path:)` with the samples prepared for a series on this thread: a binary
  /// profile is decoded straight into its stacks.
  public func loadPrepared(path: String) throws(ProfileLoadError) -> [PreparedSnapshot] {
    try prepared(try read(path), path: path)
  }

  private func read(_ path: String) throws(ProfileLoadError) -> [UInt8] {
    do {
      return try ProfileFile.read(path: path, limit: maxDecompressedSize)
    } catch {
      throw ProfileLoadError(path: path, stage: .input(error))
    }
  }

  /// `load(self, path)` holding, while it works, the bytes it reads and inflates in `budget`:
  /// first what the file's size and gzip trailer promise; when the data inflates to more than
  /// that (several gzip members, or a trailer that lies), the whole budget, alone.
  package func within<Item>(
    _ budget: MemoryBudget, path: String,
    _ load: (ProfileLoader, String) throws(ProfileLoadError) -> Item
  ) throws(ProfileLoadError) -> Item {
    if let footprint = ProfileFile.footprint(path: path) {
      let inflated = footprint.inflated ?? 0
      if footprint.size + inflated < budget.capacity {
        let held = budget.reserve(footprint.size + inflated)
        defer { budget.release(held) }
        var bounded = self
        bounded.inflationLimit = footprint.inflated.map { min($0, maxDecompressedSize) }
        do {
          return try load(bounded, path)
        } catch let error {
          guard case .gzip(let gzip) = error.stage, case .tooLarge = gzip.reason,
            bounded.inflationLimit.map({ $0 < maxDecompressedSize }) == true
          else { throw error }
        }
      }
    }
    let held = budget.reserve(budget.capacity)
    defer { budget.release(held) }
    return try load(self, path)
  }

  /// `loadSnapshots(path:)` within `budget` (see `within`).
  package func loadSnapshots(path: String, within budget: MemoryBudget) throws(ProfileLoadError)
    -> [Snapshot]
  {
    try within(budget, path: path) { loader, path throws(ProfileLoadError) in
      try loader.loadSnapshots(path: path)
    }
  }

  /// The snapshots of bytes already in memory; `path` names them in errors.
  public func snapshots(_ raw: [UInt8], path: String) throws(ProfileLoadError) -> [Snapshot] {
    let compressed = Gzip.isGzip(raw)
    let message = try decompressed(raw, compressed: compressed, path: path)
    guard GoroutineDump.isText(message) else {
      let profile = try decodeProtobuf(message, compressed: compressed, path: path)
      return [Snapshot(profile: profile, source: .protobuf, dump: nil, path: path)]
    }
    return try textSnapshots(message, compressed: compressed, path: path)
  }

  /// `snapshots(_:path:)`, prepared for a series.
  public func prepared(_ raw: [UInt8], path: String) throws(ProfileLoadError) -> [PreparedSnapshot] {
    let compressed = Gzip.isGzip(raw)
    let message = try decompressed(raw, compressed: compressed, path: path)
    guard GoroutineDump.isText(message) else {
      let (header, stacks) = try decodeProtobufStacks(message, compressed: compressed, path: path)
      return [PreparedSnapshot(header: header, stacks: stacks, source: .protobuf, path: path)]
    }
    return try textSnapshots(message, compressed: compressed, path: path).map(PreparedSnapshot.init)
  }

  /// The snapshots of a text file: a heap, allocs, mutex or block page, or goroutine dumps.
  private func textSnapshots(_ message: [UInt8], compressed: Bool, path: String)
    throws(ProfileLoadError) -> [Snapshot]
  {
    if LegacyTextProfile.isPage(message) {
      let profile: Profile
      do {
        profile = try LegacyTextProfile.parse(message)
      } catch {
        throw ProfileLoadError(path: path, stage: .text(error), wasCompressed: compressed)
      }
      return [Snapshot(profile: profile, source: .textPage, dump: nil, path: path)]
    }
    let dumps: [GoroutineDump]
    do {
      dumps = try GoroutineDump.parseAll(message)
    } catch {
      throw ProfileLoadError(path: path, stage: .text(error), wasCompressed: compressed)
    }
    return dumps.enumerated().map { position, dump in
      Snapshot(
        profile: Profile(goroutineDump: dump), source: dump.format == .debug1 ? .debug1 : .traceback,
        dump: dump, path: dumps.count > 1 ? "\(path)#\(position + 1)" : path)
    }
  }

  /// Decompresses (when gzip) and decodes bytes already in memory; `path` names them in errors.
  public func decode(_ raw: [UInt8], path: String) throws(ProfileLoadError) -> Profile {
    let compressed = Gzip.isGzip(raw)
    let message = try decompressed(raw, compressed: compressed, path: path)
    return try decodeProtobuf(message, compressed: compressed, path: path)
  }

  private func decompressed(_ raw: [UInt8], compressed: Bool, path: String)
    throws(ProfileLoadError) -> [UInt8]
  {
    do {
      return compressed
        ? try Gzip.decompress(raw, limit: min(inflationLimit ?? .max, maxDecompressedSize)) : raw
    } catch {
      throw ProfileLoadError(path: path, stage: .gzip(error))
    }
  }

  private func decodeProtobuf(_ message: [UInt8], compressed: Bool, path: String)
    throws(ProfileLoadError) -> Profile
  {
    do {
      return try Profile(decoding: message)
    } catch {
      throw Self.failure(error, message: message, compressed: compressed, path: path)
    }
  }

  /// The error for bytes that do not decode: a legacy CPU profile is named as one.
  private static func failure(
    _ error: ProfileDecodingError, message: [UInt8], compressed: Bool, path: String
  ) -> ProfileLoadError {
    guard isLegacyCPUProfile(message) else {
      return ProfileLoadError(path: path, stage: .decoding(error), wasCompressed: compressed)
    }
    return ProfileLoadError(
      path: path,
      stage: .unsupported(
        "a CPU profile in the legacy format runtime/pprof wrote before Go 1.9, not profile.proto; "
          + "convert it with go tool pprof -proto BINARY \(ProfileFile.displayName(path)) > profile.pb.gz"))
  }

  /// The header of the CPU profiles Go wrote before 1.9: the machine words 0, 3, 0 (then the
  /// period and 0), 64- or 32-bit, either byte order.
  static func isLegacyCPUProfile(_ bytes: [UInt8]) -> Bool {
    for width in [8, 4] where bytes.count >= 5 * width {
      let words = (0..<3).map { Array(bytes[($0 * width)..<(($0 + 1) * width)]) }
      let zero = [UInt8](repeating: 0, count: width)
      var three = zero
      three[0] = 3
      if words[0] == zero, words[2] == zero, words[1] == three || words[1] == three.reversed() {
        return true
      }
    }
    return false
  }

  private func decodeProtobufStacks(_ message: [UInt8], compressed: Bool, path: String)
    throws(ProfileLoadError) -> (Profile, PreparedStacks)
  {
    do {
      return try Profile.decodingStacks(message)
    } catch {
      throw Self.failure(error, message: message, compressed: compressed, path: path)
    }
  }
}
