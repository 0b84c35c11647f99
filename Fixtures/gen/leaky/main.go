// Command leaky is a deliberately leaky HTTP server used to produce real
// pprof fixtures (see Fixtures/regen). Do not "fix" it: the leak is the point.
//
// Endpoints:
//
//	/work          starts a goroutine that blocks forever holding a 100 KB buffer
//	/contend       creates short-lived mutex contention and channel blocking
//	/spin?ms=N     burns CPU for about N milliseconds
//	/debug/pprof/  the standard net/http/pprof handlers
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"hash/crc32"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// ---------------------------------------------------------------------------
// The leak.

//go:noinline
func handler(w http.ResponseWriter, r *http.Request) {
	responses := make(chan []byte) // unbuffered
	go longRunningTask(responses)
	// Early return (think: a timeout path) without ever receiving from
	// responses: the goroutine above blocks forever and keeps its buffer.
	fmt.Fprintln(w, "ok")
}

//go:noinline
func longRunningTask(responses chan []byte) {
	res := make([]byte, 100<<10) // 100 KB buffer
	for i := range res {
		res[i] = byte(i)
	}
	responses <- res // blocks forever: nobody receives
}

// ---------------------------------------------------------------------------
// A modest amount of non-leaking heap, filled once at start.

var cache map[string][]byte

//go:noinline
func fillCache() {
	cache = make(map[string][]byte, 64)
	for i := 0; i < 64; i++ {
		cache[strconv.Itoa(i)] = makeCacheEntry(i)
	}
}

//go:noinline
func makeCacheEntry(i int) []byte {
	b := make([]byte, 8<<10)
	for j := range b {
		b[j] = byte(i + j)
	}
	return b
}

// ---------------------------------------------------------------------------
// Contention that ends, so the block and mutex profiles have samples.

var (
	contendedMu sync.Mutex
	tableMu     sync.RWMutex
	counter     int
	table       = map[int]int{}
)

//go:noinline
func contendHandler(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fightOverMutex(20)
		}()
	}
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			writeTable(10)
		}()
		go func() {
			defer wg.Done()
			readTable(20)
		}()
	}
	// Receiver waits for a slow sender (chanrecv), and a sender waits for
	// a slow receiver (chansend).
	ch := make(chan int) // unbuffered
	ch2 := make(chan int)
	wg.Add(4)
	go func() {
		defer wg.Done()
		produceSlowly(ch, 20)
	}()
	go func() {
		defer wg.Done()
		consume(ch)
	}()
	go func() {
		defer wg.Done()
		produceFast(ch2, 20)
	}()
	go func() {
		defer wg.Done()
		consumeSlowly(ch2)
	}()
	wg.Wait()
	fmt.Fprintln(w, "ok", counter)
}

//go:noinline
func fightOverMutex(rounds int) {
	for i := 0; i < rounds; i++ {
		contendedMu.Lock()
		counter++
		time.Sleep(100 * time.Microsecond)
		contendedMu.Unlock()
	}
}

//go:noinline
func writeTable(rounds int) {
	for i := 0; i < rounds; i++ {
		tableMu.Lock()
		table[i]++
		time.Sleep(100 * time.Microsecond)
		tableMu.Unlock()
	}
}

//go:noinline
func readTable(rounds int) {
	sum := 0
	for i := 0; i < rounds; i++ {
		tableMu.RLock()
		sum += table[i%10]
		time.Sleep(50 * time.Microsecond)
		tableMu.RUnlock()
	}
	_ = sum
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
func consume(ch <-chan int) {
	sum := 0
	for v := range ch { // blocks until produceSlowly sends
		sum += v
	}
	_ = sum
}

//go:noinline
func produceFast(ch chan<- int, n int) {
	for i := 0; i < n; i++ {
		ch <- i // blocks until consumeSlowly is ready
	}
	close(ch)
}

//go:noinline
func consumeSlowly(ch <-chan int) {
	sum := 0
	for v := range ch {
		time.Sleep(200 * time.Microsecond)
		sum += v
	}
	_ = sum
}

// ---------------------------------------------------------------------------
// CPU burn for the CPU profile.

var sink uint32

//go:noinline
func spinHandler(w http.ResponseWriter, r *http.Request) {
	ms, err := strconv.Atoi(r.URL.Query().Get("ms"))
	if err != nil || ms <= 0 {
		ms = 100
	}
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	buf := make([]byte, 4096)
	for time.Now().Before(deadline) {
		hashSHA(buf)
		hashCRC(buf)
	}
	fmt.Fprintln(w, "ok", sink)
}

//go:noinline
func hashSHA(buf []byte) {
	for i := 0; i < 16; i++ {
		sum := sha256.Sum256(buf)
		buf[i] = sum[0]
	}
}

//go:noinline
func hashCRC(buf []byte) {
	for i := 0; i < 64; i++ {
		sink += crc32.ChecksumIEEE(buf)
	}
}

// ---------------------------------------------------------------------------

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	memRate := flag.Int("memprofilerate", 0, "if > 0, set runtime.MemProfileRate (default: leave the runtime's 512 KiB)")
	flag.Parse()

	if *memRate > 0 {
		runtime.MemProfileRate = *memRate
	}

	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	fillCache()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// First line of stdout: the script reads the actual address from here.
	fmt.Printf("listening on %s\n", ln.Addr())
	os.Stdout.Sync()

	http.HandleFunc("/work", handler)
	http.HandleFunc("/contend", contendHandler)
	http.HandleFunc("/spin", spinHandler)
	log.Fatal(http.Serve(ln, nil))
}
