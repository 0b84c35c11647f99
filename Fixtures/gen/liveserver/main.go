// Command liveserver is the Go service the end-to-end tests of `pprof-leak collect` and
// `pprof-leak watch` run against (Tests/PprofLeakTests/CollectTests.swift builds it with
// `go build`). It serves net/http/pprof on a free loopback port, prints
// "listening on http://127.0.0.1:PORT" on stdout, and serves /work in one of these modes:
//
//	-mode leak    each /work starts a goroutine that blocks forever sending on an
//	              unbuffered channel nobody reads (the classic leak)
//	-mode clean   each /work does the same work and reads the result: nothing leaks
//	-mode error   every /debug/pprof/ request answers 500 Internal Server Error
//	-mode html    every /debug/pprof/ request answers 200 with an HTML page
//	-mode stall   every /debug/pprof/ request waits 30 s before answering
//
// With -token T, /debug/pprof/ answers 401 unless the request has "Authorization: Bearer T".
// With -tls, it serves https with a self-signed certificate (httptest's) that no trust store
// trusts, and prints "listening on https://127.0.0.1:PORT".
// With -exit-with-stdin, it exits when its standard input reaches end of file: the tests hold
// the other end of a pipe, so a test run that is killed leaves no server behind.
//
// Standard library only. Do not "fix" the leak: it is the point.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/pprof"
	"os"
	"strings"
	"time"
)

//go:noinline
func leakyWork(w http.ResponseWriter, r *http.Request) {
	results := make(chan []byte) // unbuffered
	go compute(results)
	// Returns without receiving (think: a timeout path): compute blocks forever.
	fmt.Fprintln(w, "ok")
}

//go:noinline
func compute(results chan []byte) {
	buf := make([]byte, 16<<10)
	for i := range buf {
		buf[i] = byte(i)
	}
	results <- buf // leak-site: blocked-send
}

//go:noinline
func cleanWork(w http.ResponseWriter, r *http.Request) {
	results := make(chan []byte, 1) // buffered: the send always completes
	go compute(results)
	buf := <-results
	fmt.Fprintln(w, "ok", len(buf))
}

func main() {
	mode := flag.String("mode", "leak", "leak, clean, error, html or stall")
	token := flag.String("token", "", "require this bearer token for /debug/pprof/")
	useTLS := flag.Bool("tls", false, "serve https with a self-signed certificate")
	exitWithStdin := flag.Bool("exit-with-stdin", false, "exit when standard input is closed")
	flag.Parse()
	if *exitWithStdin {
		go func() {
			io.Copy(io.Discard, os.Stdin)
			os.Exit(0)
		}()
	}

	mux := http.NewServeMux()
	switch *mode {
	case "leak":
		mux.HandleFunc("/work", leakyWork)
	case "clean":
		mux.HandleFunc("/work", cleanWork)
	}
	switch *mode {
	case "leak", "clean":
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	case "error":
		mux.HandleFunc("/debug/pprof/", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "profiling is broken today", http.StatusInternalServerError)
		})
	case "html":
		mux.HandleFunc("/debug/pprof/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintln(w, "<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>")
		})
	case "stall":
		mux.HandleFunc("/debug/pprof/", func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(30 * time.Second)
		})
	default:
		log.Fatalf("unknown -mode %q", *mode)
	}

	var handler http.Handler = mux
	if *token != "" {
		handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/debug/pprof/") && r.Header.Get("Authorization") != "Bearer "+*token {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			mux.ServeHTTP(w, r)
		})
	}

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	if *useTLS {
		server := httptest.NewUnstartedServer(handler)
		server.Listener = listener
		server.Config.ErrorLog = log.New(io.Discard, "", 0) // the tests' failed handshakes
		server.StartTLS()
		fmt.Printf("listening on %s\n", server.URL)
		os.Stdout.Sync()
		select {}
	}
	fmt.Printf("listening on http://%s\n", listener.Addr())
	os.Stdout.Sync()
	log.Fatal(http.Serve(listener, handler))
}
