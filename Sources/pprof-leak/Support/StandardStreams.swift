import PprofCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard output and standard error, written with write(2) so that a failed write is an
/// outcome, never a trap (Foundation's `FileHandle.write` traps on every error).
///
/// - A reader that went away (EPIPE: `pprof-leak … | head`) ends the run at once and
///   quietly, by SIGPIPE, as `cat` and Go programs end, even when a parent left SIGPIPE ignored.
/// - Any other failure to write the report (ENOSPC, EIO, a closed standard output) ends the run
///   with status 2 and one line on standard error.
/// - A message that standard error cannot take is lost: there is nowhere left to say so, and
///   the exit status still tells the outcome.
enum StandardStreams {
  /// Makes sure descriptors 0, 1 and 2 are open before any file is, so a file opened later is
  /// never handed descriptor 1 or 2 (a run started with `>&-` or `2>&-` would write its report
  /// or its warnings into that file). A closed one is opened on /dev/null for reading only, so
  /// that writes to it still fail, and standard output's failure is reported.
  static func reserveDescriptors() {
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
    where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
      let opened = open("/dev/null", O_RDONLY)
      if opened >= 0, opened != descriptor {
        dup2(opened, descriptor)
        close(opened)
      }
    }
  }

  /// Writes `text` to standard output, or ends the run as the type's comment says.
  static func writeOutput(_ text: String) {
    if let failure = writeAll(text, to: STDOUT_FILENO) {
      if failure == EPIPE { endByBrokenPipe() }
      writeError("pprof-leak: error: cannot write to standard output: \(SystemError.message(failure))\n")
      exit(2)
    }
  }

  /// Writes `text` to standard error; a failure is ignored (see the type's comment), but a
  /// closed pipe ends the run as it does for standard output.
  static func writeError(_ text: String) {
    if writeAll(text, to: STDERR_FILENO) == EPIPE { endByBrokenPipe() }
  }

  /// The error number of a failed write, nil when every byte was written.
  private static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
    var text = text
    return text.withUTF8 { FileDescriptorWriter.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
  }

  /// Ends the process by SIGPIPE's default action, as a filter's reader expects; should the
  /// signal be blocked, by status 2.
  private static func endByBrokenPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGPIPE)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    raise(SIGPIPE)
    _exit(2)
  }
}
