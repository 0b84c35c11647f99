/// The kinds of leak pprof-leak recognises, each with the runtime frames that identify it and
/// the advice an experienced Go engineer would give.
public enum LeakPattern: String, CaseIterable, Codable, Sendable {
  case blockedSend = "blocked-send"
  case blockedRecv = "blocked-recv"
  case blockedSelect = "blocked-select"
  case syncWait = "sync-wait"
  case unclosedHTTPBody = "unclosed-http-body"
  case unstoppedTimer = "unstopped-timer"
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
    case .goroutineGrowth: "more goroutines, in a state no known leak pattern explains"
    case .heapGrowth: "more live heap, allocated outside any known leak pattern"
    }
  }

  /// What to do about goroutines a traceback saw waiting (`evidence`): a send or receive on a
  /// nil channel has advice of its own.
  public func advice(for evidence: WaitEvidence?) -> String {
    let onNilChannel =
      (self == .blockedSend || self == .blockedRecv)
      && evidence?.waitReasons.first.map(WaitEvidence.isNilChannel) == true
    guard onNilChannel else { return advice }
    return "The channel is nil, and a send or receive on a nil channel blocks forever: it was "
      + "never made (a struct field or variable left at its zero value) or was set to nil. "
      + "Make it before the goroutines start; to switch a channel off, set it to nil only "
      + "inside a select that has another case to leave by."
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
      "Timers created in a loop live until they fire. Create one time.NewTimer (or Ticker) "
        + "outside the loop and Reset it, and Stop timers and tickers you are done with; "
        + "time.After in a busy select loop allocates a new timer on every iteration."
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
