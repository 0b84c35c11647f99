#!/usr/bin/env bash
# Write the goldens of binary profiles with one Go toolchain's own pprof, as Fixtures/regen
# does for the Go 1.19 ones. Runs from anywhere; FILEs are under Fixtures/profiles/:
#
#   Fixtures/gen/goldens.sh GO FILE...
#
# GO is the toolchain's `go` (see go-toolchain.sh). For each FILE, with stem = the path under
# Fixtures/profiles/ with "/" -> "-" and without .pb.gz (go1.27/series/heap-01.pb.gz ->
# go1.27-series-heap-01), it writes the stdout of `GO tool pprof -symbolize=none`, less the
# File:, Build ID: and Time: lines, to Fixtures/golden/:
#   top/<stem>.<sample_type>.txt   -top -sample_index=<type>, one per sample type
#   top-cum/<stem>.txt             -top -cum
#   top-nodecount/<stem>.txt       -top -nodecount=3
#   raw/<stem>.txt                 -raw
#   traces/<stem>.txt              -traces
# pprof must write nothing on stderr. Prints one line per FILE with its sample types.
set -euo pipefail

die() { echo "goldens.sh: $*" >&2; exit 1; }

[[ $# -ge 2 ]] || die "usage: goldens.sh GO FILE..."
go="$1"
shift
[[ -x "$go" ]] || die "$go is not executable"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
prof="$root/Fixtures/profiles"
golden="$root/Fixtures/golden"
mkdir -p "$golden"/{top,top-cum,top-nodecount,raw,traces}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pprof-leak-goldens.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# Drop lines that depend on paths or the local time zone.
strip() { grep -v -E '^(File|Build ID|Time): ' || true; }

# pp OUT ARGS...: run pprof, write its stripped stdout to OUT; stderr must be empty.
pp() {
	local out="$1"
	shift
	GOTOOLCHAIN=local "$go" tool pprof -symbolize=none "$@" 2>"$tmp/pprof.err" | strip >"$out"
	[[ ! -s "$tmp/pprof.err" ]] || { cat "$tmp/pprof.err" >&2; die "pprof $* wrote to stderr"; }
	[[ -s "$out" ]] || die "pprof $* printed nothing"
}

# Sample type names, e.g. "alloc_objects alloc_space inuse_objects inuse_space".
sample_types() {
	# awk reads to the end: exiting early could kill pprof with SIGPIPE.
	GOTOOLCHAIN=local "$go" tool pprof -symbolize=none -raw "$1" | awk '
		/^Samples:/ && !done { getline; for (i = 1; i <= NF; i++) { t = $i; sub(/\/.*/, "", t); printf "%s ", t }; done = 1 }'
}

for f in "$@"; do
	[[ -f "$f" ]] || die "$f: no such file"
	abs="$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"
	[[ "$abs" == "$prof"/* ]] || die "$f is not under Fixtures/profiles/"
	rel="${abs#"$prof"/}"
	rel="${rel%.pb.gz}"
	stem="${rel//\//-}"
	pp "$golden/raw/$stem.txt" -raw "$abs"
	pp "$golden/traces/$stem.txt" -traces "$abs"
	pp "$golden/top-cum/$stem.txt" -top -cum "$abs"
	pp "$golden/top-nodecount/$stem.txt" -top -nodecount=3 "$abs"
	st="$(sample_types "$abs")"
	[[ -n "$st" ]] || die "$f: no sample types found"
	for t in $st; do
		pp "$golden/top/$stem.$t.txt" -top -sample_index="$t" "$abs"
	done
	echo "   $stem: $st"
done
