import Foundation

/// A `TextOutputStream` over standard error.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    FileHandle.standardError.write(Data(string.utf8))
  }
}

/// A failure the CLI reports as one line, `pprof-leak: error: <message>`, with exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}

/// Writes `text` to standard output as is.
func writeOutput(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}
