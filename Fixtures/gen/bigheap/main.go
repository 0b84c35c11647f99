// Command bigheap writes a large, real heap profile for speed measurements:
//
//	bigheap [-stacks N] [-seed S] OUT.pb.gz
//
// With runtime.MemProfileRate = 1 every allocation is recorded. Each of the
// N stacks (default 80000) is a deterministic pseudo-random path through
// nLevels x nFuncs (26 x 20) distinct named functions from funcs.go,
// minDepth..nLevels deep, ending in one allocation in leaf, so the profile
// has about N distinct stacks (one sample each, plus a few from the runtime).
// A quarter of the allocations are dropped again, so inuse and alloc values
// differ. Used by scripts/gen-bigheap.sh; the output is not committed.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/pprof"
)

func init() {
	runtime.MemProfileRate = 1 // record every allocation; set before main allocates
}

const minDepth = 14

type state struct {
	path []uint8 // function index per level
	d    int     // current level
	size int
	keep bool
}

var (
	levels [nLevels][nFuncs]func(*state)
	live   [][]byte // keeps allocations reachable
	sizes  = []int{16, 24, 32, 48, 64, 96, 128, 256, 512, 1024, 2048, 4096}
)

//go:noinline
func leaf(s *state) {
	b := make([]byte, s.size)
	b[0] = 1
	if s.keep {
		live = append(live, b)
	}
}

//go:noinline
func build(n int, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	live = make([][]byte, 0, n)
	path := make([]uint8, nLevels)
	for i := 0; i < n; i++ {
		depth := minDepth + rng.Intn(nLevels-minDepth+1)
		for j := 0; j < depth; j++ {
			path[j] = uint8(rng.Intn(nFuncs))
		}
		s := &state{
			path: path[:depth],
			size: sizes[rng.Intn(len(sizes))],
			keep: rng.Intn(4) != 0,
		}
		levels[0][s.path[0]](s)
	}
}

func main() {
	stacks := flag.Int("stacks", 80000, "number of random allocation paths (about the number of samples)")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: bigheap [-stacks N] [-seed S] OUT.pb.gz\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *stacks <= 0 {
		flag.Usage()
		os.Exit(2)
	}

	build(*stacks, *seed)
	runtime.GC() // the heap profile reports as of the last completed GC

	f, err := os.Create(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	runtime.KeepAlive(live)
}
