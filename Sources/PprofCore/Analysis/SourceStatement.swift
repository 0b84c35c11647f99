/// Reads the blocking operation from a line of Go source: what a goroutine parked on that
/// line waits for, when the runtime frames that would say so are missing (debug=1 dumps).
enum SourceStatement {
  /// The line without its comment and surrounding blanks.
  static func code(of line: String) -> Substring {
    var code = Substring(line)
    if let comment = code.range(of: "//") { code = code[..<comment.lowerBound] }
    code = code.drop { $0 == " " || $0 == "\t" }
    while code.last == " " || code.last == "\t" { code = code.dropLast() }
    return code
  }

  /// The pattern of the statement on `line`, nil when it is not a channel operation, select,
  /// lock or wait.
  static func pattern(of line: String) -> LeakPattern? {
    let code = Self.code(of: line)
    if code.hasPrefix("select ") || code == "select{" || code.hasPrefix("select{") {
      return .blockedSelect
    }
    if code.contains(".Lock()") || code.contains(".RLock()") || code.contains(".Wait()") {
      return .syncWait
    }
    if code.hasPrefix("for "), code.contains("range ") { return .blockedRecv }
    guard let arrow = code.range(of: "<-") else { return nil }
    // What precedes the arrow, read backwards: `x <- v` is a send; `<-x`, `v := <-x`,
    // `f(<-x)`, `case <-x:` and `return <-x` receive.
    let before = code[..<arrow.lowerBound].reversed().drop { $0 == " " || $0 == "\t" }
    guard let final = before.first else { return .blockedRecv }
    let word = String(before.prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
    if "=(,{!&|[:".contains(final) || word == "return" || word == "case" {
      return .blockedRecv
    }
    return .blockedSend
  }
}
