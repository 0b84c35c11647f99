import Foundation
import PprofAnalysis

/// Expands the paths given to `trend` into the files to read.
public enum ProfileDirectory {
  public struct File: Sendable {
    public var path: String
    /// Modification time, seconds since 1970.
    public var modified: Double
    /// Found by listing a directory (a bad one is skipped with a note, not an error).
    public var fromDirectory: Bool
    /// Why the file is not read at all (a FIFO, socket or device in a directory: opening one
    /// could block forever); nil for files to read.
    public var unreadableReason: String?
  }

  /// The subdirectory read with its directory even without `--recursive`.
  public static let leakCheckDirectory = "goroutineleak"

  public static func files(in paths: [String], recursive: Bool) throws(RunError) -> [File] {
    var files: [File] = []
    let manager = FileManager.default
    for path in paths {
      if path == ProfileFile.standardInputPath {
        files.append(File(path: path, modified: 0, fromDirectory: false))
        continue
      }
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .noSuchPath(path)
      }
      guard isDirectory.boolValue else {
        files.append(File(path: path, modified: modified(path), fromDirectory: false))
        continue
      }
      files += try list(path, recursive: recursive)
    }
    return files
  }

  private static func list(_ directory: String, recursive: Bool) throws(RunError) -> [File] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw .cannotList(directory)
    }
    var files: [File] = []
    for name in names.sorted(by: NaturalOrder.less) where !name.hasPrefix(".") {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      // Symbolic links are followed to files, not to directories (a link to a parent would
      // make --recursive loop forever).
      guard var attributes = attributes(of: path) else { continue }
      let isLink = attributes[.type] as? FileAttributeType == .typeSymbolicLink
      if isLink {
        guard let target = Self.attributes(of: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        else { continue }
        attributes = target
      }
      let type = attributes[.type] as? FileAttributeType
      if type == .typeDirectory {
        // A goroutineleak/ beside the other snapshots holds the runtime's leak checks of the
        // same series: read even without --recursive.
        if recursive || name == Self.leakCheckDirectory, !isLink { files += try list(path, recursive: recursive) }
        continue
      }
      let reason = type == .typeRegular ? nil : "not a regular file (a pipe, socket or device)"
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      files.append(
        File(path: path, modified: modified, fromDirectory: true, unreadableReason: reason))
    }
    return files
  }

  /// The entry's own attributes (a link's, not its target's).
  private static func attributes(of path: String) -> [FileAttributeKey: Any]? {
    try? FileManager.default.attributesOfItem(atPath: path)
  }

  private static func modified(_ path: String) -> Double {
    (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?
      .timeIntervalSince1970 ?? 0
  }

  /// Why a file in a directory was skipped, in a few words.
  public static func reason(_ error: ProfileLoadError, path: String) -> String {
    let text = error.description
    let prefix = error.path + ": "
    let detail = text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    if case .text = error.stage { return "not a goroutine dump (\(detail))" }
    return "not a pprof profile (\(detail))"
  }
}
