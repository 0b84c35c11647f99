// Command field leaks goroutines on purpose and has the Go runtime print them the way they
// reach a user in the field: through a panic, a SIGQUIT (also from a terminal), `go run`,
// a glued log line, and a net/http/pprof server's debug=1 pages. The fixtures of
// Fixtures/profiles/field; capture.sh runs it once per mode. Do not "fix" it: the leaks are
// the point.
//
//	field -mode panic    leak 9 goroutines in 3 groups, then panic with traceback "all"
//	field -mode sigquit  leak 7 goroutines in 2 other groups, print "ready", wait for SIGQUIT
//	field -mode glued    leak as panic does, then write "dumping all stacks" and, on the
//	                     same line, runtime.Stack(buf, true) to stderr; exit 0
//	field -mode server   an HTTP server (net/http/pprof) that holds heap, has had mutex and
//	                     channel contention and locked threads; prints "listening on ADDR"
//
// The line where a leaked goroutine blocks ends with a comment "leak-site: <pattern>" (after
// the two slashes); each function has at most one marker per pattern.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

// ---------------------------------------------------------------------------
// Leaking functions, each //go:noinline so that it is a frame of its own.

//go:noinline
func leakSend(ch chan<- int, v int) {
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
func selectForever(a <-chan int, b <-chan string) int {
	select { // leak-site: blocked-select
	case v := <-a:
		return v
	case s := <-b:
		return len(s)
	}
}

//go:noinline
func waitForever(wg *sync.WaitGroup) {
	wg.Wait() // leak-site: sync-wait
}

// ---------------------------------------------------------------------------
// Creators: named functions, so every dump says "created by main.<name>".

const (
	panicSenders   = 5
	panicReceivers = 2
	panicLockers   = 2
	panicLeaked    = panicSenders + panicReceivers + panicLockers

	quitSelects = 4
	quitWaiters = 3
	quitLeaked  = quitSelects + quitWaiters
)

//go:noinline
func startPanicLeaks(mu *sync.Mutex) {
	send := make(chan int) // unbuffered, and nobody ever receives
	for i := 0; i < panicSenders; i++ {
		go leakSend(send, i)
	}
	recv := make(chan int) // never sent on, never closed
	for i := 0; i < panicReceivers; i++ {
		go leakRecv(recv)
	}
	for i := 0; i < panicLockers; i++ {
		go lockForever(mu)
	}
}

//go:noinline
func startQuitLeaks(wg *sync.WaitGroup) {
	a, b := make(chan int), make(chan string) // never sent on, never closed
	for i := 0; i < quitSelects; i++ {
		go selectForever(a, b)
	}
	for i := 0; i < quitWaiters; i++ {
		go waitForever(wg)
	}
}

// ---------------------------------------------------------------------------
// Modes.

func leakForPanic() {
	var mu sync.Mutex
	mu.Lock() // and never Unlock
	startPanicLeaks(&mu)
	settle(panicLeaked)
}

func runPanic() {
	// Every goroutine, whatever GOTRACEBACK says (it cannot lower it): `go run` passes the
	// environment on, and this way the capture needs no variable.
	debug.SetTraceback("all")
	leakForPanic()
	panic(fmt.Sprintf("field: %d goroutines are stuck", panicLeaked))
}

func runSigquit() {
	var wg sync.WaitGroup
	wg.Add(1) // and never Done
	startQuitLeaks(&wg)
	settle(quitLeaked)
	fmt.Println("ready") // os.Stdout is unbuffered: capture.sh sees it now
	// Sleeping, not select{}: with a timer pending the runtime does not
	// call the blocked program a deadlock and exit.
	time.Sleep(time.Hour)
	fail("no SIGQUIT within an hour")
}

func runGlued() {
	leakForPanic()
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	// One write, no newline between the text and the dump: the dump's first header
	// ends up on the same line as the text.
	if _, err := os.Stderr.Write(append([]byte("dumping all stacks"), buf...)); err != nil {
		fail("%v", err)
	}
}

// ---------------------------------------------------------------------------
// server: heap held by named functions, contention that ended, locked threads.

var held [][]byte

//go:noinline
func holdBuffers(n, size int) {
	for i := 0; i < n; i++ {
		b := make([]byte, size) // leak-site: heap-growth
		b[0] = byte(i)
		held = append(held, b)
	}
}

//go:noinline
func churn(n, size int) int {
	sum := 0
	for i := 0; i < n; i++ {
		b := make([]byte, size) // garbage: only in allocs
		b[size-1] = byte(i)
		sum += int(b[size-1])
	}
	return sum
}

var contendedMu sync.Mutex

//go:noinline
func fightOverMutex(rounds int) {
	for i := 0; i < rounds; i++ {
		contendedMu.Lock()
		time.Sleep(100 * time.Microsecond)
		contendedMu.Unlock()
	}
}

//go:noinline
func produceSlowly(ch chan<- int, n int) {
	for i := 0; i < n; i++ {
		time.Sleep(200 * time.Microsecond)
		ch <- i
	}
	close(ch)
}

//go:noinline
func consume(ch <-chan int) int {
	sum := 0
	for v := range ch { // blocks until produceSlowly sends
		sum += v
	}
	return sum
}

//go:noinline
func contend() {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fightOverMutex(20)
		}()
	}
	ch := make(chan int)
	wg.Add(2)
	go func() {
		defer wg.Done()
		produceSlowly(ch, 20)
	}()
	go func() {
		defer wg.Done()
		consume(ch)
	}()
	wg.Wait()
}

// lockThread keeps its goroutine on an OS thread of its own while it waits, so the
// runtime has to start a new thread for the rest.
//
//go:noinline
func lockThread(ready chan<- struct{}, never <-chan struct{}) {
	runtime.LockOSThread()
	ready <- struct{}{}
	<-never // leak-site: blocked-recv
}

//go:noinline
func startLockedThreads(n int) {
	ready, never := make(chan struct{}), make(chan struct{})
	for i := 0; i < n; i++ {
		go lockThread(ready, never)
	}
	for i := 0; i < n; i++ {
		<-ready
	}
}

func runServer(addr string) {
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	// First 2 MiB of garbage: each P draws its first sample point at the rate of its
	// start, 512 KiB, and only later ones at 4096 B; after this, main's P samples at 4096 B.
	churn(256, 8<<10)
	holdBuffers(64, 16<<10)
	contend()
	startLockedThreads(4)
	// Heap profiles show the state at the last completed GC cycle; two make sure the
	// allocations above are in it. Nothing allocates much afterwards, so heap?debug=1 and the
	// binary heap that capture.sh fetches next show the same cycle.
	runtime.GC()
	runtime.GC()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	// First line of stdout: capture.sh reads the actual address from here.
	fmt.Printf("listening on http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, nil))
}

// ---------------------------------------------------------------------------

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "field: "+format+"\n", args...)
	os.Exit(1)
}

// settle waits until main and exactly n other goroutines exist, and all the others are
// parked. Until then a dump could show a goroutine that has not run yet.
func settle(n int) {
	buf := make([]byte, 1<<20)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if runtime.NumGoroutine() == n+1 {
			dump := buf[:runtime.Stack(buf, true)]
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

func main() {
	// Before anything allocates: every allocation of 4 KiB or more is then practically
	// always sampled, so the heap pages have samples from main.
	runtime.MemProfileRate = 4096
	mode := flag.String("mode", "", "panic, sigquit, glued or server")
	addr := flag.String("addr", "127.0.0.1:0", "server: loopback address to listen on")
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	switch *mode {
	case "panic":
		runPanic()
	case "sigquit":
		runSigquit()
	case "glued":
		runGlued()
	case "server":
		runServer(*addr)
	default:
		flag.Usage()
		os.Exit(2)
	}
}
