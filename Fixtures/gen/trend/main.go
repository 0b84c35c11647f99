// Command trend runs one workload and writes a time series of real snapshots of it: every
// interval, a goroutine profile, a heap profile and a goroutine debug=2 dump, as a service
// scraped by a collector would give them. Fixtures/regen runs every scenario into
// Fixtures/trend/<scenario>/ for the tests of `pprof-leak trend`.
//
// Lines that leak end in a "leak-site: <pattern>" comment, lines that grow without leaking in
// "not-a-leak: <what>", so the tests can find the expected file and line.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	scenario  = flag.String("scenario", "", "the workload to run")
	out       = flag.String("out", "", "directory for the snapshots")
	snapshots = flag.Int("snapshots", 12, "how many snapshots to write")
	interval  = flag.Duration("interval", 100*time.Millisecond, "time between snapshots")
	names     = flag.String("names", "plain", "file names: plain (kind-NN) or mixed (neither kind nor order)")
)

// keep holds what the workloads retain, so nothing is collected by accident.
var keep struct {
	sync.Mutex
	global map[string][]byte
	cache  map[int][]byte
	batch  [][]byte
	conns  []net.Conn
}

func main() {
	flag.Parse()
	runtime.MemProfileRate = 4096
	keep.global = map[string][]byte{}
	keep.cache = map[int][]byte{}
	workloads := map[string]func(step int){
		"blocked-send":    blockedSendStep,
		"blocked-recv":    blockedRecvStep,
		"blocked-select":  blockedSelectStep,
		"timer-loop":      timerLoopStep,
		"noisy-slow-leak": noisySlowLeakStep,
		"global-map":      globalMapStep,
		"bounded-cache":   boundedCacheStep,
		"sawtooth":        sawtoothStep,
		"steady-pool":     steadyPoolStep,
		"warming-pool":    warmingPoolStep,

		"uncancelled-context": uncancelledContextStep,
		"bounded-context":     boundedContextStep,
		"blocked-io":          blockedIOStep,
		"idle-keepalive-pool": idleKeepalivePoolStep,
		"afterfunc":           afterFuncStep,
		"unclosed-http-body":  unclosedHTTPBodyStep,
	}
	step, ok := workloads[*scenario]
	if !ok || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: trend -scenario NAME -out DIR")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		panic(err)
	}
	rng := rand.New(rand.NewSource(7))
	labels := make([]string, *snapshots)
	for i := range labels {
		labels[i] = fmt.Sprintf("%c%c%c%c", 'a'+rng.Intn(26), 'a'+rng.Intn(26), 'a'+rng.Intn(26), 'a'+rng.Intn(26))
	}
	next := time.Now()
	for i := 0; i < *snapshots; i++ {
		step(i)
		next = next.Add(*interval)
		time.Sleep(time.Until(next))
		write(i, labels[i])
	}
}

// write takes one snapshot of each kind, each file written under a temporary name and renamed.
func write(i int, label string) {
	name := func(kind, ext string) string {
		if *names == "mixed" {
			suffix := map[string]string{"heap": "a", "goroutine": "b", "dump": "c"}[kind]
			return fmt.Sprintf("snap-%s-%s.%s", label, suffix, ext)
		}
		return fmt.Sprintf("%s-%02d.%s", kind, i+1, ext)
	}
	// The heap profile is as of the last GC, which frees what the previous snapshot's writers
	// allocated: they do not show in inuse_space.
	runtime.GC()
	save(name("goroutine", "pb.gz"), func(f *os.File) error { return pprof.Lookup("goroutine").WriteTo(f, 0) })
	save(name("heap", "pb.gz"), func(f *os.File) error { return pprof.Lookup("heap").WriteTo(f, 0) })
	dump := name("dump", "txt")
	if *names != "mixed" {
		dump = name("goroutine", "debug2.txt")
	}
	save(dump, func(f *os.File) error { return pprof.Lookup("goroutine").WriteTo(f, 2) })
}

func save(name string, fill func(*os.File) error) {
	final := filepath.Join(*out, name)
	f, err := os.Create(final + ".tmp")
	if err != nil {
		panic(err)
	}
	if err := fill(f); err != nil {
		panic(err)
	}
	f.Close()
	if err := os.Rename(final+".tmp", final); err != nil {
		panic(err)
	}
}

// settle waits until the goroutines just started have parked.
func settle() { time.Sleep(15 * time.Millisecond) }

// --- leaks ---

func blockedSendStep(step int) {
	for i := 0; i < 6; i++ {
		go sendResult(make(chan []byte))
	}
	settle()
}

//go:noinline
func sendResult(ch chan []byte) {
	buf := make([]byte, 32<<10) // leak-site: heap-growth
	buf[0] = 1
	ch <- buf // leak-site: blocked-send
}

func blockedRecvStep(step int) {
	for i := 0; i < 6; i++ {
		go waitForReply(make(chan int))
	}
	settle()
}

//go:noinline
func waitForReply(ch chan int) {
	v := <-ch // leak-site: blocked-recv
	_ = v
}

func blockedSelectStep(step int) {
	for i := 0; i < 6; i++ {
		go waitForEither(make(chan int), make(chan int))
	}
	settle()
}

//go:noinline
func waitForEither(a, b chan int) {
	select { // leak-site: blocked-select
	case <-a:
	case <-b:
	}
}

var work = make(chan int, 1)

func timerLoopStep(step int) {
	pollLoop(3000)
}

//go:noinline
func pollLoop(iterations int) {
	for i := 0; i < iterations; i++ {
		work <- i
		select {
		case <-work:
		case <-time.After(time.Hour): // leak-site: unstopped-timer
		}
	}
}

var leakCounter int

func noisySlowLeakStep(step int) {
	if step == 0 {
		for i := 0; i < 50; i++ {
			go backgroundWorker()
		}
	}
	// Short-lived requests, some still running when the snapshot is taken.
	for i := 0; i < 60; i++ {
		go handleRequest(i)
	}
	time.Sleep(5 * time.Millisecond)
}

//go:noinline
func handleRequest(i int) {
	leakCounter++
	if leakCounter%20 == 0 {
		ch := make(chan int)
		go func() { ch <- i }() // leak-site: blocked-send
		return
	}
	// Requests take up to a quarter of a second: each snapshot catches a varying number.
	time.Sleep(time.Duration(rand.Intn(250)) * time.Millisecond)
}

//go:noinline
func backgroundWorker() {
	for {
		time.Sleep(time.Duration(50+rand.Intn(50)) * time.Millisecond)
	}
}

func globalMapStep(step int) {
	for i := 0; i < 40; i++ {
		remember(fmt.Sprintf("request-%d-%d", step, i))
	}
}

//go:noinline
func remember(key string) {
	keep.Lock()
	keep.global[key] = make([]byte, 8<<10) // leak-site: heap-growth
	keep.Unlock()
}

// parent is a long-lived cancellable context, a server's root say, that every call derives
// from. It is never cancelled, so it keeps every child nobody cancels in its children map.
var parent, shutdown = context.WithCancel(context.Background())

func uncancelledContextStep(step int) {
	for i := 0; i < 1500; i++ {
		startCall()
		startTimedCall()
	}
}

// startCall derives a context and drops its cancel function: the child stays in parent's
// children map until parent is cancelled.
//
//go:noinline
func startCall() context.Context {
	ctx, cancel := context.WithCancel(parent) // leak-site: uncancelled-context
	_ = cancel                                // never called: the leak
	return ctx
}

// startTimedCall does the same with a deadline an hour away: the child also holds a timer.
//
//go:noinline
func startTimedCall() context.Context {
	ctx, cancel := context.WithTimeout(parent, time.Hour) // leak-site: uncancelled-context
	_ = cancel                                            // never called: the leak
	return ctx
}

var (
	listenAddr string
	accepted   = make(chan struct{})
)

func blockedIOStep(step int) {
	if step == 0 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		go acceptLoop(ln)
		listenAddr = ln.Addr().String()
	}
	// 2 clients per interval that connect and then neither send anything nor close.
	for i := 0; i < 2; i++ {
		c, err := net.Dial("tcp", listenAddr)
		if err != nil {
			panic(err)
		}
		keep.Lock()
		keep.conns = append(keep.conns, c)
		keep.Unlock()
		<-accepted
	}
	settle()
}

//go:noinline
func acceptLoop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			panic(err)
		}
		go serveConn(c)
		accepted <- struct{}{}
	}
}

// serveConn reads a request with no deadline: a client that never sends keeps it waiting.
//
//go:noinline
func serveConn(c net.Conn) {
	buf := make([]byte, 512)
	n, err := c.Read(buf) // leak-site: blocked-io
	_, _ = n, err
	c.Close()
}

func afterFuncStep(step int) {
	for i := 0; i < 1200; i++ {
		scheduleReminder()
	}
}

var reminders int

// scheduleReminder never stops its timer: for an hour the runtime holds the timer, the timer
// the function, and the function the buffer.
//
//go:noinline
func scheduleReminder() {
	buf := make([]byte, 4<<10) // leak-site: heap-growth
	buf[0] = 1
	time.AfterFunc(time.Hour, func() { remind(buf) }) // leak-site: unstopped-timer
}

//go:noinline
func remind(buf []byte) { reminders += len(buf) }

// --- not leaks ---

const cacheCap = 400

func boundedCacheStep(step int) {
	// Fills during the first third, then replaces entries at its cap.
	adds := 100
	if step >= 4 {
		adds = 30
	}
	for i := 0; i < adds; i++ {
		fillCache(step*1000 + i)
	}
}

//go:noinline
func fillCache(key int) {
	keep.Lock()
	defer keep.Unlock()
	if len(keep.cache) >= cacheCap {
		for k := range keep.cache {
			delete(keep.cache, k)
			break
		}
	}
	keep.cache[key] = make([]byte, 4<<10) // not-a-leak: bounded cache
}

func sawtoothStep(step int) {
	// A batch is kept for two intervals, then dropped.
	if step%3 == 2 {
		keep.Lock()
		keep.batch = nil
		keep.Unlock()
		return
	}
	processBatch(150 + 20*(step%2))
	for i := 0; i < 20+10*(step%2); i++ {
		go burst()
	}
	settle()
}

//go:noinline
func processBatch(n int) {
	keep.Lock()
	defer keep.Unlock()
	for i := 0; i < n; i++ {
		keep.batch = append(keep.batch, make([]byte, 8<<10)) // not-a-leak: sawtooth
	}
}

//go:noinline
func burst() { time.Sleep(150 * time.Millisecond) }

var jobs = make(chan int)

func steadyPoolStep(step int) {
	if step == 0 {
		startWorkers(32)
	}
	for i := 0; i < 5; i++ {
		jobs <- i
	}
	settle()
}

var workers int

//go:noinline
func startWorkers(n int) {
	for i := 0; i < n; i++ {
		workers++
		go poolWorker()
	}
}

//go:noinline
func poolWorker() {
	for job := range jobs { // not-a-leak: worker pool
		_ = job
	}
}

func warmingPoolStep(step int) {
	// Grows from 4 workers to its cap of 64 during the first third, then stays there.
	target := 4 + 20*step
	if target > 64 {
		target = 64
	}
	if target > workers {
		startWorkers(target - workers)
	}
	settle()
}

func boundedContextStep(step int) {
	for i := 0; i < 1500; i++ {
		runCall()
		runTimedCall()
	}
}

// runCall derives a context and cancels it on return, which removes it from parent.
//
//go:noinline
func runCall() error {
	ctx, cancel := context.WithCancel(parent) // not-a-leak: cancelled context
	defer cancel()
	return ctx.Err()
}

//go:noinline
func runTimedCall() error {
	ctx, cancel := context.WithTimeout(parent, time.Hour) // not-a-leak: cancelled context
	defer cancel()
	return ctx.Err()
}

var (
	poolClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	poolURL    string
)

func idleKeepalivePoolStep(step int) {
	if step == 0 {
		poolURL = startServer()
	}
	// 4, then 8 requests at once: the pool fills to its cap of 8 idle connections in the first
	// two intervals, and every later round reuses them. (The default cap, 2, would close 6.)
	concurrent := 8
	if step == 0 {
		concurrent = 4
	}
	var wg sync.WaitGroup
	for i := 0; i < concurrent; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch()
		}()
	}
	wg.Wait()
	settle()
}

//go:noinline
func fetch() {
	resp, err := poolClient.Get(poolURL) // not-a-leak: keep-alive pool at its cap
	if err != nil {
		panic(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func answer(w http.ResponseWriter, r *http.Request) {
	time.Sleep(5 * time.Millisecond) // the requests of one round overlap
	io.WriteString(w, "ok\n")
}

var (
	unclosedClient = &http.Client{Transport: &http.Transport{}}
	unclosedURL    string
)

// unclosedHTTPBodyStep makes 3 requests per interval whose bodies are never closed: each keeps
// its connection open, with the client's readLoop and writeLoop goroutines and the server's
// conn.serve.
func unclosedHTTPBodyStep(step int) {
	if step == 0 {
		unclosedURL = startServer()
	}
	for i := 0; i < 3; i++ {
		fetchStatus()
	}
	settle()
}

//go:noinline
func fetchStatus() int {
	resp, err := unclosedClient.Get(unclosedURL) // leak-site: unclosed-http-body
	if err != nil {
		panic(err)
	}
	return resp.StatusCode // the body is never closed
}

// startServer serves answer on a loopback port and returns its URL.
func startServer() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(answer)}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/"
}
