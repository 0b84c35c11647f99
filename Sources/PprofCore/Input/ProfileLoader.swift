/// The first stages of the pipeline: bytes → (gunzip) → decoded, validated `Profile`.
public struct ProfileLoader: Sendable {
  /// The most bytes one profile may decompress to (and the most raw bytes read).
  public var maxDecompressedSize: Int

  /// The default cap on decompressed size: 1 GiB.
  public static let defaultMaxDecompressedSize = 1 << 30

  public init(maxDecompressedSize: Int = ProfileLoader.defaultMaxDecompressedSize) {
    self.maxDecompressedSize = maxDecompressedSize
  }

  /// Reads, decompresses when the bytes start with the gzip magic, and decodes `path`.
  public func load(path: String) throws(ProfileLoadError) -> Profile {
    let raw: [UInt8]
    do {
      raw = try ProfileFile.read(path: path, limit: maxDecompressedSize)
    } catch {
      throw ProfileLoadError(path: path, stage: .input(error))
    }
    return try decode(raw, path: path)
  }

  /// Decompresses (when gzip) and decodes bytes already in memory; `path` names them in errors.
  public func decode(_ raw: [UInt8], path: String) throws(ProfileLoadError) -> Profile {
    let compressed = Gzip.isGzip(raw)
    let message: [UInt8]
    do {
      message = compressed ? try Gzip.decompress(raw, limit: maxDecompressedSize) : raw
    } catch {
      throw ProfileLoadError(path: path, stage: .gzip(error))
    }
    do {
      return try Profile(decoding: message)
    } catch {
      throw ProfileLoadError(path: path, stage: .decoding(error), wasCompressed: compressed)
    }
  }
}
