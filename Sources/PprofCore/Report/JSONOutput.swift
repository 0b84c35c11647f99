import Foundation

/// How every JSON document pprof-leak prints is written: pretty, keys sorted so output is the
/// same from run to run, slashes left bare. `singleLine`: on one line instead, as one record of
/// a JSON Lines stream.
enum JSONOutput {
  static func encode(_ document: some Encodable, singleLine: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if !singleLine { encoder.outputFormatting.insert(.prettyPrinted) }
    return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
  }
}

/// An optional written as `null` when absent (synthesized Encodable would leave the key out),
/// so every document of a schema has the same keys.
struct Nullable<Value: Encodable>: Encodable {
  var value: Value?

  init(_ value: Value?) { self.value = value }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let value { try container.encode(value) } else { try container.encodeNil() }
  }
}
