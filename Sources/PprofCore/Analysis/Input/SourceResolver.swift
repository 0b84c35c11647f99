package import Foundation
import Synchronization
import PprofProfile

/// Finds the Go source files that profiles name. Profiles record build paths
/// (`/home/runner/work/app/app/x.go`, or `example.com/app/x.go` with `-trimpath`), which rarely
/// exist where the profile is read; a path that does not exist is looked for by its longest
/// suffix under each root, so `--source-root .` in a checkout finds `x.go`.
public final class SourceResolver: Sendable {
  /// Directories searched by suffix, in order, after the recorded path itself.
  public let roots: [String]
  private let cache = Mutex<[String: [Substring]]>([:])
  private let missing = Mutex<Set<String>>([])

  /// The most bytes of one source file read.
  static let maxFileSize = 8 << 20

  public init(roots: [String]) {
    self.roots = roots
  }

  /// The text of line `number` (1-based) of `file`, nil when the file cannot be found or is shorter.
  public func line(_ number: Int64, of file: String) -> String? {
    guard number > 0, let lines = lines(of: file), Int(number) <= lines.count else { return nil }
    return String(lines[Int(number) - 1])
  }

  /// Where `file` is found: the recorded path, or the longest suffix of it under a root.
  public func resolve(_ file: String) -> String? {
    guard file.hasSuffix(".go") else { return nil }
    if Self.isRegularFile(file) { return file }
    return Self.find(file, under: roots)
  }

  /// The first root holding a tail of `file`'s path, longest tail first: the file checked out
  /// under `root` when its recorded path is another machine's.
  static func find(_ file: String, under roots: [String]) -> String? {
    let components = file.split(separator: "/")
    for root in roots {
      for start in components.indices {
        let candidate = root + "/" + components[start...].joined(separator: "/")
        if isRegularFile(candidate) { return candidate }
      }
    }
    return nil
  }

  /// The nearest of `directory` and its ancestors for which `match` gives a path, and that path.
  /// `directory` must be absolute: the climb ends at `/`, and a relative path (what a deleted
  /// working directory leaves) finds nothing rather than climbing `../..` forever.
  package static func nearestAncestor(of directory: String, _ match: (URL) -> String?) -> String? {
    guard directory.hasPrefix("/") else { return nil }
    var path = URL(fileURLWithPath: directory).standardizedFileURL.path
    while true {
      if let found = match(URL(fileURLWithPath: path, isDirectory: true)) { return found }
      guard path != "/", let slash = path.lastIndex(of: "/") else { return nil }
      path = slash == path.startIndex ? "/" : String(path[..<slash])
    }
  }

  private func lines(of file: String) -> [Substring]? {
    if let known = cache.withLock({ $0[file] }) { return known }
    if missing.withLock({ $0.contains(file) }) { return nil }
    guard let path = resolve(file),
      let bytes = try? ProfileFile.read(path: path, limit: Self.maxFileSize)
    else {
      missing.withLock { _ = $0.insert(file) }
      return nil
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    cache.withLock { $0[file] = lines }
    return lines
  }

  static func isRegularFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && !isDirectory.boolValue
  }
}
