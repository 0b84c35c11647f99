#!/usr/bin/env bash
# Build Fixtures/gen/bigheap and write a large real heap profile (for speed
# measurements; not committed).
#
#   scripts/gen-bigheap.sh [OUT] [bigheap flags...]    # default OUT: .cache/bigheap.pb.gz
#   scripts/gen-bigheap.sh .cache/big.pb.gz -stacks 80000
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v go >/dev/null 2>&1 || { echo "gen-bigheap: go not found; install it, e.g. 'apt-get install -y golang-go'" >&2; exit 1; }

out="${1:-.cache/bigheap.pb.gz}"
[[ $# -gt 0 ]] && shift
mkdir -p "$(dirname "$out")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pprof-leak-bigheap.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

export GO111MODULE=on GOPROXY=off GOFLAGS=
(cd Fixtures/gen/bigheap && go build -o "$tmp/bigheap" .)
"$tmp/bigheap" "$@" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes)"
