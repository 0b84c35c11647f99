/// A failure the CLI reports as one line, `pprof-leak: error: <message>`, with exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}
