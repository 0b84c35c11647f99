import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file whole or not at all: into a temporary file beside it, then renamed over it, so
/// a reader (or a failed run) never sees half a report or half a snapshot.
public enum AtomicFile {
  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Array(text.utf8), to: path)
  }

  public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    try prepare(bytes, for: path).commit()
  }

  /// Files written in full but not yet in place: `commit()` renames each over its path; a
  /// failure before that leaves every path as it was (`discard()` removes the rest). A path
  /// that names a device, a pipe or a socket cannot be replaced: its bytes are written to it
  /// at `commit()`.
  public struct Pending: Sendable {
    enum Storage: Sendable {
      /// Written to this temporary file beside the target, to be renamed over it (`slot`: its
      /// place among the files removed on a signal).
      case temporary(String, slot: Int?)
      /// To be written straight into the target, which is not a regular file.
      case direct([UInt8])
    }

    let storage: Storage
    /// Where the bytes go: `path` with its symbolic links resolved, so that a link is written
    /// through rather than replaced.
    let target: String
    public let path: String

    public func commit() throws(WriteError) {
      switch storage {
      case .temporary(let temporary, let slot):
        guard FileName.withCString(temporary, { old in FileName.withCString(target) { rename(old, $0) } }) == 0 else {
          let reason = AtomicFile.currentError()
          discard()
          throw WriteError(path: path, reason: reason)
        }
        TemporaryFiles.forget(slot)
      case .direct(let bytes):
        let descriptor = FileName.withCString(target) { open($0, O_WRONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: AtomicFile.currentError()) }
        var failure = AtomicFile.writeAll(bytes, to: descriptor)
        if close(descriptor) != 0, failure == nil { failure = AtomicFile.currentError() }
        if let failure { throw WriteError(path: path, reason: failure) }
      }
    }

    public func discard() {
      if case .temporary(let temporary, let slot) = storage {
        _ = FileName.withCString(temporary) { unlink($0) }
        TemporaryFiles.forget(slot)
      }
    }

    /// Written at `commit()` into a device, a pipe or a socket, where it can fail.
    var isDirect: Bool {
      if case .direct = storage { return true }
      return false
    }
  }

  /// Writes the bytes for each path into temporary files, then puts them all in place: either
  /// every file is written or none is changed (unless a rename itself fails midway). Devices
  /// and pipes, which cannot be written ahead, are written first, before any rename.
  public static func write(_ files: [(bytes: [UInt8], path: String)]) throws(WriteError) {
    // Two outputs on one file: one would silently replace the other.
    var seen: [String: String] = [:]
    for file in files {
      let target = resolvedTarget(file.path) ?? file.path
      if let first = seen[target] {
        throw WriteError(path: file.path, reason: "the same file as \(first): give each output its own path; nothing was written")
      }
      seen[target] = file.path
    }
    var pending: [Pending] = []
    do {
      for file in files { pending.append(try prepare(file.bytes, for: file.path)) }
    } catch {
      pending.forEach { $0.discard() }
      throw error
    }
    pending = pending.filter(\.isDirect) + pending.filter { !$0.isDirect }
    for (index, file) in pending.enumerated() {
      do {
        try file.commit()
      } catch {
        pending[(index + 1)...].forEach { $0.discard() }
        throw error
      }
    }
  }

  /// Writes `bytes` to a temporary file beside `path` (same directory, so the rename is
  /// atomic); or, when `path` is a device, a pipe or a socket (`/dev/stdout`, a process
  /// substitution), keeps them to write into it at `commit()`.
  public static func prepare(_ bytes: [UInt8], for path: String) throws(WriteError) -> Pending {
    // A symbolic link is written through, to a target that exists and the user could write
    // anyway; a dangling or looping link is not replaced by a file.
    var link = stat()
    let isLink = FileName.withCString(path) { lstat($0, &link) } == 0 && link.st_mode & S_IFMT == S_IFLNK
    guard let target = resolvedTarget(path) else {
      throw WriteError(path: path, reason: "a symbolic link whose target does not exist or loops: not replaced")
    }
    var status = stat()
    let exists = FileName.withCString(target) { stat($0, &status) } == 0
    if isLink, exists, FileName.withCString(target, { access($0, W_OK) }) != 0 {
      throw WriteError(path: path, reason: "a symbolic link to \(FileName.escaped(target)), which cannot be written")
    }
    if exists, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFDIR {
      return Pending(storage: .direct(bytes), target: target, path: path)
    }
    let url = URL(fileURLWithPath: target)
    let directory = url.deletingLastPathComponent().path
    var template = FileName.bytes(directory + "/.\(url.lastPathComponent).XXXXXX").map { CChar(bitPattern: $0) } + [0]
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else { throw WriteError(path: path, reason: currentError()) }
    let temporary = FileName.string(template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
    let slot = TemporaryFiles.remember(temporary)
    var failure = writeAll(bytes, to: descriptor)
    if failure == nil, fsync(descriptor) != 0 { failure = currentError() }
    if close(descriptor) != 0, failure == nil { failure = currentError() }
    if exists {
      // The file it replaces keeps its mode, and its owner and group where the user may keep
      // them (root, or a group the user is in).
      _ = FileName.withCString(temporary) { chmod($0, status.st_mode & 0o7777) }
      _ = FileName.withCString(temporary) { chown($0, status.st_uid, status.st_gid) }
    } else {
      // mkstemp creates the file 0600; a report is as readable as any file the user writes.
      let mask = umask(0)
      umask(mask)
      _ = FileName.withCString(temporary) { chmod($0, 0o666 & ~mask) }
    }
    if let failure {
      _ = FileName.withCString(temporary) { unlink($0) }
      TemporaryFiles.forget(slot)
      throw WriteError(path: path, reason: failure)
    }
    return Pending(storage: .temporary(temporary, slot: slot), target: target, path: path)
  }

  /// `path` with its symbolic links resolved (the path itself when it does not exist yet); nil
  /// for a link whose target does not exist or that loops.
  static func resolvedTarget(_ path: String) -> String? {
    var link = stat()
    guard FileName.withCString(path, { lstat($0, &link) }) == 0 else {
      return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
    guard let resolved = FileName.withCString(path, { realpath($0, nil) }) else { return nil }
    defer { free(resolved) }
    return FileName.string(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
  }

  /// Writes all of `bytes` to `descriptor`; the reason it failed, or nil.
  fileprivate static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
    bytes.withUnsafeBytes { FileDescriptorWriter.writeAll($0, to: descriptor) }
      .map { String(cString: strerror($0)) }
  }

  fileprivate static func currentError() -> String { String(cString: strerror(errno)) }
}

/// A file that could not be written.
public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public var description: String { "cannot write \(ProfileFile.displayName(path)): \(reason)" }
}
