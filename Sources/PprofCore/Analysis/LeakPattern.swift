public import PprofProfile

/// The kinds of leak pprof-leak recognises, each with the runtime frames that identify it and
/// the advice an experienced Go engineer would give.
public enum LeakPattern: String, CaseIterable, Codable, Sendable {
  case blockedSend = "blocked-send"
  case blockedRecv = "blocked-recv"
  case blockedSelect = "blocked-select"
  case syncWait = "sync-wait"
  case unclosedHTTPBody = "unclosed-http-body"
  case unstoppedTimer = "unstopped-timer"
  case uncancelledContext = "uncancelled-context"
  case blockedIO = "blocked-io"
  case goroutineGrowth = "goroutine-growth"
  case heapGrowth = "heap-growth"

  /// One line on what the stacks show.
  public var summary: String {
    switch self {
    case .blockedSend: "goroutines blocked forever sending on a channel nobody receives from"
    case .blockedRecv: "goroutines blocked forever receiving from a channel nobody sends on or closes"
    case .blockedSelect: "goroutines blocked forever in a select whose cases never fire"
    case .syncWait: "goroutines blocked forever on a sync.Mutex, RWMutex, WaitGroup or Cond"
    case .unclosedHTTPBody: "HTTP client connections kept open: response bodies never closed"
    case .unstoppedTimer: "timers or tickers kept alive until they fire (or forever)"
    case .uncancelledContext: "contexts whose cancel is never called, kept by their parent until it ends"
    case .blockedIO: "goroutines waiting in network reads (IO wait) on connections that never end"
    case .goroutineGrowth: "more goroutines, in a state no known leak pattern explains"
    case .heapGrowth: "more live heap, allocated outside any known leak pattern"
    }
  }

  /// What to do about goroutines a traceback saw waiting (`evidence`), allocated or parked at
  /// `stack` (leaf first): a send or receive on a nil channel has advice of its own, and timers
  /// advice for the runtime that made them.
  public func advice(for evidence: WaitEvidence?, stack: [Frame] = []) -> String {
    if self == .unstoppedTimer { return Self.timerAdvice(stack) }
    if self == .heapGrowth, LeakSignatures.isGoroutineBookkeeping(stack) {
      return "This heap is the runtime's own record of goroutines, their descriptors and stacks: "
        + "it grows because goroutines do. Fix the goroutines that leak (trend or diff over goroutine "
        + "profiles of the same moments names them); this memory goes with them."
    }
    let onNilChannel =
      (self == .blockedSend || self == .blockedRecv)
      && evidence?.waitReasons.first.map(WaitEvidence.isNilChannel) == true
    guard onNilChannel else { return advice }
    return "The channel is nil, and a send or receive on a nil channel blocks forever: it was "
      + "never made (a struct field or variable left at its zero value) or was set to nil. "
      + "Make it before the goroutines start; to switch a channel off, set it to nil only "
      + "inside a select that has another case to leave by."
  }

  /// Timers by the runtime that allocated them. From Go 1.23 the runtime frees a timer or
  /// ticker nothing references, stopped or not (for modules whose go.mod says go 1.23 or later;
  /// always from Go 1.27, which removed `asynctimerchan`); its heap stacks then pass through
  /// `time.newTimer`, the runtime's constructor. Before, every timer lived until it fired. A
  /// `time.AfterFunc` keeps its function until it fires on every version.
  static func timerAdvice(_ stack: [Frame]) -> String {
    let functions = Set(stack.map(\.function))
    if functions.contains("time.AfterFunc") {
      return "time.AfterFunc keeps its function, and everything the function captures, until the "
        + "timer fires, on every Go version. Keep the *Timer it returns and Stop it when the "
        + "work is no longer wanted (on shutdown, or when the request it was for ends)."
    }
    if functions.contains("time.newTimer") {
      return "This runtime (Go 1.23 or later) frees timers and tickers that nothing references, "
        + "stopped or not, so these are still referenced: kept in a slice, map or struct, or a "
        + "ticker whose goroutine still ranges over its channel. Drop the reference or Stop "
        + "the ticker and end its goroutine. On Go 1.23–1.26 a go.mod older than go 1.23 "
        + "keeps the old behaviour (asynctimerchan=1): raise its go line."
    }
    return "Go 1.22 and older keep every timer until it fires, referenced or not: create one "
      + "time.NewTimer (or Ticker) outside the loop and Reset it, and Stop timers and tickers "
      + "you are done with; time.After in a busy select loop allocates a new timer on every "
      + "iteration. From Go 1.23 (go.mod go 1.23 or later; always from Go 1.27) unreferenced "
      + "timers are freed even if never stopped, so growth there means something still "
      + "references them (a slice, map or struct, or a goroutine ranging over a ticker's "
      + "channel): drop the reference, or Stop the ticker and end its goroutine."
  }

  /// What to do about it.
  public var advice: String {
    switch self {
    case .blockedSend:
      "The receiver has gone away (returned early, timed out, or panicked) and the sender waits "
        + "forever. Give the channel a buffer of one so the single send always completes, or "
        + "send inside a select that also waits on ctx.Done() or a done channel."
    case .blockedRecv:
      "Nothing will ever send on or close this channel. Close it when the producer is done "
        + "(defer close(ch) in the sender), or receive inside a select with ctx.Done() or a "
        + "timeout so the goroutine can give up."
    case .blockedSelect:
      "None of the select's cases can ever proceed. Add a case for ctx.Done() or a done "
        + "channel that is closed on shutdown; a bare select {} parks its goroutine forever."
    case .syncWait:
      "A lock is never released or a WaitGroup never reaches zero. Unlock with defer right "
        + "after Lock (covering every early return and panic), make every Add have its Done "
        + "(defer wg.Done() at the top of the goroutine), and Signal/Broadcast every Cond wait."
    case .unclosedHTTPBody:
      "Each response body left open pins a connection and its readLoop/writeLoop goroutines. "
        + "Close every resp.Body (defer resp.Body.Close() right after the error check), and "
        + "drain it (io.Copy(io.Discard, resp.Body)) if you want the connection reused."
    case .unstoppedTimer:
      "Timers created in a loop live until they fire on Go 1.22 and older, and on any version "
        + "while something references them. Create one time.NewTimer (or Ticker) outside the "
        + "loop and Reset it, Stop timers and tickers you are done with, and drop references to "
        + "them; a time.AfterFunc keeps its function until it fires on every version."
    case .uncancelledContext:
      "Every context.WithCancel, WithTimeout and WithDeadline returns a cancel function that must "
        + "be called: until it is, the new context stays in its parent's children (and WithTimeout's "
        + "timer lives until it fires). Call defer cancel() right after creating it, also on the "
        + "paths that return early; go vet's lostcancel check finds the ones dropped."
    case .blockedIO:
      "Connections that are never closed keep a goroutine each waiting in a read. Give servers "
        + "read and idle timeouts (http.Server ReadTimeout, ReadHeaderTimeout, IdleTimeout; "
        + "conn.SetReadDeadline for raw connections), close connections when their work is done, "
        + "and bound how many are open. An idle keep-alive pool at its cap is not a leak."
    case .goroutineGrowth:
      "The goroutine count grows in a stack that matches no known blocking pattern. Check how "
        + "these goroutines end: every goroutine needs a way to return (a context, a done "
        + "channel, a closed input)."
    case .heapGrowth:
      "Live memory grows at this allocation site. If it should be bounded (a cache, a pool, "
        + "a buffer), cap it; if it should have been freed, find what still references it "
        + "(a map, a slice, a global, a goroutine). Compare more snapshots with trend."
    }
  }
}
