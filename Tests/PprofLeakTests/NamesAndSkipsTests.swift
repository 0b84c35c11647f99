import Foundation
import PprofCore
import Testing

/// File names as the kernel has them, every entry of a directory accounted for, configs that
/// cannot be used, and messages that say what is wrong (issue 20, items 6 and 7).
@Suite("Odd names, skipped entries, unusable configs")
struct NamesAndSkipsTests {
  static let leaky = CIFormatTests.leaky

  /// Runs `script` in bash, standard output joined to standard error, with `as_user` running a
  /// command without root's power to read anything (as nobody, when the tests run as root).
  static func run(_ script: String, in directory: URL = CIFormatTests.root) throws -> (
    status: Int32, err: String
  ) {
    try StreamFailureTests.bash(
      """
      exec 1>&2
      as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
      \(script)
      """, in: directory)
  }

  @Test("names that are not UTF-8 are read from a directory and by name, and shown escaped")
  func nonUTF8Names() throws {
    let directory = try CIFormatTests.temporaryDirectory().path
    // The leaky series' goroutine profiles, each name starting with the byte 0xff.
    let series = try Self.run(
      """
      for f in '\(Self.leaky)'/goroutine-0*.pb.gz; do cp "$f" '\(directory)'/$'\\xff'"$(basename "$f")"; done
      "$BIN" trend --no-config '\(directory)'; echo "status $?"
      "$BIN" trend --no-config --format json --output '\(directory)'/$'\\xfd'out.json '\(directory)'/$'\\xff'goroutine-0*
      [ -s '\(directory)'/$'\\xfd'out.json ] && echo "report written under its own name"
      "$BIN" trend --no-config --write-profile-dir '\(directory)'/$'\\xfc'growth/sub '\(directory)' > /dev/null
      ls '\(directory)'/$'\\xfc'growth/sub/*.pb.gz > /dev/null && echo "growth profiles written under their own names"
      b='\(directory)'/$'\\xfb'base.json
      "$BIN" trend --no-config --baseline "$b" --write-baseline "$b" '\(directory)' > /dev/null
      "$BIN" trend --no-config --baseline "$b" --write-baseline "$b" --format json '\(directory)' |
        grep -q '"inBaseline" : true' && echo "baseline read under its own name"
      """)
    #expect(series.err.contains("pprof-leak trend: 8 profiles in 1 series"), "\(series.err)")
    #expect(series.err.contains("status 1"), "\(series.err)")
    #expect(series.err.contains("report written under its own name"), "\(series.err)")
    #expect(series.err.contains("growth profiles written under their own names"), "\(series.err)")
    #expect(series.err.contains("baseline read under its own name"), "\(series.err)")
    let named = try Self.run(
      """
      "$BIN" top --no-config '\(directory)'/$'\\xff'goroutine-08.pb.gz | head -1; echo "status ${PIPESTATUS[0]}"
      printf 'not a profile' > '\(directory)'/$'\\xfe'bad.pb.gz
      "$BIN" top --no-config '\(directory)'/$'\\xfe'bad.pb.gz
      """)
    #expect(named.err.contains("status 0"), "\(named.err)")
    #expect(named.err.contains("pprof-leak: error: \(directory)/\\xfebad.pb.gz: "), "\(named.err)")
  }

  @Test("a name holding a newline or an escape sequence stays on the error's one line, escaped")
  func controlCharactersInNames() throws {
    let directory = try CIFormatTests.temporaryDirectory().path
    let result = try Self.run(
      """
      f='\(directory)'/bad$'\\n'name$'\\e'[31m.pb.gz
      printf 'not a profile' > "$f"
      "$BIN" top --no-config "$f"
      """)
    #expect(result.status == 2)
    #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
    #expect(result.err.hasPrefix("pprof-leak: error: \(directory)/bad\\nname\\x1b[31m.pb.gz: "), "\(result.err)")
  }

  @Test(
    "on a terminal, the progress line shows a name's escape sequence escaped, never sent",
    .enabled(if: CollectTests.scriptPath != nil, "script(1) from util-linux makes the terminal"))
  func progressLineEscapes() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    // 20 snapshots (a progress line is drawn from 20 files), one named with a title-setting
    // sequence: sent as it is, it would retitle the terminal.
    let source = URL(fileURLWithPath: Self.leaky).appendingPathComponent("goroutine-01.pb.gz")
    for index in 1...20 {
      let name = index == 20 ? "t\u{1B}]0;pwned\u{07}.pb.gz" : String(format: "g-%02d.pb.gz", index)
      try FileManager.default.copyItem(at: source, to: directory.appendingPathComponent(name))
    }
    let screen = try CollectTests.onTerminal(["trend", "--no-config", directory.path])
    #expect(screen.contains("reading 20/20 t\\x1b]0;pwned\\x07.pb.gz"), "\(screen.debugDescription)")
    #expect(!screen.contains("\u{1B}]0;"), "\(screen.debugDescription)")
  }

  @Test("every entry of a directory not read is counted in a note or listed as skipped")
  func everySkipCounted() throws {
    let directory = try CIFormatTests.temporaryDirectory().path
    let result = try Self.run(
      """
      cd '\(directory)' && cp '\(Self.leaky)'/goroutine-0*.pb.gz . && touch .hidden && mkdir sub
      ln -s .. up && ln -s nowhere gone.pb.gz
      "$BIN" trend --no-config .; echo "status $?"
      """)
    #expect(result.err.contains("status 1"), "\(result.err)")
    #expect(
      result.err.contains(
        "note: .: not read: 1 hidden entry, 1 subdirectory (--recursive reads them), 1 link to a directory (never followed)"),
      "\(result.err)")
    #expect(result.err.contains("gone.pb.gz"), "\(result.err)")
    #expect(result.err.contains("a symbolic link to nothing (or a loop of links)"), "\(result.err)")
  }

  @Test("an entry whose status cannot be read is listed as skipped, with the system's reason")
  func entryThatCannotBeExamined() throws {
    let directory = try CIFormatTests.temporaryDirectory().path
    // A directory whose path is just under PATH_MAX (4,096 bytes): it opens, but the path of
    // an entry with a long name is longer than the kernel takes, so its status cannot be read.
    let result = try Self.run(
      """
      deep='\(directory)'; part=$(printf 'd%.0s' {1..200})
      while [ $((${#deep} + 201)) -le 3950 ]; do deep=$deep/$part; done
      deep=$deep/$(printf 'e%.0s' $(seq $((3950 - ${#deep} - 1))))
      mkdir -p "$deep" && cp '\(Self.leaky)'/goroutine-0*.pb.gz "$deep"
      (cd "$deep" && touch "$(printf 'x%.0s' {1..240}).pb.gz")
      "$BIN" trend --no-config "$deep"; echo "status $?"
      """)
    #expect(result.err.contains("status 1"), "\(result.err)")
    #expect(result.err.contains("could not be examined: file name too long"), "\(result.err)")
  }

  @Test("a directory without search permission is an error that says so, not 'no profiles'")
  func directoryWithoutSearchPermission() throws {
    let directory = try CIFormatTests.temporaryDirectory().path
    let result = try Self.run(
      """
      mkdir '\(directory)'/nox && cp '\(Self.leaky)'/goroutine-01.pb.gz '\(directory)'/nox/ && chmod 644 '\(directory)'/nox
      as_user "$BIN" trend --no-config '\(directory)'/nox; echo "status $?"
      as_user "$BIN" trend --no-config '\(directory)'/nox/goroutine-01.pb.gz; echo "status $?"
      """)
    #expect(
      result.err
        == """
        pprof-leak: error: \(directory)/nox: cannot list the directory: no search permission (x) to examine its entries
        status 2
        pprof-leak: error: \(directory)/nox/goroutine-01.pb.gz: cannot read: permission denied
        status 2

        """)
  }

  @Test(
    "a config that cannot be used is exit 2 with what is wrong with it",
    arguments: [
      ("printf 'fail-on: never\\n# caf\\xe9\\n' > .pprof-leak.yaml", "", ".pprof-leak.yaml: line 2: not valid UTF-8 (byte 21): save the file as UTF-8"),
      ("mkdir conf.d", "--config conf.d", "conf.d: is a directory: give --config the YAML file itself"),
      ("head -c 2000000 /dev/zero | tr '\\\\0' '#' > big.yaml", "--config big.yaml", "big.yaml: larger than 1 MiB: a config file is a few lines of YAML"),
    ])
  func unusableConfig(_ example: (setup: String, option: String, message: String)) throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let result = try Self.run(
      "\(example.setup) && \"$BIN\" trend \(example.option) '\(Self.leaky)' > /dev/null", in: directory)
    #expect(result.status == 2, "\(result.err)")
    #expect(result.err.hasSuffix("\(example.message)\n"), "\(result.err)")
    #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
  }

  @Test("an output directory that a file stands in the way of is exit 2 with the system's reason")
  func outputDirectoryBlocked() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let result = try Self.run(
      ": > file && \"$BIN\" trend --no-config --write-profile-dir file/growth '\(Self.leaky)' > /dev/null",
      in: directory)
    #expect(result.status == 2)
    #expect(
      result.err
        == "pprof-leak: error: file/growth: cannot create the directory (--write-profile-dir): not a directory\n")
  }

  @Test("an empty config sets nothing: the run goes on with the defaults")
  func emptyConfig() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let result = try Self.run(
      ": > .pprof-leak.yaml && \"$BIN\" trend '\(Self.leaky)' | tail -1", in: directory)
    #expect(result.err == "Summary: 1 leak, 0 suspect, 2 info  (--fail-on leak: exit 1)\n", "\(result.err)")
  }

  @Test("an unreadable config is exit 2, never passed over for a parent directory's")
  func unreadableConfig() throws {
    let directory = try CIFormatTests.temporaryDirectory().path
    let result = try Self.run(
      """
      mkdir -p '\(directory)'/project/sub && cd '\(directory)'/project/sub
      printf 'fail-on: never\\n' > ../.pprof-leak.yaml
      printf 'fail-on: never\\n' > .pprof-leak.yaml && chmod 000 .pprof-leak.yaml
      as_user "$BIN" trend '\(Self.leaky)' > /dev/null
      """)
    #expect(result.status == 2, "\(result.err)")
    #expect(result.err.hasSuffix("/project/sub/.pprof-leak.yaml: cannot read: permission denied\n"), "\(result.err)")
  }

  @Test("a profile whose names hold escape sequences sends none to the terminal")
  func hostileNamesInReports() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    // One goroutine profile named with a title-setting sequence, a bell and a colour, and a
    // newline in its file: the runtime writes no such name, a hostile file can.
    var profile = Profile()
    profile.stringTable = ["", "goroutine", "count", "main.evil\u{1b}]0;pwned\u{07}\u{1b}[31m", "/src/ev\nil.go"]
    profile.sampleTypes = [ValueType(type: StringID(1), unit: StringID(2))]
    var function = Function()
    function.id = 1
    function.name = StringID(3)
    function.filename = StringID(4)
    profile.functions = [function]
    var location = Location()
    location.id = 1
    location.lines = [Line(functionID: 1, line: 10)]
    profile.locations = [location]
    profile.appendSample(Sample(locationIDs: [1], values: [5]))
    try Data(profile.encodedGzip()).write(to: directory.appendingPathComponent("evil.pb.gz"))
    let result = try Self.run(
      "\"$BIN\" top --no-config --color never evil.pb.gz; \"$BIN\" diff --no-config --color never evil.pb.gz evil.pb.gz",
      in: directory)
    #expect(!result.err.unicodeScalars.contains { $0 == "\u{1b}" || $0 == "\u{07}" }, "\(result.err)")
    #expect(result.err.contains("main.evil\\x1b]0;pwned\\x07\\x1b[31m"), "\(result.err)")
  }
}
