#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import PprofProfile
import PprofAnalysis

/// Expands the paths given to `trend` into the files to read.
///
/// Directories are listed with the system's own calls, by bytes: a name that is not UTF-8 is
/// read like any other (`FileName`). Every entry not read is counted in a note or listed as
/// skipped, never left out without a word.
public enum ProfileDirectory {
  public struct File: Sendable {
    public var path: String
    /// Modification time, seconds since 1970.
    public var modified: Double
    /// Found by listing a directory (a bad one is skipped with a note, not an error).
    public var fromDirectory: Bool
    /// Why the file is not read at all (a FIFO, socket or device in a directory: opening one
    /// could block forever; a link to nothing); nil for files to read.
    public var unreadableReason: String?
  }

  /// The files to read, and what the listing left out on purpose, one note per directory.
  public struct Listing: Sendable {
    public var files: [File] = []
    /// "runs/: 2 hidden entries and 1 subdirectory not read (--recursive reads subdirectories)".
    public var notes: [String] = []
  }

  /// The subdirectory read with its directory even without `--recursive`.
  public static let leakCheckDirectory = "goroutineleak"

  public static func files(in paths: [String], recursive: Bool) throws(RunError) -> Listing {
    var listing = Listing()
    for path in paths {
      if path == ProfileFile.standardInputPath {
        listing.files.append(File(path: path, modified: 0, fromDirectory: false))
        continue
      }
      guard let info = FileName.status(path, following: true) else {
        guard errno == ENOENT || errno == ENOTDIR else {
          // Reading it will say what is wrong (no permission to its directory, …).
          listing.files.append(File(path: path, modified: 0, fromDirectory: false))
          continue
        }
        throw .noSuchPath(path)
      }
      guard info.isDirectory else {
        listing.files.append(File(path: path, modified: info.modified, fromDirectory: false))
        continue
      }
      try list(path, recursive: recursive, into: &listing)
    }
    return listing
  }

  /// What listing one directory left out, for its note.
  private struct LeftOut {
    var hidden = 0
    var subdirectories = 0
    var linkedDirectories = 0

    func note(_ directory: String) -> String? {
      var parts: [String] = []
      if hidden > 0 { parts.append(count(hidden, "hidden entry", "hidden entries")) }
      if subdirectories > 0 {
        parts.append(count(subdirectories, "subdirectory", "subdirectories") + " (--recursive reads them)")
      }
      if linkedDirectories > 0 {
        parts.append(count(linkedDirectories, "link", "links") + " to a directory (never followed)")
      }
      guard !parts.isEmpty else { return nil }
      return "\(ProfileFile.displayName(directory)): not read: " + parts.joined(separator: ", ")
    }

    private func count(_ n: Int, _ one: String, _ many: String) -> String {
      "\(n) \(n == 1 ? one : many)"
    }
  }

  private static func list(_ directory: String, recursive: Bool, into listing: inout Listing)
    throws(RunError)
  {
    let names = try entries(of: directory)
    var leftOut = LeftOut()
    for name in names.sorted(by: NaturalOrder.less) {
      guard !name.hasPrefix(".") else {
        leftOut.hidden += 1
        continue
      }
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      guard let own = FileName.status(path, following: false) else {
        // Only a directory without search (x) permission refuses every entry's status.
        if errno == EACCES {
          throw .cannotList(directory, reason: "no search permission (x) to examine its entries")
        }
        listing.files.append(unreadable(path, "could not be examined: \(SystemError.message(errno))"))
        continue
      }
      var info = own
      if own.isLink {
        // Links are followed to files, not to directories (a link to a parent would make
        // --recursive loop forever).
        guard let target = FileName.status(path, following: true) else {
          listing.files.append(unreadable(path, "a symbolic link to nothing (or a loop of links)"))
          continue
        }
        if target.isDirectory {
          leftOut.linkedDirectories += 1
          continue
        }
        info = target
      }
      if info.isDirectory {
        // A goroutineleak/ beside the other snapshots holds the runtime's leak checks of the
        // same series: read even without --recursive.
        if recursive || name == Self.leakCheckDirectory {
          try list(path, recursive: recursive, into: &listing)
        } else {
          leftOut.subdirectories += 1
        }
        continue
      }
      listing.files.append(
        File(
          path: path, modified: info.modified, fromDirectory: true,
          unreadableReason: info.isRegular ? nil : "not a regular file (a pipe, socket or device)"))
    }
    if let note = leftOut.note(directory) { listing.notes.append(note) }
  }

  private static func unreadable(_ path: String, _ reason: String) -> File {
    File(path: path, modified: 0, fromDirectory: true, unreadableReason: reason)
  }

  /// The names in `directory`, by bytes, without `.` and `..`.
  private static func entries(of directory: String) throws(RunError) -> [String] {
    guard let stream = FileName.withCString(directory, { opendir($0) }) else {
      throw .cannotList(directory, reason: SystemError.message(errno))
    }
    defer { closedir(stream) }
    var names: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 { throw .cannotList(directory, reason: SystemError.message(errno)) }
        return names
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        FileName.string(raw.prefix { $0 != 0 })
      }
      if name != ".", name != ".." { names.append(name) }
    }
  }

  /// Why a file in a directory was skipped, in a few words.
  public static func reason(_ error: ProfileLoadError, path: String) -> String {
    let text = error.description
    let prefix = ProfileFile.displayName(error.path) + ": "
    let detail = text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    if case .text = error.stage { return "not a goroutine dump (\(detail))" }
    return "not a pprof profile (\(detail))"
  }
}
