// Command bigheap writes large, real profiles for speed measurements:
//
//	bigheap [-stacks N] [-seed S] OUT.pb.gz         one heap profile
//	bigheap -pair DIR [-stacks N] [-seed S]         DIR/base.pb.gz and DIR/new.pb.gz: the heap
//	                                                before and after N/5 more stacks
//	bigheap -series DIR [-snapshots K] [-stacks N]  DIR/heap-NN.pb.gz and DIR/goroutine-NN.pb.gz,
//	        [-parked P] [-park G] [-park-every E]   K of each, a leak growing between them: P
//	        [-heap-only | -goroutine-only]          goroutines parked at first, G more every E
//	        [-same-stacks]                          snapshots; heap or goroutines alone; on the
//	                                                same stacks, so snapshots stay small
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
	park chan struct{} // when set, leaf blocks on it instead of allocating
}

var (
	levels [nLevels][nFuncs]func(*state)
	live   [][]byte // keeps allocations reachable
	sizes  = []int{16, 24, 32, 48, 64, 96, 128, 256, 512, 1024, 2048, 4096}
)

//go:noinline
func leaf(s *state) {
	if s.park != nil {
		<-s.park // a goroutine leaked at the end of a deep stack
		return
	}
	b := make([]byte, s.size)
	b[0] = 1
	if s.keep {
		live = append(live, b)
	}
}

//go:noinline
func build(n int, seed int64) {
	live = make([][]byte, 0, n)
	grow(rand.New(rand.NewSource(seed)), n, -1)
}

// grow makes n random allocation paths; with prefix >= 0 every path starts with that
// function of the first level (a leak at one call site).
func grow(rng *rand.Rand, n int, prefix int) {
	path := make([]uint8, nLevels)
	for i := 0; i < n; i++ {
		depth := minDepth + rng.Intn(nLevels-minDepth+1)
		for j := 0; j < depth; j++ {
			path[j] = uint8(rng.Intn(nFuncs))
		}
		if prefix >= 0 {
			path[0] = uint8(prefix)
		}
		s := &state{
			path: path[:depth],
			size: sizes[rng.Intn(len(sizes))],
			keep: prefix >= 0 || rng.Intn(4) != 0,
		}
		levels[0][s.path[0]](s)
	}
}

// parkGoroutines starts n goroutines that block at the end of random deep paths: a few hundred
// distinct stacks.
func parkGoroutines(rng *rand.Rand, n int, never chan struct{}) {
	for i := 0; i < n; i++ {
		depth := minDepth + rng.Intn(4)
		path := make([]uint8, depth)
		for j := range path {
			path[j] = uint8(rng.Intn(3))
		}
		s := &state{path: path, park: never}
		go levels[0][s.path[0]](s)
	}
}

func write(path string, profile string) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if profile == "heap" {
		runtime.GC() // the heap profile reports as of the last completed GC
		err = pprof.WriteHeapProfile(f)
	} else {
		err = pprof.Lookup(profile).WriteTo(f, 0)
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	stacks := flag.Int("stacks", 80000, "number of random allocation paths (about the number of samples)")
	seed := flag.Int64("seed", 1, "random seed")
	pair := flag.String("pair", "", "write DIR/base.pb.gz and DIR/new.pb.gz")
	series := flag.String("series", "", "write DIR/heap-NN.pb.gz and DIR/goroutine-NN.pb.gz")
	snapshots := flag.Int("snapshots", 60, "snapshots of -series")
	park := flag.Int("park", 20, "goroutines parked between two snapshots of -series")
	parked := flag.Int("parked", 500, "goroutines -series parks before its first snapshot")
	parkEvery := flag.Int("park-every", 1, "-series parks its goroutines every this many snapshots")
	heapOnly := flag.Bool("heap-only", false, "-series writes heap profiles only")
	goroutineOnly := flag.Bool("goroutine-only", false, "-series writes goroutine profiles only (no GC between them: thousands a second)")
	sameStacks := flag.Bool("same-stacks", false, "-series leaks on the same few stacks, so every snapshot stays as small as the first")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: bigheap [-stacks N] [-seed S] OUT.pb.gz | -pair DIR | -series DIR [-snapshots K]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *stacks <= 0 || *parkEvery <= 0 || (*heapOnly && *goroutineOnly) || (*pair == "" && *series == "" && flag.NArg() != 1) {
		flag.Usage()
		os.Exit(2)
	}
	if *goroutineOnly {
		runtime.MemProfileRate = 0 // no heap profile to write: no allocation recorded
	}
	rng := rand.New(rand.NewSource(*seed))
	live = make([][]byte, 0, *stacks)
	switch {
	case *pair != "":
		grow(rng, *stacks, -1)
		write(*pair+"/base.pb.gz", "heap")
		grow(rng, *stacks/5, 7) // the leak: new stacks under one first-level function
		write(*pair+"/new.pb.gz", "heap")
	case *series != "":
		never := make(chan struct{})
		grow(rng, *stacks, -1)
		parkGoroutines(rng, *parked, never)
		// Numbered with at least two digits, and as many as the last number has.
		width := len(fmt.Sprint(*snapshots))
		if width < 2 {
			width = 2
		}
		for i := 1; i <= *snapshots; i++ {
			leak := rng
			if *sameStacks {
				leak = rand.New(rand.NewSource(*seed + 1)) // the same paths each time
			}
			if !*goroutineOnly {
				grow(leak, (*stacks+99)/100, 7) // the heap leak
			}
			if i%*parkEvery == 0 {
				parkGoroutines(rng, *park, never) // the goroutine leak
			}
			if !*goroutineOnly {
				write(fmt.Sprintf("%s/heap-%0*d.pb.gz", *series, width, i), "heap")
			}
			if !*heapOnly {
				write(fmt.Sprintf("%s/goroutine-%0*d.pb.gz", *series, width, i), "goroutine")
			}
		}
	default:
		grow(rng, *stacks, -1)
		write(flag.Arg(0), "heap")
	}
	runtime.KeepAlive(live)
}
