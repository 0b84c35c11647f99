// Package deadlock holds one test that fails on purpose: inside a testing/synctest bubble
// (Go 1.25+), the bubble's main function starts goroutines that block on a receive and in a
// select on channels nobody else holds, and returns. Once every goroutine in the bubble is
// durably blocked, the runtime panics with
//
//	panic: deadlock: main bubble goroutine has exited but blocked goroutines remain
//
// and prints the bubble's goroutines, e.g. "goroutine 7 [chan receive (durable), synctest
// bubble 1]:". capture.sh runs it with Go 1.27.3 and keeps the output as
// Fixtures/profiles/go1.27/synctest-deadlock.txt. Do not "fix" it: the deadlock is the point.
package deadlock

import (
	"testing"
	"testing/synctest"
)

//go:noinline
func waitForReply(ch chan int) int {
	v := <-ch // leak-site: blocked-recv
	return v
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
func startWorkers(n int) {
	for i := 0; i < n; i++ {
		replies := make(chan int) // created in the bubble: nobody outside can send
		go waitForReply(replies)
		a, b := make(chan int), make(chan struct{})
		go waitForEither(a, b)
	}
}

func TestDeadlock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		startWorkers(3)
		// Returns without waiting: the six goroutines stay blocked in the bubble.
	})
}
