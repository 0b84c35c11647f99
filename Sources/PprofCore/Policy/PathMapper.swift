import Foundation

/// Turns the file paths a profile recorded into paths relative to the repository, so that code
/// scanning and pull-request annotations land on the right file. Go records build paths
/// (`/home/runner/work/app/app/internal/x.go`) or, with `-trimpath`, module paths
/// (`example.com/app/internal/x.go`); neither is where the checkout is when the report is read.
public struct PathMapper: Sendable {
  /// `--path-prefix FROM=TO` rules, tried longest FROM first.
  public private(set) var prefixes: [(from: String, to: String)]
  /// The repository's top directory (absolute, no trailing slash).
  public var repositoryRoot: String
  /// Searched by path suffix when a mapped path is not in the repository.
  public var sourceRoots: [String]

  public init(prefixes: [(from: String, to: String)] = [], repositoryRoot: String, sourceRoots: [String] = []) {
    self.prefixes = prefixes.sorted { $0.from.count > $1.from.count }
    self.repositoryRoot = PathMapper.trimmed(repositoryRoot)
    self.sourceRoots = sourceRoots.map(PathMapper.trimmed)
  }

  /// Parses `FROM=TO` (TO may be empty: `FROM=` strips the prefix).
  public static func parsePrefix(_ text: String) -> (from: String, to: String)? {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
  }

  /// The repository of `directory`: the nearest ancestor holding `.git`, else `directory`.
  public static func repositoryRoot(containing directory: String) -> String {
    var url = URL(fileURLWithPath: directory).standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
        return url.path
      }
      let parent = url.deletingLastPathComponent()
      if parent.path == url.path { return directory }
      url = parent
    }
  }

  /// `file` after the first matching `--path-prefix` rule.
  public func mapped(_ file: String) -> String {
    for (from, to) in prefixes where file.hasPrefix(from) {
      return to + file.dropFirst(from.count)
    }
    return file
  }

  /// `file` relative to the repository root, or nil when it cannot be placed in the repository
  /// (the Go standard library, a module cache, a file that is not checked out).
  public func repositoryPath(_ file: String) -> String? {
    guard !file.isEmpty else { return nil }
    let path = mapped(file)
    if let relative = relativeToRoot(path) { return relative }
    if !path.hasPrefix("/"), exists(repositoryRoot + "/" + path) { return normalized(path) }
    // By suffix: the longest tail of the path that exists under the repository or a source root.
    let components = path.split(separator: "/")
    for root in [repositoryRoot] + sourceRoots {
      for start in components.indices {
        let tail = components[start...].joined(separator: "/")
        let candidate = root + "/" + tail
        if exists(candidate) {
          return relativeToRoot(URL(fileURLWithPath: candidate).standardizedFileURL.path)
        }
      }
    }
    return nil
  }

  private func relativeToRoot(_ path: String) -> String? {
    guard path.hasPrefix("/") else { return nil }
    let standard = URL(fileURLWithPath: path).standardizedFileURL.path
    guard standard.hasPrefix(repositoryRoot + "/") else { return nil }
    return String(standard.dropFirst(repositoryRoot.count + 1))
  }

  private func normalized(_ relative: String) -> String {
    relative.hasPrefix("./") ? String(relative.dropFirst(2)) : relative
  }

  private func exists(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && !isDirectory.boolValue
  }

  private static func trimmed(_ path: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    return absolute.count > 1 && absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
  }
}
