import Foundation
public import PprofProfile

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
    SourceResolver.nearestAncestor(of: directory) { url in
      FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path)
        ? url.path : nil
    } ?? directory
  }

  /// `file` after the first matching `--path-prefix` rule.
  public func mapped(_ file: String) -> String {
    for (from, to) in prefixes where file.hasPrefix(from) {
      return to + file.dropFirst(from.count)
    }
    return file
  }

  /// Where `frame` is in the repository: nil for frames of the runtime and the standard
  /// library, which are never the repository's (a `proc.go` at its top is not the runtime's,
  /// however well the path's tail matches).
  public func repositoryPath(of frame: Frame) -> String? {
    LeakSignatures.isStandardLibrary(frame.function) ? nil : repositoryPath(frame.file)
  }

  /// `file` relative to the repository root, or nil when it cannot be placed in the repository
  /// (the Go standard library, a module cache, a file that is not checked out).
  public func repositoryPath(_ file: String) -> String? {
    guard !file.isEmpty else { return nil }
    let path = mapped(file)
    if let relative = relativeToRoot(path) { return relative }
    if !path.hasPrefix("/"), SourceResolver.isRegularFile(repositoryRoot + "/" + path) {
      return normalized(path)
    }
    // By suffix: the longest tail of the path that exists under the repository or a source root.
    return SourceResolver.find(path, under: [repositoryRoot] + sourceRoots).flatMap {
      relativeToRoot(URL(fileURLWithPath: $0).standardizedFileURL.path)
    }
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

  private static func trimmed(_ path: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    return absolute.count > 1 && absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
  }
}
