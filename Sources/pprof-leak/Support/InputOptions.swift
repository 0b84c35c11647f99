import ArgumentParser
import PprofCore

/// Options every command that reads profiles shares.
struct InputOptions: ParsableArguments {
  @Option(
    name: .customLong("max-decompressed-size"),
    help: ArgumentHelp(
      "The most bytes one profile may read or decompress to (e.g. 512M, 2G; default 1G).",
      valueName: "size"),
    transform: { Int(try parseSize($0)) })
  var maxDecompressedSize: Int = ProfileLoader.defaultMaxDecompressedSize

  func validate() throws {
    guard maxDecompressedSize > 0 else {
      throw ValidationError("--max-decompressed-size must be more than 0")
    }
  }

  var loader: ProfileLoader { ProfileLoader(maxDecompressedSize: maxDecompressedSize) }

  /// Loads `path`, turning a load error into the CLI's one-line message.
  func load(_ path: String) throws -> Profile {
    do {
      return try loader.load(path: path)
    } catch {
      throw CommandFailure(error.description)
    }
  }
}

enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
  case text
  case json
}
