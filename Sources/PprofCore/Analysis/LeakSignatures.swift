import PprofProfile

/// Runtime frame signatures of the leak patterns: one table, matched against the frames of a
/// stack from the leaf up to the first frame outside the runtime and standard library.
///
/// Names hold for Go 1.19 through Go 1.27 (fixtures of 1.19, 1.21, 1.23, 1.25 and 1.27): `runtime.chansend1`,
/// `runtime.chanrecv1/2` and `runtime.selectgo` are unchanged since Go 1.x; Go 1.24 moved
/// sync.Mutex's implementation to `internal/sync` (`internal/sync.runtime_SemacquireMutex`,
/// `internal/sync.(*Mutex).lockSlow`) and gave WaitGroup `sync.runtime_SemacquireWaitGroup`,
/// so the old and new spellings are both listed. From Go 1.23, unreferenced timers are collected even when not
/// stopped, so `unstopped-timer` mostly concerns older runtimes and timers still referenced.
enum LeakSignatures {
  /// Patterns recognised by a frame in the blocking prefix of a goroutine stack.
  static let blocking: [(pattern: LeakPattern, functions: Set<String>)] = [
    (.blockedSend, ["runtime.chansend1", "runtime.chansend"]),
    (
      .blockedRecv,
      ["runtime.chanrecv1", "runtime.chanrecv2", "runtime.chanrecv"]
    ),
    (.blockedSelect, ["runtime.selectgo", "runtime.block", "reflect.rselect"]),
    (.blockedIO, ["internal/poll.(*pollDesc).waitRead", "internal/poll.(*pollDesc).waitWrite"]),
    (
      .syncWait,
      [
        "sync.runtime_SemacquireMutex", "sync.runtime_Semacquire",
        "sync.runtime_SemacquireRWMutexR", "sync.runtime_SemacquireRWMutex",
        "sync.runtime_SemacquireWaitGroup", "sync.runtime_notifyListWait",
        "internal/sync.runtime_SemacquireMutex", "internal/sync.(*Mutex).lockSlow",
        "internal/sync.(*Mutex).Lock",
        "sync.(*Mutex).lockSlow", "sync.(*Mutex).Lock", "sync.(*RWMutex).Lock",
        "sync.(*RWMutex).RLock", "sync.(*WaitGroup).Wait", "sync.(*Cond).Wait",
      ]
    ),
  ]

  /// Patterns recognised by a traceback header's wait reason (`goroutine 7 [chan send]:`), by
  /// prefix: "chan send (nil chan)" is a send, "select (no cases)" a select. Go 1.19 says
  /// "semacquire" for Mutex and WaitGroup waits; newer runtimes name the primitive.
  static let waitReasons: [(prefix: String, pattern: LeakPattern)] = [
    ("chan send", .blockedSend), ("chan receive", .blockedRecv), ("select", .blockedSelect),
    ("semacquire", .syncWait), ("sync.Mutex.Lock", .syncWait), ("sync.RWMutex.RLock", .syncWait),
    ("sync.RWMutex.Lock", .syncWait), ("sync.WaitGroup.Wait", .syncWait),
    ("sync.Cond.Wait", .syncWait), ("IO wait", .blockedIO),
  ]

  /// The pattern a wait reason names, if any.
  static func pattern(forWaitReason reason: String) -> LeakPattern? {
    waitReasons.first { reason.hasPrefix($0.prefix) }?.pattern
  }

  /// Goroutines of an HTTP client connection (anywhere in the stack).
  static let httpClientConnection: Set<String> = [
    "net/http.(*persistConn).readLoop", "net/http.(*persistConn).writeLoop",
  ]

  /// Goroutines an HTTP server runs for a client's connection (anywhere in the stack): HTTP/1's
  /// `conn.serve`, and HTTP/2's frame reader (bundled in net/http until Go 1.26, then in
  /// net/http/internal/http2).
  static let httpServerConnection: Set<String> = [
    "net/http.(*conn).serve", "net/http.(*http2serverConn).readFrames",
    "net/http/internal/http2.(*serverConn).readFrames",
  ]

  /// Heap allocated for an HTTP client connection (anywhere in a heap stack): its buffers and
  /// goroutines, which live as long as the response body stays open.
  static let httpClientConnectionAllocation: Set<String> = [
    "net/http.(*Transport).dialConn", "net/http.(*persistConn).readLoop",
    "net/http.(*persistConn).writeLoop",
  ]

  /// Where the runtime allocates its own record of goroutines: descriptors (`runtime.malg`
  /// under `runtime.newproc1`, `allgadd`) and stacks (`stackalloc`, growth by `newstack` /
  /// `copystack`). Heap there grows because goroutines do.
  static let goroutineBookkeeping: Set<String> = [
    "runtime.malg", "runtime.newproc1", "runtime.allgadd", "runtime.newstack", "runtime.copystack",
    "runtime.stackalloc", "runtime.stackcacherefill", "runtime.gfget",
  ]

  /// True for a heap stack of the runtime's goroutine bookkeeping alone: no frame outside the
  /// runtime and standard library, one of `goroutineBookkeeping`.
  static func isGoroutineBookkeeping(_ stack: [Frame]) -> Bool {
    stack.contains { goroutineBookkeeping.contains($0.function) }
      && stack.allSatisfy { isStandardLibrary($0.function) }
  }

  /// The calls that make an HTTP client request; the frame that calls one is where a request
  /// whose body is never closed was made.
  static let httpClientCalls: Set<String> = [
    "net/http.(*Client).Do", "net/http.(*Client).Get", "net/http.(*Client).Post",
    "net/http.(*Client).Head", "net/http.(*Client).PostForm", "net/http.Get", "net/http.Post",
    "net/http.Head", "net/http.PostForm", "net/http.(*Transport).RoundTrip",
  ]

  /// Goroutines of a finding that wait where idle workers also wait: a receive, a select with
  /// cases, `sync.Cond.Wait`, a network read (an idle keep-alive connection). Their growth
  /// alone is a suspect; a send or a lock that grows is a leak, and so is a `select {}`
  /// (`runtime.block` in a profile, `select (no cases)` in a traceback), which nothing can end.
  static func waitsLikeIdleWorkers(_ finding: Finding) -> Bool {
    switch finding.pattern {
    case .blockedRecv, .blockedIO: return true
    case .blockedSelect:
      return finding.waitReason != "select (no cases)"
        && !finding.stack.contains { $0.function == "runtime.block" }
    case .syncWait:
      return finding.waitReason?.hasPrefix("sync.Cond.Wait") == true
        || finding.stack.contains {
          $0.function == "sync.(*Cond).Wait" || $0.function == "sync.runtime_notifyListWait"
        }
    default: return false
    }
  }

  /// Functions that make a cancellable context (anywhere in a heap stack): what they allocate
  /// lives in the parent until cancel is called.
  static let contextConstructors: Set<String> = [
    "context.WithCancel", "context.WithCancelCause", "context.WithTimeout", "context.WithTimeoutCause",
    "context.WithDeadline", "context.WithDeadlineCause", "context.propagateCancel",
    "context.(*cancelCtx).propagateCancel", "context.withCancel",
  ]

  /// Functions that create timers or tickers (anywhere in a heap stack).
  static let timerConstructors: Set<String> = [
    "time.After", "time.NewTimer", "time.NewTicker", "time.Tick", "time.AfterFunc",
  ]

  /// Top-level package directories of the Go standard library (and `vendor/` copies in it);
  /// frames in them are not where a leak is fixed.
  static let standardLibraryRoots: Set<String> = [
    "archive", "arena", "bufio", "builtin", "bytes", "cmp", "compress", "container", "context",
    "crypto", "database", "debug", "embed", "encoding", "errors", "expvar", "flag", "fmt", "go",
    "hash", "html", "image", "index", "internal", "io", "iter", "log", "maps", "math", "mime",
    "net", "os", "path", "plugin", "reflect", "regexp", "runtime", "slices", "sort", "strconv",
    "strings", "structs", "sync", "syscall", "testing", "text", "time", "unicode", "unique",
    "unsafe", "vendor", "weak",
  ]

  /// The import path of a Go function name: "net/http.(*conn).serve" → "net/http",
  /// "main.handler.func1" → "main", "github.com/a/b.(*T).M" → "github.com/a/b".
  static func packagePath(of function: String) -> Substring {
    let lastSlash = function.lastIndex(of: "/")
    let searchStart = lastSlash.map { function.index(after: $0) } ?? function.startIndex
    guard let dot = function[searchStart...].firstIndex(of: ".") else { return function[...] }
    return function[..<dot]
  }

  /// True for frames of the runtime itself: `runtime.…`, and the packages Go 1.22+ split out
  /// of it under `internal/runtime/` (`internal/runtime/maps`, `internal/runtime/atomic`, …).
  static func isRuntime(_ function: String) -> Bool {
    function.hasPrefix("runtime.") || function.hasPrefix("internal/runtime/")
  }

  /// True for frames of the runtime and standard library (and frames without a name): every
  /// `internal/…` package (`internal/sync`, which holds sync.Mutex since Go 1.24,
  /// `internal/runtime/maps`, `internal/poll`) included.
  static func isStandardLibrary(_ function: String) -> Bool {
    if function.isEmpty { return true }
    let path = packagePath(of: function)
    let root = path.prefix { $0 != "/" }
    // Module paths start with a domain ("github.com/…"); the standard library's never do.
    if root.contains(".") { return false }
    return standardLibraryRoots.contains(String(root))
  }
}
