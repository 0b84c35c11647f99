#!/usr/bin/env bash
# Capture goroutine dumps and profiles as they reach a user in the field (issue 17) into
# Fixtures/profiles/field/, and pprof's goldens of them into Fixtures/golden/. Fixtures/regen
# runs it after its own goldens step (which starts with rm -rf Fixtures/golden); it also runs
# alone, from anywhere:
#
#   Fixtures/gen/field/capture.sh
#
# Builds Fixtures/gen/field with Go 1.19 and writes (see main.go for the modes):
#   clean.txt              stderr of -mode panic (exit status 2): 9 leaked goroutines in 3 groups
#   kubectl.txt github.txt compose.txt journald.txt indented.txt
#                          clean.txt with every line prefixed by prefix.py kubectl, github,
#                          compose (web-1 with db-1 lines between), journald, indent
#   two-dumps.txt          clean.txt with kubectl prefixes, then the stderr of a SIGQUIT of
#                          -mode sigquit (another run, other goroutines) with compose prefixes
#   go-run-panic.txt       `go run . -mode panic`, stdout and stderr (ends with "exit status 2")
#   go-test-timeout.txt    `go test -count=1 -timeout 2s ./hang` with FIELD_HANG=1, stdout and
#                          stderr (ends with "FAIL<TAB>field/hang<TAB>2.0NNs" and "FAIL")
#   terminal-sigquit.txt   util-linux `script` log of -mode sigquit run on a pty, quit with
#                          Ctrl-\ (byte 0x1c) written to the pty: "^\SIGQUIT: quit", CRLF ends
#   glued-header.txt       stderr of -mode glued: "dumping all stacksgoroutine 1 [running]:"
#   heap.debug1.txt allocs.debug1.txt threadcreate.debug1.txt mutex.debug1.txt
#   block.debug1.txt heap.pb.gz
#                          /debug/pprof/<page>?debug=1 of -mode server, and /debug/pprof/heap
#                          (binary) right after heap?debug=1
#   diffbase.pb.gz         `go tool pprof -proto -diff_base leaky/heap-01.pb.gz leaky/heap-08.pb.gz`
# Goldens: for each debug=1 page golden/field/<page>.debug1.txt (-top), .raw.txt (-raw), .<type>.txt (-top
# -sample_index=<type>) and .symbolized.<type>.txt (the same, symbolized with the server's
# binary), or .error.txt (pprof's stderr) where pprof refuses the page; for heap.pb.gz and
# diffbase.pb.gz the five kinds of Fixtures/gen/goldens.sh. All from Go 1.19's pprof,
# -symbolize=none unless said, less the File:, Build ID: and Time: lines.
# Requirements: go 1.19, curl, gzip, python3, script (util-linux). About 20 s.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"

start_time=$(date +%s)

die() { echo "capture.sh: $*" >&2; exit 1; }
# has, count, expect_count, stop_process.
source "$here/../checks.sh"

for tool in go curl gzip python3 script; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
go="$(command -v go)"
[[ "$("$go" version)" == "go version go1.19"* ]] \
	|| die "$go is not Go 1.19 ($("$go" version)): the fixtures and goldens here are Go 1.19's"

export GO111MODULE=on GOPROXY=off GOFLAGS= GOTOOLCHAIN=local
# Both change what the runtime prints; the program sets what it needs.
unset GOTRACEBACK GODEBUG

out="Fixtures/profiles/field"
golden="Fixtures/golden"
gfield="$golden/field"
leaky="Fixtures/profiles/leaky"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pprof-leak-field.XXXXXX")"
bg_pid=""
stop_bg() {
	stop_process "$bg_pid"
	bg_pid=""
}
cleanup() {
	stop_bg
	rm -rf "$tmp"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_for FILE REGEX WHAT: until a line of FILE matches REGEX, while $bg_pid lives (30 s).
wait_for() {
	local deadline=$(( $(now_ms) + 30000 ))
	until grep -qE -- "$2" "$1" 2>/dev/null; do
		kill -0 "$bg_pid" 2>/dev/null || { cat "$tmp"/*.err >&2 2>/dev/null || true; die "$3: exited early"; }
		(( $(now_ms) < deadline )) || die "$3: no line matching '$2' in $1 after 30 s"
		sleep 0.1
	done
}


# lines_are FILE REGEX: every line of FILE matches REGEX.
lines_are() {
	local bad
	bad=$(grep -cvE -- "$2" "$1" || true)
	(( bad == 0 )) || die "$1: $bad lines do not match '$2', e.g. '$(grep -vE -- "$2" "$1" | head -n1)'"
}

# first_line FILE TEXT: the first line of FILE is exactly TEXT.
first_line() {
	[[ "$(head -n1 "$1")" == "$2" ]] || die "$1: first line is '$(head -n1 "$1")', expected '$2'"
}

# last_line FILE REGEX: the last line of FILE matches REGEX.
last_line() {
	[[ "$(tail -n1 "$1")" =~ $2 ]] || die "$1: last line is '$(tail -n1 "$1")', expected /$2/"
}

echo "   building Fixtures/gen/field"
(cd "$here" && "$go" build -p 1 -o "$tmp/field" .)

rm -rf "$out" "$gfield"
rm -f "$golden"/{top,top-cum,top-nodecount,raw,traces}/field-*.txt
mkdir -p "$out" "$gfield"

# --------------------------------------------------------------------------
# clean.txt: the panic of -mode panic (exit status 2), every goroutine.
rc=0
"$tmp/field" -mode panic >"$tmp/panic.out" 2>"$out/clean.txt" || rc=$?
(( rc == 2 )) || { cat "$out/clean.txt" >&2; die "panic: exit status $rc, expected 2"; }
[[ ! -s "$tmp/panic.out" ]] || die "panic: printed on stdout"
# check_panic FILE: the goroutines of -mode panic.
check_panic() {
	has "$1" "panic: field: 9 goroutines are stuck"
	expect_count "$1" '^goroutine [0-9]+ \[' 10
	expect_count "$1" '^goroutine 1 \[running\]:$' 1
	expect_count "$1" '^goroutine [0-9]+ \[chan send\]:$' 5
	expect_count "$1" '^goroutine [0-9]+ \[chan receive\]:$' 2
	expect_count "$1" '^goroutine [0-9]+ \[semacquire\]:$' 2
	expect_count "$1" '^created by main\.startPanicLeaks$' 9
}
first_line "$out/clean.txt" "panic: field: 9 goroutines are stuck"
check_panic "$out/clean.txt"

# The second run for two-dumps.txt: SIGQUIT of -mode sigquit once it says ready.
"$tmp/field" -mode sigquit >"$tmp/quit.out" 2>"$tmp/quit.err" &
bg_pid=$!
wait_for "$tmp/quit.out" '^ready$' "sigquit"
kill -QUIT "$bg_pid"
rc=0
wait "$bg_pid" || rc=$?
bg_pid=""
(( rc == 2 )) || { cat "$tmp/quit.err" >&2; die "sigquit: exit status $rc, expected 2"; }
quit="$tmp/quit.err"
first_line "$quit" "SIGQUIT: quit"
# check_quit FILE: the goroutines of -mode sigquit.
check_quit() {
	expect_count "$1" '^goroutine [0-9]+ \[select\]:' 4
	expect_count "$1" '^goroutine [0-9]+ \[semacquire\]:' 3
	expect_count "$1" '^created by main\.startQuitLeaks' 7
}
check_quit "$quit"

# --------------------------------------------------------------------------
# The same dump in log wrappings (prefix.py: the prefixes of tools not on this machine).
prefix() { python3 "$here/prefix.py" "$@"; }
prefix kubectl <"$out/clean.txt" >"$out/kubectl.txt"
prefix github <"$out/clean.txt" >"$out/github.txt"
prefix compose <"$out/clean.txt" >"$out/compose.txt"
prefix journald <"$out/clean.txt" >"$out/journald.txt"
prefix indent <"$out/clean.txt" >"$out/indented.txt"
# unwrap FILE REGEX: the lines of FILE without the prefix REGEX must be clean.txt.
unwrap() {
	lines_are "$1" "^$2"
	sed -E "s/^$2//" "$1" | cmp -s - "$out/clean.txt" || die "$1: without its prefix it is not clean.txt"
}
kubectl_re='2026-03-01T10:00:[0-9]{2}\.[0-9]{9}Z '
unwrap "$out/kubectl.txt" "$kubectl_re"
first_line "$out/kubectl.txt" "2026-03-01T10:00:00.123456789Z panic: field: 9 goroutines are stuck"
unwrap "$out/github.txt" '2026-03-01T10:00:[0-9]{2}\.[0-9]{7}Z '
unwrap "$out/journald.txt" 'Mar 01 10:00:[0-9]{2} host dockerd\[1748\]: '
unwrap "$out/indented.txt" '    '
lines_are "$out/compose.txt" '^(web-1  \| |db-1   \| [0-9-]{10} [0-9:.]{12} UTC \[1\] [A-Z]+:  )'
grep -v '^db-1   | ' "$out/compose.txt" >"$tmp/web.txt"
unwrap "$tmp/web.txt" 'web-1  \| '
db_lines=$(count "$out/compose.txt" '^db-1   \| ')
(( db_lines >= 5 )) || die "compose.txt: $db_lines db-1 lines, expected at least 5"
# Timestamps grow from line to line.
LC_ALL=C sort -c "$out/kubectl.txt" 2>/dev/null || die "kubectl.txt: timestamps do not grow"

# Two runs in one log: kubectl prefixes, then compose prefixes, five minutes later.
{
	prefix kubectl <"$out/clean.txt"
	prefix compose --start 2026-03-01T10:05:00.000000001Z <"$quit"
} >"$out/two-dumps.txt"
lines_are "$out/two-dumps.txt" "^($kubectl_re|web-1  \| |db-1   \| )"
expect_count "$out/two-dumps.txt" "^${kubectl_re}goroutine [0-9]+ \[" 10
expect_count "$out/two-dumps.txt" '^web-1  \| goroutine [0-9]+ \[' "$(count "$quit" '^goroutine [0-9]+ \[')"
expect_count "$out/two-dumps.txt" '^web-1  \| SIGQUIT: quit$' 1

# --------------------------------------------------------------------------
# Endings: `go run` (exit status 1, after the program's 2) and `go test -timeout`.
rc=0
(cd "$here" && "$go" run -p 1 . -mode panic) >"$out/go-run-panic.txt" 2>&1 || rc=$?
(( rc == 1 )) || { cat "$out/go-run-panic.txt" >&2; die "go run: exit status $rc, expected 1"; }
first_line "$out/go-run-panic.txt" "panic: field: 9 goroutines are stuck"
last_line "$out/go-run-panic.txt" '^exit status 2$'
check_panic "$out/go-run-panic.txt"

rc=0
(cd "$here" && FIELD_HANG=1 "$go" test -p 1 -count=1 -timeout 2s ./hang) >"$out/go-test-timeout.txt" 2>&1 || rc=$?
t="$out/go-test-timeout.txt"
(( rc == 1 )) || { cat "$t" >&2; die "go test: exit status $rc, expected 1"; }
first_line "$t" "panic: test timed out after 2s"
expect_count "$t" $'^FAIL\tfield/hang\t2\\.[0-9]{3}s$' 1
last_line "$t" '^FAIL$'
expect_count "$t" '^field/hang\.sendResult\(' 3
expect_count "$t" '^field/hang\.waitForReply\(' 1
has "$t" "testing.(*M).startAlarm.func1()"

# --------------------------------------------------------------------------
# Terminal: -mode sigquit on a pty (util-linux script), quit with Ctrl-\ typed into the pty.
# The pty's line discipline turns byte 0x1c into SIGQUIT and echoes it as "^\"; the writer
# keeps the pipe open until script has finished, so script never sees the end of its input.
term_raw="$tmp/term/terminal-sigquit.txt"
rc=0
mkdir -p "$tmp/term"
cp "$tmp/field" "$tmp/term/field"
{
	deadline=$(( $(now_ms) + 30000 ))
	until grep -q '^ready' "$term_raw" 2>/dev/null; do
		(( $(now_ms) < deadline )) || break
		sleep 0.1
	done
	printf '\034'
	deadline=$(( $(now_ms) + 30000 ))
	until grep -q '^Script done' "$term_raw" 2>/dev/null; do
		(( $(now_ms) < deadline )) || break
		sleep 0.1
	done
} | (cd "$tmp/term" && script -qfec './field -mode sigquit' terminal-sigquit.txt >/dev/null) || rc=$?
(( rc == 2 )) || { cat "$term_raw" >&2; die "terminal: script exit status $rc, expected 2 (the program's)"; }
cp "$term_raw" "$out/terminal-sigquit.txt"
t="$out/terminal-sigquit.txt"
has "$t" $'ready\r'
has "$t" $'^\\SIGQUIT: quit\r'
expect_count "$t" $'^\\^\\\\SIGQUIT: quit\r$' 1
has "$t" 'Script started on '
has "$t" '[COMMAND_EXIT_CODE="2"]'
# Every line the program wrote ends in CRLF (the pty's ONLCR); script's own three do not (its
# header, and an empty line and "Script done on ..." at the end).
crlf=$(count "$t" $'\r$')
lines=$(wc -l <"$t")
(( crlf == lines - 3 )) || die "$t: $crlf of $lines lines end in CRLF, expected all but script's 3"
tr -d '\r' <"$t" >"$tmp/term.lf"
check_quit "$tmp/term.lf"

# --------------------------------------------------------------------------
# Glued header: "dumping all stacks" and runtime.Stack's dump in one write, no newline.
rc=0
"$tmp/field" -mode glued >"$tmp/glued.out" 2>"$out/glued-header.txt" || rc=$?
(( rc == 0 )) || { cat "$out/glued-header.txt" >&2; die "glued: exit status $rc, expected 0"; }
first_line "$out/glued-header.txt" "dumping all stacksgoroutine 1 [running]:"
expect_count "$out/glued-header.txt" '^goroutine [0-9]+ \[' 9
expect_count "$out/glued-header.txt" '^created by main\.startPanicLeaks$' 9

# --------------------------------------------------------------------------
# The debug=1 pages of a net/http/pprof server.
"$tmp/field" -mode server >"$tmp/server.out" 2>"$tmp/server.err" &
bg_pid=$!
wait_for "$tmp/server.out" '^listening on http://' "server"
base="$(sed -n 's/^listening on //p' "$tmp/server.out")"
fetch() { curl -sSf --max-time 30 -o "$2" "$base/debug/pprof/$1"; }
fetch "heap?debug=1" "$out/heap.debug1.txt"
fetch "heap" "$out/heap.pb.gz"
for page in allocs threadcreate mutex block; do
	fetch "$page?debug=1" "$out/$page.debug1.txt"
done
stop_bg
# heap and allocs write the same text (the binary forms differ only in the default sample type).
for page in heap allocs; do
	[[ "$(head -n1 "$out/$page.debug1.txt")" =~ ^heap\ profile:\ [0-9]+:\ [0-9]+\ \[[0-9]+:\ [0-9]+\]\ @\ heap/8192$ ]] \
		|| die "$page.debug1.txt: first line '$(head -n1 "$out/$page.debug1.txt")', expected 'heap profile: ... @ heap/8192'"
done
has "$out/heap.debug1.txt" "main.holdBuffers+"
has "$out/heap.debug1.txt" "# runtime.MemStats"
has "$out/allocs.debug1.txt" "main.churn+"
[[ "$(head -n1 "$out/threadcreate.debug1.txt")" =~ ^threadcreate\ profile:\ total\ [0-9]+$ ]] \
	|| die "threadcreate.debug1.txt: first line '$(head -n1 "$out/threadcreate.debug1.txt")'"
has "$out/threadcreate.debug1.txt" "runtime.newm+"
first_line "$out/mutex.debug1.txt" "--- mutex:"
has "$out/mutex.debug1.txt" "main.fightOverMutex+"
first_line "$out/block.debug1.txt" "--- contention:"
has "$out/block.debug1.txt" "main.fightOverMutex+"
has "$out/block.debug1.txt" "main.consume+"
gzip -t "$out/heap.pb.gz" || die "heap.pb.gz: bad gzip"
held=$(python3 Fixtures/gen/pbwire.py stats "$out/heap.pb.gz" main.holdBuffers | awk '{ print $7 }')
# 64 buffers of 16 KiB are held; sampling at 4096 B keeps practically all of them.
(( held >= 60 * 16384 )) || die "heap.pb.gz: main.holdBuffers holds $held bytes inuse_space, expected about 1 MiB"

# --------------------------------------------------------------------------
# A profile saved with pprof's own -diff_base (base samples negated, labelled pprof::base).
"$go" tool pprof -proto -diff_base "$leaky/heap-01.pb.gz" "$leaky/heap-08.pb.gz" \
	>"$out/diffbase.pb.gz" 2>"$tmp/diffbase.err" || { cat "$tmp/diffbase.err" >&2; die "pprof -proto -diff_base failed"; }
[[ ! -s "$tmp/diffbase.err" ]] || { cat "$tmp/diffbase.err" >&2; die "pprof -proto -diff_base wrote to stderr"; }
gzip -t "$out/diffbase.pb.gz" || die "diffbase.pb.gz: bad gzip"
"$go" tool pprof -symbolize=none -raw "$out/diffbase.pb.gz" | grep -qF 'pprof::base:[true]' \
	|| die "diffbase.pb.gz: no pprof::base samples"

# --------------------------------------------------------------------------
echo "   goldens"
"$here/../goldens.sh" "$go" "$out/heap.pb.gz" "$out/diffbase.pb.gz"

strip() { grep -v -E '^(File|Build ID|Time): ' || true; }
# pp OUT ARGS...: pprof (run in $out, so messages name the bare file), stripped stdout to OUT;
# stderr must be empty.
pp() {
	local dest="$1"
	shift
	(cd "$out" && "$go" tool pprof "$@") 2>"$tmp/pprof.err" | strip >"$dest"
	[[ ! -s "$tmp/pprof.err" ]] || { cat "$tmp/pprof.err" >&2; die "pprof $* wrote to stderr"; }
	[[ -s "$dest" ]] || die "pprof $* printed nothing"
}
page_summary=""
for page in heap allocs threadcreate mutex block; do
	f="$page.debug1.txt"
	g="$gfield/$page.debug1"
	rc=0
	(cd "$out" && "$go" tool pprof -symbolize=none -raw "$f") >"$tmp/raw.txt" 2>"$tmp/raw.err" || rc=$?
	if (( rc != 0 )); then
		# pprof refuses the page: its stderr is the golden. Go 1.19's refuses threadcreate,
		# whose first record is the threads started with no stack ("9 @" and "#	0x0").
		[[ "$page" == threadcreate ]] || { cat "$tmp/raw.err" >&2; die "pprof refuses $f"; }
		grep -qE '^[0-9]+ @$' "$out/$f" || die "$f: pprof refuses it, but it has no record without a stack"
		cp "$tmp/raw.err" "$g.error.txt"
		[[ "$(cat "$g.error.txt")" == "$f: parsing profile: malformed profile format"$'\n'"failed to fetch any source profiles" ]] \
			|| die "$f: pprof refuses it with another message: $(cat "$g.error.txt")"
		page_summary+="   $f: refused: $(head -n1 "$g.error.txt")"$'\n'
		continue
	fi
	[[ ! -s "$tmp/raw.err" ]] || { cat "$tmp/raw.err" >&2; die "pprof -raw $f wrote to stderr"; }
	st="$(awk '/^Samples:/ && !done { getline; for (i = 1; i <= NF; i++) { t = $i; sub(/\/.*/, "", t); printf "%s ", t }; done = 1 }' "$tmp/raw.txt")"
	[[ -n "$st" ]] || die "$f: no sample types found"
	strip <"$tmp/raw.txt" >"$g.raw.txt"
	pp "$g.txt" -symbolize=none -top "$f"
	for type in $st; do
		pp "$g.$type.txt" -symbolize=none -top -sample_index="$type" "$f"
		pp "$g.symbolized.$type.txt" -symbolize=local -top -sample_index="$type" "$tmp/field" "$f"
	done
	page_summary+="   $f: $st"$'\n'
done
has "$gfield/heap.debug1.symbolized.inuse_space.txt" "main.holdBuffers"
has "$gfield/block.debug1.symbolized.delay.txt" "main.fightOverMutex"
[[ -s "$gfield/threadcreate.debug1.error.txt" ]] || die "pprof read threadcreate.debug1.txt; update capture.sh and the README"

# --------------------------------------------------------------------------
size=$(du -sb "$out" | cut -f1)
(( size < 300000 )) || die "$out is $size bytes, over 300 KB"
for f in "$out"/*; do
	printf '   %-44s %7d bytes\n' "$f" "$(stat -c %s "$f")"
done
printf '%s' "$page_summary"
echo "   $(find "$gfield" -type f | wc -l) goldens in $gfield, and field-heap, field-diffbase"
echo "   took $(( $(date +%s) - start_time )) s"
