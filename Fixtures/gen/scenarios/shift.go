//go:build shift

// Built only with -tags shift, for the crossbuild fixture pair: BASE comes
// from the normal build, NEW from this one, running the same scenario. The
// code that leaks is the same; its addresses are not.
//
// The Go linker lays out package main after every package it imports, and
// the functions of package main in file-name order, so the large functions
// below (shift.go sorts after main.go) change the binary but cannot move
// main.go's code. What moves it is the extra import: encoding/json (and
// what it brings along, such as encoding/base64 and unicode/utf16) is not
// otherwise linked in and is laid out before package main. Everything is
// called once at startup, so the linker keeps it. Fixtures/regen checks
// that main.sendResult has different addresses in the two builds.
package main

import (
	"encoding/json"
	"os"
)

var shiftSink uint64

func init() {
	shiftSink = shiftMix(uint64(len(os.Args))) + shiftScramble(shiftSink) + shiftFold(7)
	b, err := json.Marshal(map[string]uint64{"shift": shiftSink})
	if err != nil || len(b) == 0 {
		fail("shift: %v", err)
	}
}

//go:noinline
func shiftMix(x uint64) uint64 {
	for i := uint64(0); i < 4; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		x ^= x >> 33
		x = x*0xff51afd7ed558ccd + i
		x ^= x >> 29
		x = x*0xc4ceb9fe1a85ec53 + 3*i
		x ^= x >> 31
		x = x*0x9e3779b97f4a7c15 + 5*i
		x ^= x >> 27
		x = x*0xbf58476d1ce4e5b9 + 7*i
		x ^= x >> 30
		x = x*0x94d049bb133111eb + 11*i
		x ^= x >> 31
	}
	return x
}

//go:noinline
func shiftScramble(x uint64) uint64 {
	switch x % 16 {
	case 0:
		x = x*3 + 1
	case 1:
		x = x*5 + 2
	case 2:
		x = x*7 + 3
	case 3:
		x = x*11 + 4
	case 4:
		x = x*13 + 5
	case 5:
		x = x*17 + 6
	case 6:
		x = x*19 + 7
	case 7:
		x = x*23 + 8
	case 8:
		x = x*29 + 9
	case 9:
		x = x*31 + 10
	case 10:
		x = x*37 + 11
	case 11:
		x = x*41 + 12
	case 12:
		x = x*43 + 13
	case 13:
		x = x*47 + 14
	case 14:
		x = x*53 + 15
	default:
		x = x*59 + 16
	}
	return shiftMix(x ^ 0x5bd1e995)
}

//go:noinline
func shiftFold(n int) uint64 {
	var acc [16]uint64
	for i := 0; i < n; i++ {
		for j := range acc {
			acc[j] = acc[j]*uint64(2*j+1) + uint64(i*j) ^ acc[(j+5)%16]>>7
		}
	}
	var x uint64
	for _, v := range acc {
		x = x*31 + v
	}
	return x
}
