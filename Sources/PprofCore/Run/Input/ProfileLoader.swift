public import PprofProfile
import PprofGoroutine
public import PprofAnalysis

/// The first stages of the pipeline: bytes → (gunzip) → decoded, validated `Profile`.
public struct ProfileLoader: Sendable {
  /// The most bytes one profile may decompress to (and the most raw bytes read).
  public var maxDecompressedSize: Int
  /// Whether each snapshot comes with its `PreparedStacks`, for a series: the loader's threads
  /// then do that part of the work. A binary profile's samples are then in `Snapshot.stacks`
  /// only, not in its `profile`.
  public var preparesStacks = false

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
    let raw: [UInt8]
    do {
      raw = try ProfileFile.read(path: path, limit: maxDecompressedSize)
    } catch {
      throw ProfileLoadError(path: path, stage: .input(error))
    }
    return try snapshots(raw, path: path)
  }

  /// The snapshots of bytes already in memory; `path` names them in errors.
  public func snapshots(_ raw: [UInt8], path: String) throws(ProfileLoadError) -> [Snapshot] {
    let compressed = Gzip.isGzip(raw)
    let message = try decompressed(raw, compressed: compressed, path: path)
    guard GoroutineDump.isText(message) else {
      if preparesStacks {
        let (profile, stacks) = try decodeProtobufStacks(message, compressed: compressed, path: path)
        var snapshot = Snapshot(profile: profile, source: .protobuf, dump: nil, path: path)
        snapshot.stacks = stacks
        return [snapshot]
      }
      let profile = try decodeProtobuf(message, compressed: compressed, path: path)
      return [Snapshot(profile: profile, source: .protobuf, dump: nil, path: path)]
    }
    let dumps: [GoroutineDump]
    do {
      dumps = try GoroutineDump.parseAll(message)
    } catch {
      throw ProfileLoadError(path: path, stage: .text(error), wasCompressed: compressed)
    }
    return dumps.enumerated().map { position, dump in
      var snapshot = Snapshot(
        profile: Profile(goroutineDump: dump), source: dump.format == .debug1 ? .debug1 : .traceback,
        dump: dump, path: dumps.count > 1 ? "\(path)#\(position + 1)" : path)
      if preparesStacks { snapshot.stacks = PreparedStacks(snapshot.profile) }
      return snapshot
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
      return compressed ? try Gzip.decompress(raw, limit: maxDecompressedSize) : raw
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
      throw ProfileLoadError(path: path, stage: .decoding(error), wasCompressed: compressed)
    }
  }

  private func decodeProtobufStacks(_ message: [UInt8], compressed: Bool, path: String)
    throws(ProfileLoadError) -> (Profile, PreparedStacks)
  {
    do {
      return try Profile.decodingStacks(message)
    } catch {
      throw ProfileLoadError(path: path, stage: .decoding(error), wasCompressed: compressed)
    }
  }
}
