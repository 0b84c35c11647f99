import Foundation
internal import Yams
import PprofUnits
import PprofProfile
public import PprofAnalysis

/// `.pprof-leak.yaml`: the options a project wants on every run (ignores, thresholds, path
/// mappings), found from the working directory upwards. Every key is the name of a long option
/// of `diff` and `trend`; the command line wins over the file for single values and adds to
/// its lists.
///
///     fail-on: suspect
///     min-goroutines: 20
///     min-blocked: 15m
///     ignore-top: ['main\.backgroundWorker', 'go\.opencensus\.io/.*']
///     path-prefix: /home/runner/work/app/app/=
///     source-root: .
@dynamicMemberLookup
public struct ConfigFile: Sendable {
  public static let names = [".pprof-leak.yaml", ".pprof-leak.yml"]

  public var path: String
  /// The options the file sets.
  public var values = OptionValues()

  public subscript<Value>(dynamicMember keyPath: WritableKeyPath<OptionValues, Value>) -> Value {
    get { values[keyPath: keyPath] }
    set { values[keyPath: keyPath] = newValue }
  }

  public static let keys = [
    "fail-on", "min-goroutines", "min-heap", "min-objects", "min-growth", "min-blocked",
    "ignore-top", "ignore-any", "ignore-created-by", "path-prefix", "source-root", "baseline",
  ]

  /// The config a run reads: `explicit` (`--config`), else the nearest one from the working
  /// directory up; nil with `disabled` (`--no-config`) or when there is none.
  public static func load(explicit: String?, disabled: Bool) throws(RunError) -> ConfigFile? {
    guard !disabled else { return nil }
    let path: String
    if let explicit {
      path = explicit
    } else {
      let directory: String
      do {
        directory = try WorkingDirectory.path()
      } catch {
        throw .noWorkingDirectory(
          purpose: "cannot look for .pprof-leak.yaml", hint: "or give --config FILE or --no-config", error)
      }
      guard let found = discover(from: directory) else { return nil }
      path = found
    }
    do {
      return try ConfigFile(path: path)
    } catch {
      throw .config(error)
    }
  }

  /// The nearest config file in `directory` or an ancestor; nil when there is none. A config
  /// that exists but cannot be read is found all the same (reading it then fails with exit 2):
  /// a parent's config is never used in its place.
  public static func discover(from directory: String) -> String? {
    SourceResolver.nearestAncestor(of: directory) { url in
      names.lazy.map { url.appendingPathComponent($0).path }
        .first { path in
          var info = stat()
          return FileName.withCString(path) { lstat($0, &info) } == 0
        }
    }
  }

  /// The most bytes a config file may hold.
  public static let maxSize = 1 << 20

  /// Reads and checks the file at `path`.
  public init(path: String) throws(ConfigError) {
    let bytes: [UInt8]
    do {
      bytes = try ProfileFile.read(path: path, limit: Self.maxSize)
    } catch .empty {
      bytes = []
    } catch {
      throw ConfigError(path: path, line: nil, reason: Self.reason(error))
    }
    guard let yaml = String(validating: bytes, as: UTF8.self) else {
      let valid = Self.validPrefixLength(bytes)
      throw ConfigError(
        path: path, line: bytes[..<valid].count { $0 == UInt8(ascii: "\n") } + 1,
        reason: "not valid UTF-8 (byte \(valid + 1)): save the file as UTF-8")
    }
    try self.init(yaml: yaml, path: path)
  }

  /// What is wrong with a config file that cannot be read, in a config file's terms.
  private static func reason(_ error: InputError) -> String {
    switch error {
    case .isDirectory: "is a directory: give --config the YAML file itself"
    case .tooLarge: "larger than \(Quantity.limit(maxSize)): a config file is a few lines of YAML"
    default: error.description
    }
  }

  /// How many bytes at the start of `bytes` are valid UTF-8.
  private static func validPrefixLength(_ bytes: [UInt8]) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var length = 0
    while case .valid(let encoded) = parser.parseScalar(from: &iterator) { length += encoded.count }
    return length
  }

  /// Parses `yaml`; `path` names the file in errors and anchors relative paths.
  public init(yaml: String, path: String) throws(ConfigError) {
    self.path = path
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      let reason = "\(error)".split(whereSeparator: \.isNewline)
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        .joined(separator: " ")
      throw ConfigError(path: path, line: nil, reason: "not valid YAML: \(reason)")
    }
    guard let root else { return }  // an empty file sets nothing
    guard let mapping = root.mapping else {
      throw ConfigError(path: path, line: root.mark?.line, reason: "expected a mapping of option names to values")
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      let line = keyNode.mark?.line
      func fail(_ reason: String) -> ConfigError { ConfigError(path: path, line: line, reason: "\(key): \(reason)") }
      func scalar() throws(ConfigError) -> String {
        guard let text = value.scalar?.string else { throw fail("expected a single value") }
        return text
      }
      func list() throws(ConfigError) -> [String] {
        if let text = value.scalar?.string { return [text] }
        guard let items = value.sequence else { throw fail("expected a value or a list") }
        var texts: [String] = []
        for item in items {
          guard let text = item.scalar?.string else { throw fail("expected a list of values") }
          texts.append(text)
        }
        return texts
      }
      /// Suppression patterns, checked here so that a bad one is reported with its own line.
      func patterns() throws(ConfigError) -> [String] {
        let texts = try list()
        let lines = value.sequence.map { $0.map { $0.mark?.line } } ?? [line]
        for (text, itemLine) in zip(texts, lines) {
          do {
            _ = try WholeMatch(text)
          } catch {
            throw ConfigError(
              path: path, line: itemLine ?? line,
              reason: "\(key): '\(text)' is not a valid regular expression: \(error.message)")
          }
        }
        return texts
      }
      func number() throws(ConfigError) -> Int64 {
        guard let value = Int64(try scalar()), value >= 1 else { throw fail("expected a whole number, 1 or more") }
        return value
      }
      func absolute(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : URL(fileURLWithPath: directory).appendingPathComponent(relative).standardizedFileURL.path
      }
      switch key {
      case "fail-on":
        let text = try scalar()
        guard let level = FailOn(rawValue: text) else {
          throw fail("'\(text)' is not one of leak, suspect, info, never")
        }
        values.failOn = level
      case "min-goroutines": values.minGoroutines = try number()
      case "min-objects": values.minHeapObjects = try number()
      case "min-heap":
        let text = try scalar()
        guard let bytes = OptionValue.size(text) else { throw fail("'\(text)' is not a size (e.g. 512K, 2G)") }
        values.minHeapBytes = bytes
      case "min-growth":
        let text = try scalar()
        guard let share = OptionValue.share(text) else { throw fail("'\(text)' is not a share (e.g. 10%, 0.1)") }
        values.minGrowthFraction = share
      case "min-blocked":
        let text = try scalar()
        guard let minutes = OptionValue.minutes(text) else { throw fail("'\(text)' is not a duration (e.g. 15m, 2h)") }
        values.minBlockedMinutes = minutes
      case "ignore-top": values.ignoreTop = try patterns()
      case "ignore-any": values.ignoreAny = try patterns()
      case "ignore-created-by": values.ignoreCreatedBy = try patterns()
      case "path-prefix":
        values.pathPrefixes = try list().map { text throws(ConfigError) in
          guard let rule = PathMapper.parsePrefix(text) else { throw fail("'\(text)' is not FROM=TO") }
          return rule
        }
      case "source-root": values.sourceRoots = try list().map(absolute)
      case "baseline": values.baseline = absolute(try scalar())
      default:
        throw fail("unknown key; the keys are \(Self.keys.joined(separator: ", "))")
      }
    }
  }

  /// The suppression rules of the file.
  public func suppressions() throws(SuppressionError) -> Suppressions {
    var rules = Suppressions()
    for (kind, patterns) in [(Suppressions.Kind.top, values.ignoreTop), (.any, values.ignoreAny), (.createdBy, values.ignoreCreatedBy)] {
      for pattern in patterns { try rules.add(kind, pattern, origin: path) }
    }
    return rules
  }
}

/// A config file that cannot be used.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  public var line: Int?
  public var reason: String

  public var description: String {
    "\(ProfileFile.displayName(path))\(line.map { ": line \($0)" } ?? ""): \(reason)"
  }
}
