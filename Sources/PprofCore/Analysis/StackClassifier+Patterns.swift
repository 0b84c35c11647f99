import PprofProfile

extension StackClassifier {
  /// The pattern of a goroutine stack (leaf first) and its responsible frame: from the
  /// runtime frames of binary profiles, the wait reason of tracebacks, or, for debug=1 dumps
  /// (which hide both), the statement on the leaf's source line.
  static func classifyGoroutine(_ frames: [Frame], sources: SourceResolver? = nil)
    -> (LeakPattern, Frame?, String?)
  {
    let (key, note) = FindingKey.classify(frames, waitReason: nil, isGoroutine: true, sources: sources)
    return (key.pattern, key.responsible, note)
  }

  /// A stack whose leaf is the user's own code: a debug=1 dump, which hides the runtime frames
  /// (chansend, selectgo, …) that say what the goroutine waits on. The line it waits on says.
  static func recoverFromSource(_ leaf: Frame, sources: SourceResolver?)
    -> (LeakPattern, Frame?, String?)
  {
    let place = "\(leaf.file.split(separator: "/").last.map(String.init) ?? leaf.file):\(leaf.line)"
    let hidden = "debug=1 dumps hide the runtime frames that say what a goroutine waits on"
    guard let text = sources?.line(leaf.line, of: leaf.file) else {
      return (
        .goroutineGrowth, leaf,
        "\(hidden), and \(place) could not be read to tell: give --source-root DIR (the "
          + "checkout the binary was built from), or capture ?debug=2"
      )
    }
    let statement = SourceStatement.code(of: text)
    guard let pattern = SourceStatement.pattern(of: text) else {
      return (
        .goroutineGrowth, leaf,
        "\(hidden), and the source line \(place) (`\(statement)`) is not a channel operation, "
          + "select, lock or wait"
      )
    }
    return (pattern, leaf, "pattern read from the source line \(place): `\(statement)` (\(hidden))")
  }

  /// Where to look when an HTTP server's connections wait for a request that does not come.
  static let httpServerNote =
    "these are the HTTP server's own goroutines, one per client connection, each waiting for "
    + "its client's next request: clients that keep connections open and idle hold them (a "
    + "response body left unclosed, a keep-alive pool with no idle limit), and a server with "
    + "no IdleTimeout or ReadHeaderTimeout never closes them"

  /// Where to look when an HTTP connection's stacks hold no frame of the code that made the
  /// requests (the transport dials and runs each connection in goroutines of its own).
  static let httpNote =
    "these stacks belong to the HTTP client's connections, not to the code that made the "
    + "requests: look for http.Get/Post/Do calls whose resp.Body is not closed"
}
