import Foundation

/// How every JSON document pprof-leak prints is written: pretty, keys sorted so output is the
/// same from run to run, slashes left bare.
enum JSONOutput {
  static func encode(_ document: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
  }
}
