import Testing
import TestSupport
@testable import PprofAnalysis
@testable import PprofCore
@testable import PprofGoroutine
@testable import PprofProfile
@testable import PprofReport
@testable import PprofUnits

/// Suppression patterns: Go's regexp syntax, matched in time linear in the text.
@Suite("LinearRegex: Go's syntax, whole matches, no backtracking")
struct LinearRegexTests {
  static let cases: [(pattern: String, text: String, matches: Bool)] = [
    ("main.worker", "main.worker", true),
    ("main.worker", "main.workers", false),
    ("main\\.worker", "mainXworker", false),
    ("main\\..*", "main.(*Pool).run", true),
    ("main\\..*", "xmain.run", false),
    ("net/http\\.\\(\\*persistConn\\)\\.(read|write)Loop", "net/http.(*persistConn).writeLoop", true),
    ("net/http\\.\\(\\*persistConn\\)\\.(read|write)Loop", "net/http.(*persistConn).closeLoop", false),
    ("go\\.opencensus\\.io/.*", "go.opencensus.io/stats/view.(*worker).start", true),
    ("main\\.func[0-9]+", "main.func12", true),
    ("main\\.func[0-9]+", "main.func", false),
    ("main\\.func\\d{1,2}", "main.func123", false),
    ("main\\.func\\d{1,2}", "main.func12", true),
    ("a{2,}", "aaaa", true),
    ("a{2,}", "a", false),
    ("a{3}", "aaa", true),
    ("x{", "x{", true),
    ("[^.]+\\.run", "pkg.run", true),
    ("[^.]+\\.run", "a.b.run", false),
    ("[\\w/]+\\.Serve", "net/http.Serve", true),
    ("[a\\-z]", "-", true),
    ("[a-c]+", "abcab", true),
    ("[a-c]+", "abd", false),
    ("(?:ab)+", "ababab", true),
    ("(?P<name>ab)?c", "c", true),
    ("^main\\.x$", "main.x", true),
    ("\\Amain\\.x\\z", "main.x", true),
    ("a|b|c", "b", true),
    ("a|b|c", "ab", false),
    ("(a*)*b", "aaab", true),
    ("a+?", "aaa", true),
    ("\\S+\\s\\S+", "a b", true),
  ]

  @Test("whole matches as Go's regexp.MatchString(`^(?:P)$`) gives them", arguments: cases)
  func matching(_ example: (pattern: String, text: String, matches: Bool)) throws {
    let regex = try LinearRegex(example.pattern)
    #expect(regex.wholeMatch(example.text) == example.matches)
  }

  @Test(
    "patterns outside Go's syntax are refused with the reason",
    arguments: [
      ("main.(broken", "missing closing )"),
      ("a)", "unexpected )"),
      ("[a-", "missing closing ]"),
      ("*a", "missing argument to repetition operator: *"),
      ("(?i)main", "flags and lookaround are not supported (Go's regexp syntax)"),
      ("(?=x)", "flags and lookaround are not supported (Go's regexp syntax)"),
      ("\\1", "invalid escape sequence: \\1"),
      ("a{2,1}", "invalid repeat count"),
      ("a{1001}", "repeat count over 1000"),
      ("((a{1000}){1000})", "expression too large"),
      ("[z-a]", "invalid character class range"),
      ("a\\", "trailing backslash"),
    ])
  func refused(_ example: (pattern: String, reason: String)) {
    #expect(throws: LinearRegex.SyntaxError(message: example.reason)) {
      try LinearRegex(example.pattern)
    }
  }

  /// `(a+)+$` against a long name is the classic catastrophic backtracking case: minutes in a
  /// backtracking engine, one pass here. Were matching exponential, this test would not end.
  @Test("nested quantifiers over a long name end in one pass")
  func nestedQuantifiers() throws {
    let name = "main." + String(repeating: "a", count: 20_000) + "!"
    #expect(try LinearRegex("main\\.(a+)+$").wholeMatch(name) == false)
    #expect(try LinearRegex("main\\.(a|aa)*!").wholeMatch(name) == true)
    #expect(try LinearRegex("(.*a){20}").wholeMatch(name) == false)
  }

  @Test("a suppression names the pattern and what is wrong with it")
  func suppressionError() {
    var rules = Suppressions()
    #expect(
      throws: SuppressionError(
        pattern: "main.(", kind: .top, origin: "the command line", reason: "missing closing )")
    ) { try rules.add(.top, "main.(") }
    #expect(
      throws: SuppressionError(pattern: "", kind: .any, origin: "the command line", reason: "empty pattern")
    ) { try rules.add(.any, "") }
  }
}
