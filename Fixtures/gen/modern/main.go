// Command modern is a small HTTP service with net/http/pprof that leaks in the eight classic
// ways, for the Go 1.27 fixtures (capture.sh builds it with Go 1.27.3). It listens on a free
// loopback port and prints "listening on http://127.0.0.1:PORT" as its first line of stdout.
//
//	GET /ok         answers "ok"
//	GET /leak?n=N   leaks N units of each of the eight patterns below (N defaults to 1)
//	/debug/pprof/   net/http/pprof, with Go 1.27's goroutineleak profile
//
// With -clean, /leak does the same kinds of work without leaking anything, so the
// goroutineleak profile of a clean server is empty.
//
// /leak runs its work under pprof.Do with the labels {route: /leak, "tenant id": "a b"}; the
// goroutines it starts inherit them (GODEBUG=tracebacklabels=1 prints them in debug=2, since
// this module says go 1.21).
//
// Go 1.27's goroutine leak detector marks a goroutine leaked when it is blocked on a channel
// or a sync primitive that no runnable goroutine and no global can reach any more. The first
// four patterns are of that kind (the channel or WaitGroup is local, only the blocked goroutine
// holds it), so the goroutineleak profile proves them; the last four are leaks it cannot see:
//
//	blocked-send        main.sendResult     ch <- v on a local unbuffered channel: proven
//	blocked-recv        main.waitForReply   <-ch on a local channel: proven
//	blocked-select      main.waitForEither  select on two local channels: proven
//	sync-waitgroup      main.waitAll        Wait on a local WaitGroup, no Done: proven
//	sync-mutex          main.lockAccount    Lock of the global accountMu, held forever: not
//	                                        proven (the mutex is reachable from a global)
//	unstopped-timer     main.tickLoop       for range t.C on a ticker never stopped (made in
//	                                        main.startTicker): not proven (the runtime's timer
//	                                        heap reaches the ticker's channel)
//	unclosed-http-body  main.fetchStatus    http.Get of /ok, the body never closed: the client's
//	                                        persistConn readLoop and writeLoop stay, not proven
//	heap-growth         main.grow           a 64 KiB buffer appended to a global slice: heap only
//
// Every leaking operation is in its own //go:noinline function, and its line ends with a
// comment "leak-site: <pattern>" (after the two slashes). Standard library only. Do not "fix"
// the leaks: they are the point.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"
)

// ---------------------------------------------------------------------------
// The leaks. Each start function leaks one unit.

//go:noinline
func startSender() {
	ch := make(chan []byte) // unbuffered, and nobody ever receives
	go sendResult(ch)
}

//go:noinline
func sendResult(ch chan []byte) {
	v := make([]byte, 1<<10)
	ch <- v // leak-site: blocked-send
}

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
func startWaitAll() {
	var wg sync.WaitGroup // local: only the waiting goroutine holds it
	wg.Add(1)             // and nobody calls Done
	go waitAll(&wg)
}

//go:noinline
func waitAll(wg *sync.WaitGroup) {
	wg.Wait() // leak-site: sync-waitgroup
}

var (
	accountMu sync.Mutex // locked once in main, never unlocked
	balance   int
)

//go:noinline
func startLocker() {
	go lockAccount()
}

//go:noinline
func lockAccount() {
	accountMu.Lock() // leak-site: sync-mutex
	balance++
	accountMu.Unlock()
}

//go:noinline
func startTicker() {
	t := time.NewTicker(time.Hour) // leak-site: unstopped-timer
	go tickLoop(t)                 // the missing t.Stop() is the bug
}

//go:noinline
func tickLoop(t *time.Ticker) {
	for range t.C { // leak-site: unstopped-timer
		balance--
	}
}

var selfURL string // http://127.0.0.1:PORT

//go:noinline
func fetchStatus(url string) (int, error) {
	resp, err := http.Get(url) // leak-site: unclosed-http-body
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // the missing resp.Body.Close() is the bug
}

var retained [][]byte // never trimmed

//go:noinline
func grow() {
	buf := make([]byte, 64<<10) // leak-site: heap-growth
	buf[0] = 1
	retained = append(retained, buf)
}

//go:noinline
func leakAll(n int) error {
	for i := 0; i < n; i++ {
		startSender()
		startWaiter()
		startSelector()
		startWaitAll()
		startLocker()
		startTicker()
		if code, err := fetchStatus(selfURL + "/ok"); err != nil || code != http.StatusOK {
			return fmt.Errorf("GET /ok: %d %v", code, err)
		}
		grow()
	}
	return nil
}

// ---------------------------------------------------------------------------
// -clean: the same kinds of work, finished properly.

//go:noinline
func cleanAll(n int) error {
	for i := 0; i < n; i++ {
		send := make(chan []byte, 1)
		go func() { send <- make([]byte, 1<<10) }()
		<-send

		recv := make(chan int)
		go func() { recv <- 1 }()
		<-recv

		var wg sync.WaitGroup
		wg.Add(1)
		go func() { wg.Done() }()
		wg.Wait()

		var mu sync.Mutex
		mu.Lock()
		go func() { mu.Lock(); balance++; mu.Unlock() }()
		mu.Unlock()

		t := time.NewTicker(time.Hour)
		t.Stop()

		resp, err := http.Get(selfURL + "/ok")
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()

		buf := make([]byte, 64<<10)
		buf[0] = 1
	}
	return nil
}

// ---------------------------------------------------------------------------

func main() {
	// First: sample about every 4 KiB, so every 64 KiB buffer is in the heap profile.
	runtime.MemProfileRate = 4096

	clean := flag.Bool("clean", false, "/leak leaks nothing")
	flag.Parse()

	accountMu.Lock() // the missing Unlock is the bug of sync-mutex

	http.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		// A non-empty body: with an empty one the client would reuse the
		// connection at once, closed body or not.
		io.WriteString(w, "ok\n")
	})
	http.HandleFunc("/leak", func(w http.ResponseWriter, r *http.Request) {
		n := 1
		if s := r.URL.Query().Get("n"); s != "" {
			v, err := strconv.Atoi(s)
			if err != nil || v < 0 {
				http.Error(w, "n must be a count", http.StatusBadRequest)
				return
			}
			n = v
		}
		var err error
		labels := pprof.Labels("route", "/leak", "tenant id", "a b")
		pprof.Do(r.Context(), labels, func(context.Context) {
			if *clean {
				err = cleanAll(n)
			} else {
				err = leakAll(n)
			}
		})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, "ok", n)
	})

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	selfURL = "http://" + listener.Addr().String()
	fmt.Printf("listening on %s\n", selfURL)
	os.Stdout.Sync()
	log.Fatal(http.Serve(listener, nil))
}
