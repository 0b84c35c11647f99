// Command scenarios leaks memory or goroutines in one well-known way per
// scenario and writes goroutine and heap profiles before (BASE) and after (NEW)
// the leak grows, from one process. Used by Fixtures/regen. Do not "fix" it:
// the leaks are the point.
//
//	scenarios -scenario NAME -out DIR [-phase base|new|both]
//
// For every scenario: start a small steady background, leak N1 units, wait
// until the leaked goroutines are parked where they are expected to be,
// runtime.GC(), write the BASE snapshot, leak N2 more units, wait, GC, write
// the NEW snapshot, exit. A snapshot is four files in DIR:
//
//	base.goroutine.pb.gz      goroutine profile, WriteTo(f, 0)
//	base.heap.pb.gz           heap profile, WriteTo(f, 0)
//	base.goroutine.debug1.txt goroutine profile, WriteTo(f, 1)
//	base.goroutine.debug2.txt goroutine profile, WriteTo(f, 2)
//
// and the same with "new.". -phase base writes only BASE (and exits), -phase
// new only NEW (after N1+N2); regen uses them for the crossbuild pair.
//
// Every leaking operation is in its own //go:noinline function, and the line
// where the goroutine blocks (or the allocation happens) ends with a comment
// "leak-site: <pattern>" (after the two slashes), so tests can find the expected
// file and line by searching for the marker. Within one function each
// pattern is marked at most once.
//
// Heap profiling records every allocation (MemProfileRate 1, set first thing
// in main), so heap values are exact, not sampled estimates. It is off only
// while a snapshot is written (see snapshot) and for the one buffer that
// holds stack dumps.
//
// The program checks itself: before each snapshot it polls runtime.Stack
// until exactly the expected number of goroutines is parked in each leaking
// function with the expected wait reason, and runtime.NumGoroutine() is
// main + the steady background + the leaked ones. It exits with status 1
// (and a message) if that does not happen within 10 s.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"time"
)

// ---------------------------------------------------------------------------
// The steady background: the same in every scenario, in BASE and in NEW.

//go:noinline
func startBackground(stop chan struct{}) {
	go backgroundIdle(stop)
	go backgroundIdle(stop)
	go heartbeat(stop)
}

//go:noinline
func backgroundIdle(stop chan struct{}) {
	<-stop // steady: 2 goroutines, never more
}

//go:noinline
func heartbeat(stop chan struct{}) {
	t := time.NewTicker(time.Hour) // one ticker for the whole run: steady
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-stop:
			return
		}
	}
}

var background = []wait{
	{"main.backgroundIdle", "chan receive", 2},
	{"main.heartbeat", "select", 1},
}

// ---------------------------------------------------------------------------
// blocked-send: a result nobody receives.

//go:noinline
func startSender() {
	ch := make(chan []byte) // unbuffered, and nobody ever receives
	go sendResult(ch)
}

//go:noinline
func sendResult(ch chan []byte) {
	v := make([]byte, 64<<10) // leak-site: heap-growth
	for i := range v {
		v[i] = byte(i)
	}
	ch <- v // leak-site: blocked-send
}

// ---------------------------------------------------------------------------
// blocked-recv: a reply that never comes.

//go:noinline
func startWaiter() {
	ch := make(chan int) // nobody ever sends
	go waitForReply(ch)
}

//go:noinline
func waitForReply(ch chan int) int {
	v := <-ch // leak-site: blocked-recv
	return v
}

// ---------------------------------------------------------------------------
// blocked-select: a select whose channels never fire, and an empty select.

//go:noinline
func startSelector() {
	a := make(chan int)      // never sent on, never closed
	b := make(chan struct{}) // never sent on, never closed
	go waitForEither(a, b)
}

//go:noinline
func waitForEither(a chan int, b chan struct{}) int {
	select { // leak-site: blocked-select
	case v := <-a:
		return v
	case <-b:
		return -1
	}
}

//go:noinline
func startParker() {
	go parkForever()
}

//go:noinline
func parkForever() {
	select {} // leak-site: blocked-select
}

// ---------------------------------------------------------------------------
// sync-mutex: a mutex that was locked once and never unlocked.

//go:noinline
func lockAndForget(mu *sync.Mutex) {
	mu.Lock() // the missing Unlock is the bug; this goroutine does not block
}

//go:noinline
func startLocker(mu *sync.Mutex, balance *int) {
	go lockAccount(mu, balance)
}

//go:noinline
func lockAccount(mu *sync.Mutex, balance *int) {
	mu.Lock() // leak-site: sync-mutex
	*balance++
	mu.Unlock()
}

// ---------------------------------------------------------------------------
// sync-waitgroup: a WaitGroup whose counter never reaches zero.

//go:noinline
func startWaitAll(wg *sync.WaitGroup) {
	go waitAll(wg)
}

//go:noinline
func waitAll(wg *sync.WaitGroup) {
	wg.Wait() // leak-site: sync-waitgroup
}

// ---------------------------------------------------------------------------
// sync-cond: a condition that is never signalled.

type gate struct {
	cond *sync.Cond
	open bool
}

//go:noinline
func startSignalWaiter(g *gate) {
	go waitForSignal(g)
}

//go:noinline
func waitForSignal(g *gate) {
	g.cond.L.Lock()
	for !g.open {
		g.cond.Wait() // leak-site: sync-cond
	}
	g.cond.L.Unlock()
}

// ---------------------------------------------------------------------------
// unstopped-timer: timers that are never stopped. Go 1.19 keeps a timer (and
// its channel) reachable from the runtime's timer heap until it fires, an
// hour later, so each iteration leaks one timer. No goroutine is leaked.

//go:noinline
func pollLoop(work chan int, n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		work <- i // work always has a value ready: the timer never wins
		select {
		case v := <-work:
			sum += v
		case <-time.After(time.Hour): // leak-site: unstopped-timer
			sum--
		}
	}
	return sum
}

//go:noinline
func tickerLoop(work chan int, n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		work <- i
		t := time.NewTicker(time.Hour) // leak-site: unstopped-timer
		select {
		case v := <-work:
			sum += v
		case <-t.C:
			sum--
		}
		// The missing t.Stop() is the bug.
	}
	return sum
}

// ---------------------------------------------------------------------------
// unclosed-http-body: responses whose body is never closed. Each one pins a
// keep-alive connection: the client's readLoop and writeLoop goroutines and
// the server's conn.serve goroutine stay.

//go:noinline
func fetchStatus(url string) (int, error) {
	resp, err := http.Get(url) // leak-site: unclosed-http-body
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // the missing resp.Body.Close() is the bug
}

//go:noinline
func startStatusServer() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("listen: %v", err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(statusHandler)}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/status"
}

//go:noinline
func statusHandler(w http.ResponseWriter, r *http.Request) {
	// A non-empty body: with an empty one the client would reuse the
	// connection at once, closed body or not.
	io.WriteString(w, "ok\n")
}

// ---------------------------------------------------------------------------
// sleepers: goroutines that sleep forever. No channel or sync pattern.

//go:noinline
func startNapper() {
	go napForever()
}

//go:noinline
func napForever() {
	for {
		time.Sleep(time.Hour) // leak-site: unknown
	}
}

// ---------------------------------------------------------------------------
// cache-warmup: NOT a leak. A bounded cache fills up to its cap and stays
// there, and a bounded worker pool grows to its cap. Both grow between BASE
// and NEW.

const (
	cacheCap   = 2000    // entries
	entrySize  = 4 << 10 // bytes per entry
	poolCap    = 16      // workers
	cacheBase  = 800     // entries at BASE: 40% full
	cacheTotal = 3000    // insertions by NEW: more than the cap
)

type boundedCache struct {
	m     map[int][]byte
	order []int // ring of keys, oldest first
	head  int
	next  int
}

//go:noinline
func newCache() *boundedCache {
	return &boundedCache{
		m:     make(map[int][]byte, cacheCap),
		order: make([]int, cacheCap),
	}
}

//go:noinline
func fillCache(c *boundedCache, n int) {
	for i := 0; i < n; i++ {
		if len(c.m) >= cacheCap { // full: evict the oldest entry
			delete(c.m, c.order[c.head])
			c.head = (c.head + 1) % cacheCap
		}
		key := c.next
		c.next++
		v := make([]byte, entrySize) // leak-site: heap-growth
		v[0] = byte(key)
		c.m[key] = v
		c.order[(c.head+len(c.m)-1)%cacheCap] = key
	}
}

type workerPool struct {
	jobs    chan func()
	workers int
}

// startWorkers grows the pool to n workers, never past poolCap.
//
//go:noinline
func startWorkers(p *workerPool, n int) {
	for p.workers < n && p.workers < poolCap {
		p.workers++
		go poolWorker(p.jobs)
	}
}

//go:noinline
func poolWorker(jobs <-chan func()) {
	for job := range jobs { // leak-site: blocked-recv
		job()
	}
}

// runJobs pushes n short jobs through the pool and waits for them.
//
//go:noinline
func runJobs(p *workerPool, n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		p.jobs <- wg.Done
	}
	wg.Wait()
}

// ---------------------------------------------------------------------------
// Scenarios. Each leak function adds n more units of its leak; the state
// they share lives in package variables (one scenario runs per process).

// wait: count goroutines must have fn on their stack and be parked with
// this wait reason (as in the "goroutine N [reason]:" line of a stack dump).
// A reason may list alternatives separated by "|": Go 1.20 and later name
// the sync waits ("sync.Mutex.Lock", "sync.WaitGroup.Wait") where Go 1.19
// says "semacquire".
type wait struct {
	fn     string
	reason string
	count  int
}

type scenario struct {
	n1, n2 int                    // units leaked before BASE, and then before NEW
	setup  func()                 // optional: steady state, before any leak
	leak   func(n int)            // leak n more units
	parked func(units int) []wait // leaked goroutines expected after `units` units
	check  func(units int)        // optional extra self-check before a snapshot
}

const (
	n1 = 20 // leaked units at BASE
	n2 = 40 // more leaked units by NEW
)

var (
	accountMu sync.Mutex
	balance   int
	pending   sync.WaitGroup
	signal    = &gate{cond: sync.NewCond(&sync.Mutex{})}
	work      = make(chan int, 1)
	statusURL string
	cache     *boundedCache
	pool      = &workerPool{jobs: make(chan func())}
)

//go:noinline
func leakBlockedSend(n int) {
	for i := 0; i < n; i++ {
		startSender()
	}
}

//go:noinline
func leakBlockedRecv(n int) {
	for i := 0; i < n; i++ {
		startWaiter()
	}
}

//go:noinline
func leakBlockedSelect(n int) {
	for i := 0; i < n; i++ {
		startSelector()
	}
	for i := 0; i < n/2; i++ {
		startParker()
	}
}

//go:noinline
func setupSyncMutex() { lockAndForget(&accountMu) }

//go:noinline
func leakSyncMutex(n int) {
	for i := 0; i < n; i++ {
		startLocker(&accountMu, &balance)
	}
}

//go:noinline
func setupSyncWaitGroup() { pending.Add(1) } // and never Done

//go:noinline
func leakSyncWaitGroup(n int) {
	for i := 0; i < n; i++ {
		startWaitAll(&pending)
	}
}

//go:noinline
func leakSyncCond(n int) {
	for i := 0; i < n; i++ {
		startSignalWaiter(signal)
	}
}

//go:noinline
func leakUnstoppedTimer(n int) {
	pollLoop(work, n)
	tickerLoop(work, n/4)
}

//go:noinline
func setupUnclosedHTTPBody() { statusURL = startStatusServer() }

//go:noinline
func leakUnclosedHTTPBody(n int) {
	for i := 0; i < n; i++ {
		code, err := fetchStatus(statusURL)
		if err != nil || code != http.StatusOK {
			fail("fetchStatus: %d %v", code, err)
		}
	}
}

//go:noinline
func leakSleepers(n int) {
	for i := 0; i < n; i++ {
		startNapper()
	}
}

//go:noinline
func setupCacheWarmup() { cache = newCache() }

// warmCache inserts n more cache entries, grows the pool to 8 workers (BASE)
// or asks for more than its cap (NEW), and runs a few jobs through it.
//
//go:noinline
func warmCache(n int) {
	fillCache(cache, n)
	if cache.next <= cacheBase {
		startWorkers(pool, poolCap/2)
	} else {
		startWorkers(pool, 2*poolCap)
	}
	runJobs(pool, 100)
}

func workersAt(units int) int {
	if units > cacheBase {
		return poolCap
	}
	return poolCap / 2
}

func one(fn, reason string) func(int) []wait {
	return func(u int) []wait { return []wait{{fn, reason, u}} }
}

var scenarios = map[string]*scenario{
	"blocked-send": {n1: n1, n2: n2, leak: leakBlockedSend,
		parked: one("main.sendResult", "chan send")},
	"blocked-recv": {n1: n1, n2: n2, leak: leakBlockedRecv,
		parked: one("main.waitForReply", "chan receive")},
	"blocked-select": {n1: n1, n2: n2, leak: leakBlockedSelect,
		parked: func(u int) []wait {
			return []wait{
				{"main.waitForEither", "select", u},
				{"main.parkForever", "select (no cases)", u / 2},
			}
		}},
	"sync-mutex": {n1: n1, n2: n2, setup: setupSyncMutex, leak: leakSyncMutex,
		parked: one("main.lockAccount", "semacquire|sync.Mutex.Lock")},
	"sync-waitgroup": {n1: n1, n2: n2, setup: setupSyncWaitGroup, leak: leakSyncWaitGroup,
		parked: one("main.waitAll", "semacquire|sync.WaitGroup.Wait")},
	"sync-cond": {n1: n1, n2: n2, leak: leakSyncCond,
		parked: one("main.waitForSignal", "sync.Cond.Wait")},
	// Units are pollLoop iterations; tickerLoop runs a quarter as many.
	// No goroutine is leaked.
	"unstopped-timer": {n1: 1000, n2: 2000, leak: leakUnstoppedTimer,
		parked: func(int) []wait { return nil }},
	"unclosed-http-body": {n1: n1, n2: n2, setup: setupUnclosedHTTPBody, leak: leakUnclosedHTTPBody,
		parked: func(u int) []wait {
			return []wait{
				{"net/http.(*Server).Serve", "IO wait", 1}, // the accept loop: steady
				{"net/http.(*persistConn).readLoop", "select", u},
				{"net/http.(*persistConn).writeLoop", "select", u},
				{"net/http.(*conn).serve", "IO wait", u},
			}
		}},
	"sleepers": {n1: n1, n2: n2, leak: leakSleepers,
		parked: one("main.napForever", "sleep")},
	// Units are cache insertions: 800 (40% of the cap) at BASE, 3000 by NEW,
	// when the cache has stayed at its cap of 2000 for a while. Workers: 8,
	// then 16 (the cap).
	"cache-warmup": {n1: cacheBase, n2: cacheTotal - cacheBase, setup: setupCacheWarmup, leak: warmCache,
		parked: func(u int) []wait { return []wait{{"main.poolWorker", "chan receive", workersAt(u)}} },
		check: func(u int) {
			want := u
			if want > cacheCap {
				want = cacheCap
			}
			if len(cache.m) != want || pool.workers != workersAt(u) {
				fail("cache has %d entries (want %d), pool has %d workers (want %d)",
					len(cache.m), want, pool.workers, workersAt(u))
			}
		}},
}

// ---------------------------------------------------------------------------

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "scenarios: "+format+"\n", args...)
	os.Exit(1)
}

// stackBuf holds every stack dump. It is allocated once, first thing in
// main with heap profiling off, so the heap profiles do not show it.
var stackBuf []byte

func stackDump() []byte {
	n := runtime.Stack(stackBuf, true)
	if n == len(stackBuf) {
		fail("the stack dump does not fit in %d bytes", len(stackBuf))
	}
	return stackBuf[:n]
}

var (
	goroutineHeader = []byte("goroutine ")
	headerEnd       = []byte("]:\n")
	blankLine       = []byte("\n\n")
	reasonSuffix    = []byte(", ") // as in "[chan send, 5 minutes]"
)

// parkedCounts sets counts[i] to the number of goroutines in the stack dump
// that have waits[i].fn on their stack (needles[i] is "\n" + fn + "(") and
// are parked with waits[i].reason.
func parkedCounts(dump []byte, waits []wait, needles [][]byte, counts []int) {
	for i := range counts {
		counts[i] = 0
	}
	for len(dump) > 0 {
		g := dump
		if i := bytes.Index(dump, blankLine); i >= 0 {
			g, dump = dump[:i], dump[i+len(blankLine):]
		} else {
			dump = nil
		}
		open, end := bytes.IndexByte(g, '['), bytes.Index(g, headerEnd)
		if !bytes.HasPrefix(g, goroutineHeader) || open < 0 || end < open {
			continue
		}
		reason := g[open+1 : end]
		if i := bytes.Index(reason, reasonSuffix); i >= 0 {
			reason = reason[:i]
		}
		for i, w := range waits {
			if reasonIs(reason, w.reason) && bytes.Contains(g, needles[i]) {
				counts[i]++
			}
		}
	}
}

// reasonIs reports whether reason is want or one of its "|"-separated
// alternatives. It allocates nothing (MemProfileRate is 1 while it runs).
func reasonIs(reason []byte, want string) bool {
	for {
		alt, rest, more := strings.Cut(want, "|")
		if string(reason) == alt {
			return true
		}
		if !more {
			return false
		}
		want = rest
	}
}

// settle waits until the background and the expected goroutines are parked,
// and no other goroutine but main exists.
func settle(waits []wait) {
	all := append(append([]wait{}, background...), waits...)
	needles := make([][]byte, len(all))
	want := 1 // main
	for i, w := range all {
		needles[i] = []byte("\n" + w.fn + "(")
		want += w.count
	}
	counts := make([]int, len(all))
	deadline := time.Now().Add(10 * time.Second)
	for {
		dump := stackDump()
		parkedCounts(dump, all, needles, counts)
		ok := runtime.NumGoroutine() == want
		for i, w := range all {
			ok = ok && counts[i] == w.count
		}
		if ok {
			break
		}
		if time.Now().After(deadline) {
			os.Stderr.Write(dump)
			fail("goroutines did not settle: %d goroutines (want %d), parked %v (want %v)",
				runtime.NumGoroutine(), want, counts, all)
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if runtime.NumGoroutine() != want {
		fail("goroutine count changed while settling: %d (want %d)", runtime.NumGoroutine(), want)
	}
}

// snapshot writes the four files of one phase. Heap profiling is off
// (MemProfileRate 0) while it writes: every goroutine is parked then, and
// what the profile writers allocate would otherwise be most of the next heap
// profile. Objects allocated earlier are still tracked when they are freed.
//
//go:noinline
func snapshot(dir, phase string) {
	runtime.GC()
	runtime.MemProfileRate = 0
	writeProfile(dir, phase+".goroutine.pb.gz", "goroutine", 0)
	writeProfile(dir, phase+".heap.pb.gz", "heap", 0)
	writeProfile(dir, phase+".goroutine.debug1.txt", "goroutine", 1)
	writeProfile(dir, phase+".goroutine.debug2.txt", "goroutine", 2)
	runtime.MemProfileRate = 1
}

//go:noinline
func writeProfile(dir, name, profile string, debug int) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		fail("%v", err)
	}
	if err := pprof.Lookup(profile).WriteTo(f, debug); err != nil {
		fail("%s: %v", name, err)
	}
	if err := f.Close(); err != nil {
		fail("%v", err)
	}
}

// run leaks N1 units, writes BASE, leaks N2 more, writes NEW.
//
//go:noinline
func run(s *scenario, dir, phase string) {
	stop := make(chan struct{}) // never closed
	startBackground(stop)
	if s.setup != nil {
		s.setup()
	}
	units := 0
	for i, n := range []int{s.n1, s.n2} {
		s.leak(n)
		units += n
		settle(s.parked(units))
		if s.check != nil {
			s.check(units)
		}
		ph := []string{"base", "new"}[i]
		if phase == ph || phase == "both" {
			snapshot(dir, ph)
		}
		if phase == "base" {
			return
		}
	}
}

func main() {
	// First, so that every allocation of the run is in the heap profile with
	// its exact size (rate 1 records every allocation; no sampling), except
	// the buffer for stack dumps (nothing else runs yet).
	runtime.MemProfileRate = 0
	stackBuf = make([]byte, 1<<20)
	runtime.MemProfileRate = 1

	var names []string
	for name := range scenarios {
		names = append(names, name)
	}
	sort.Strings(names)

	name := flag.String("scenario", "", "one of: "+strings.Join(names, ", "))
	out := flag.String("out", "", "directory for the snapshots (created if missing)")
	phase := flag.String("phase", "both", "which snapshots to write: base, new or both")
	flag.Parse()
	s := scenarios[*name]
	if s == nil || *out == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *phase != "base" && *phase != "new" && *phase != "both" {
		fail("-phase must be base, new or both, not %q", *phase)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail("%v", err)
	}
	run(s, *out, *phase)
}
