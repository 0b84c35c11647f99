// Package hang holds one test that hangs on a channel on purpose, so that `go test -timeout`
// panics with every goroutine: Fixtures/profiles/field/go-test-timeout.txt. It runs only with
// FIELD_HANG=1 (capture.sh sets it), so a plain `go test ./...` passes.
package hang

import (
	"os"
	"testing"
)

//go:noinline
func waitForReply(ch <-chan int) int {
	return <-ch // leak-site: blocked-recv
}

//go:noinline
func sendResult(ch chan<- int, v int) {
	ch <- v // leak-site: blocked-send
}

func TestHang(t *testing.T) {
	if os.Getenv("FIELD_HANG") != "1" {
		t.Skip("hangs on purpose; set FIELD_HANG=1")
	}
	results := make(chan int) // nobody ever receives
	for i := 0; i < 3; i++ {
		go sendResult(results, i)
	}
	waitForReply(make(chan int)) // nobody ever sends
}
