// Command dumps leaks goroutines on purpose and has the Go runtime print them
// as text: the goroutine dumps of Fixtures/profiles/dumps. capture.sh runs it
// once per mode. Do not "fix" it: the leaks are the point.
//
//	dumps -mode sigquit [-late 55s]  leak, print "ready", leak 20 more after -late, wait for SIGQUIT
//	dumps -mode panic                leak 30 goroutines, then panic (run with GOTRACEBACK=all)
//	dumps -mode labels -out DIR      labels.debug1.txt, labels.debug2.txt, labels.pb.gz in DIR
//	dumps -mode many -out DIR        100,000 goroutines: debug=2 dump on stdout, DIR/many-100k.pb.gz
//
// The line where a leaked goroutine blocks ends with a comment
// "leak-site: <pattern>" (after the two slashes); each function has at most
// one marker per pattern.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// ---------------------------------------------------------------------------
// Leaking functions, each //go:noinline so that it is a frame of its own.

//go:noinline
func leakSend(ch chan<- int, v int) {
	ch <- v // leak-site: blocked-send
}

// leakLate is leakSend under another name, so the goroutines leaked late in
// the sigquit run (which show no ", N minutes") have a stack of their own.
//
//go:noinline
func leakLate(ch chan<- int, v int) {
	ch <- v // leak-site: blocked-send
}

//go:noinline
func leakRecv(ch <-chan int) int {
	return <-ch // leak-site: blocked-recv
}

//go:noinline
func lockForever(mu *sync.Mutex) {
	mu.Lock() // leak-site: sync-wait
	mu.Unlock()
}

//go:noinline
func waitForever(wg *sync.WaitGroup) {
	wg.Wait() // leak-site: sync-wait
}

//go:noinline
func selectForever(a <-chan int, b <-chan string) int {
	select { // leak-site: blocked-select
	case v := <-a:
		return v
	case s := <-b:
		return len(s)
	}
}

// recurse blocks n calls deep: deeper than the 100 frames a traceback
// prints, so the dump has an "...additional frames elided..." line.
//
//go:noinline
func recurse(n int, ch <-chan int) int {
	if n == 0 {
		return <-ch // leak-site: blocked-recv
	}
	return recurse(n-1, ch) + 1 // not a tail call: every level stays a frame
}

// uploadHandler gives the labelled goroutines a second frame, so a cut after
// it (Fixtures/malformed/truncated-debug2.txt) falls inside a frame list.
//
//go:noinline
func uploadHandler(ch <-chan int) int {
	return leakRecv(ch) + 1
}

// ---------------------------------------------------------------------------
// Creators: named functions, so every dump says "created by main.<name>".

//go:noinline
func startLeaks(mu *sync.Mutex, wg *sync.WaitGroup) {
	send := make(chan int) // unbuffered, and nobody ever receives
	for i := 0; i < 300; i++ {
		go leakSend(send, i)
	}
	for i := 0; i < 40; i++ {
		go lockForever(mu)
	}
	for i := 0; i < 25; i++ {
		go waitForever(wg)
	}
	a, b := make(chan int), make(chan string) // never sent on, never closed
	for i := 0; i < 15; i++ {
		go selectForever(a, b)
	}
	recv := make(chan int) // never sent on, never closed
	for i := 0; i < 12; i++ {
		go leakRecv(recv)
	}
	go recurse(120, recv)
}

const leakedEarly = 300 + 40 + 25 + 15 + 12 + 1 // by startLeaks

//go:noinline
func startLate(n int) {
	ch := make(chan int) // nobody ever receives
	for i := 0; i < n; i++ {
		go leakLate(ch, i)
	}
}

//go:noinline
func spawnSenders(ch chan<- int, n int) {
	for i := 0; i < n; i++ {
		go leakSend(ch, i)
	}
}

//go:noinline
func startUploads(ch <-chan int, n int) {
	for i := 0; i < n; i++ {
		go uploadHandler(ch)
	}
}

// ---------------------------------------------------------------------------
// many: 100,000 goroutines on six stacks. The leaves take no arguments and
// the hops only a constant func value, so all goroutines of one stack print
// the same text but their ids, as in a real server with one leak per path.

var (
	manySend = make(chan int) // nobody ever receives
	manyRecv = make(chan int) // never sent on, never closed
	manySelA = make(chan int)
	manySelB = make(chan string)
	manyMu   sync.Mutex // locked by runMany, never unlocked
	manyWG   sync.WaitGroup
)

const manyStacks = 6 // the cases of spawnMany

//go:noinline
func parkSend() { manySend <- 1 } // leak-site: blocked-send

//go:noinline
func parkRecv() { <-manyRecv } // leak-site: blocked-recv

//go:noinline
func parkSelect() {
	select { // leak-site: blocked-select
	case <-manySelA:
	case <-manySelB:
	}
}

//go:noinline
func parkLock() { manyMu.Lock() } // leak-site: sync-wait

//go:noinline
func parkWait() { manyWG.Wait() } // leak-site: sync-wait

//go:noinline
func hop1(leaf func()) { leaf() }

//go:noinline
func hop2(leaf func()) { hop1(leaf) }

//go:noinline
func hop3(leaf func()) { hop2(leaf) }

//go:noinline
func hop4(leaf func()) { hop3(leaf) }

//go:noinline
func hop5(leaf func()) { hop4(leaf) }

//go:noinline
func hop6(leaf func()) { hop5(leaf) }

//go:noinline
func hop7(leaf func()) { hop6(leaf) }

// spawnMany starts n goroutines, taking the stacks in turn: neighbours in
// the dump differ, and each one's twin is a few KB back, within gzip's window.
//
//go:noinline
func spawnMany(n, stacks int) {
	for i := 0; i < n; i++ {
		switch i % stacks {
		case 0:
			go parkSend() // depth 1
		case 1:
			go hop1(parkRecv) // depth 2
		case 2:
			go hop2(parkSelect) // depth 3
		case 3:
			go hop3(parkLock) // depth 4
		case 4:
			go hop5(parkWait) // depth 6
		case 5:
			go hop7(parkSend) // depth 8
		}
	}
}

// ---------------------------------------------------------------------------
// Modes.

func runSigquit(late time.Duration) {
	var mu sync.Mutex
	mu.Lock() // and never Unlock
	var wg sync.WaitGroup
	wg.Add(1) // and never Done
	startLeaks(&mu, &wg)
	settle(leakedEarly)
	// The runtime notes when a goroutine began to wait only when a GC finds
	// it blocked; only then can a dump say ", N minutes".
	runtime.GC()
	runtime.GC()
	fmt.Println("ready") // os.Stdout is unbuffered: capture.sh sees it now
	time.Sleep(late)
	startLate(20)
	// Sleeping, not select{}: with a timer pending the runtime does not
	// call the blocked program a deadlock and exit.
	time.Sleep(time.Hour)
	fail("no SIGQUIT within an hour")
}

func runPanic() {
	// From another goroutine, so GODEBUG=tracebackancestors shows two
	// ancestors: spawnSenders's goroutine and main.
	go spawnSenders(make(chan int), 30)
	settle(30)
	panic("dumps: 30 goroutines are stuck sending to a channel nobody reads")
}

func runLabels(dir string) {
	labels := pprof.Labels("handler", "/upload", "tenant", "t-42")
	pprof.Do(context.Background(), labels, func(context.Context) {
		// New goroutines inherit the labels of the one that starts them.
		startUploads(make(chan int), 25)
	})
	spawnSenders(make(chan int), 10) // unlabelled
	settle(35)
	writeProfile(dir, "labels.debug1.txt", 1)
	writeProfile(dir, "labels.debug2.txt", 2)
	writeProfile(dir, "labels.pb.gz", 0)
}

func runMany(dir string, n, stacks int) {
	manyMu.Lock()
	manyWG.Add(1)
	spawnMany(n, stacks)
	settle(n)
	if err := pprof.Lookup("goroutine").WriteTo(os.Stdout, 2); err != nil {
		fail("%v", err)
	}
	writeProfile(dir, "many-100k.pb.gz", 0)
}

// ---------------------------------------------------------------------------

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "dumps: "+format+"\n", args...)
	os.Exit(1)
}

// settle waits until main and exactly n other goroutines exist, and all the
// others are parked. Until then a dump could show a goroutine that has not
// run yet (only its entry function), and a GC would not see it blocked.
func settle(n int) {
	// pprof's debug=2 writer stops at 64 MiB too: a dump must fit in that.
	buf := make([]byte, 64<<20)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if runtime.NumGoroutine() == n+1 {
			dump := buf[:runtime.Stack(buf, true)]
			if len(dump) == len(buf) {
				fail("the goroutine dump is over %d bytes; pprof would truncate it", len(buf))
			}
			// Main is the one goroutine running; the rest are parked.
			if bytes.Count(dump, []byte(" [running")) == 1 && !bytes.Contains(dump, []byte(" [runnable")) {
				return
			}
		}
		if time.Now().After(deadline) {
			fail("%d goroutines did not settle (want %d)", runtime.NumGoroutine(), n+1)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func writeProfile(dir, name string, debug int) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		fail("%v", err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
		fail("%s: %v", name, err)
	}
	if err := f.Close(); err != nil {
		fail("%v", err)
	}
}

func main() {
	mode := flag.String("mode", "", "sigquit, panic, locked, deadlock, labels or many")
	out := flag.String("out", "", "output directory (labels, many)")
	late := flag.Duration("late", 55*time.Second, "sigquit: when to leak the late goroutines, after ready")
	n := flag.Int("goroutines", 100000, "many: how many goroutines to leak")
	stacks := flag.Int("stacks", manyStacks, "many: how many distinct stacks to spread them over")
	flag.Parse()
	if flag.NArg() != 0 || (*out == "") != (*mode == "sigquit" || *mode == "panic" || *mode == "locked" || *mode == "deadlock") ||
		*stacks < 1 || *stacks > manyStacks {
		flag.Usage()
		os.Exit(2)
	}
	switch *mode {
	case "sigquit":
		runSigquit(*late)
	case "panic":
		runPanic()
	case "labels":
		runLabels(*out)
	case "many":
		runMany(*out, *n, *stacks)
	case "locked":
		runLocked()
	case "deadlock":
		runDeadlock()
	default:
		flag.Usage()
		os.Exit(2)
	}
}

// ---------------------------------------------------------------------------
// locked: 12 goroutines locked to their OS threads leak, then panic (run with
// GOTRACEBACK=all). At the end of the file, so the lines of the other modes' fixtures stay put.

//go:noinline
func leakLocked(ch chan<- int, v int) {
	ch <- v // leak-site: blocked-send
}

// spawnLocked leaks goroutines that lock themselves to their OS thread before they block:
// each keeps its thread as well, and the runtime says "locked to thread".
//
//go:noinline
func spawnLocked(ch chan<- int, n int) {
	for i := 0; i < n; i++ {
		go func(v int) {
			runtime.LockOSThread()
			leakLocked(ch, v)
		}(i)
	}
}

func runLocked() {
	go spawnLocked(make(chan int), 12)
	settle(12)
	panic("dumps: 12 goroutines locked to their OS threads are stuck sending to a channel nobody reads")
}

// ---------------------------------------------------------------------------
// deadlock: 12 goroutines each stuck on a nil channel (send and receive), an
// empty select, a Mutex, a WaitGroup and a Cond; then main blocks too, and the
// runtime ends the program with "fatal error: all goroutines are asleep -
// deadlock!" and every goroutine's traceback. At the end of the file, like
// locked.

//go:noinline
func leakNilSend(v int) {
	var ch chan int
	ch <- v // leak-site: blocked-send
}

//go:noinline
func leakNilRecv() int {
	var ch chan int
	return <-ch // leak-site: blocked-recv
}

//go:noinline
func leakNoCases() {
	select {} // leak-site: blocked-select
}

//go:noinline
func leakLock(mu *sync.Mutex) {
	mu.Lock() // leak-site: sync-wait
}

//go:noinline
func leakWait(wg *sync.WaitGroup) {
	wg.Wait() // leak-site: sync-wait
}

//go:noinline
func leakCond(c *sync.Cond) {
	c.L.Lock()
	c.Wait() // leak-site: sync-wait
}

func runDeadlock() {
	var mu sync.Mutex
	mu.Lock()
	var wg sync.WaitGroup
	wg.Add(1)
	cond := sync.NewCond(&sync.Mutex{})
	for i := 0; i < 12; i++ {
		go leakNilSend(i)
		go leakNilRecv()
		go leakNoCases()
		go leakLock(&mu)
		go leakWait(&wg)
		go leakCond(cond)
	}
	// Blocks main too: once every goroutine is parked, the runtime calls it a deadlock.
	var never chan struct{}
	<-never
}
