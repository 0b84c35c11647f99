#!/usr/bin/env bash
# Decode speed of pprof-leak next to zlib's inflate and `go tool pprof -raw`, measured in one run.
#
#   scripts/bench-decode.sh [PROFILE...]
#
# Default profiles: the largest committed fixture and a large generated heap profile
# (scripts/gen-bigheap.sh, tens of thousands of stacks). Builds a release binary first. Prints,
# per profile: sizes, our inflate and decode times (best of 5) and MB/s of decompressed
# protobuf, the wall time and peak memory of `go tool pprof -raw` on the same file, and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product pprof-leak >/dev/null
bin=.build/release/pprof-leak

profiles=("$@")
if [ ${#profiles[@]} -eq 0 ]; then
  largest=$(ls -S Fixtures/profiles/*/*.pb.gz | head -n 1)
  [ -f .cache/bigheap.pb.gz ] || scripts/gen-bigheap.sh .cache/bigheap.pb.gz >/dev/null
  profiles=("$largest" .cache/bigheap.pb.gz)
fi

have_go=1
command -v go >/dev/null 2>&1 || have_go=0

printf '%-32s %9s %9s %8s %9s %9s %9s %10s %9s %9s\n' profile gz_bytes raw_bytes samples \
  inflate_s decode_s decode_MB/s pprof_raw_s pprof_MB speedup
for profile in "${profiles[@]}"; do
  stats=$("$bin" measure-decode --repeat 5 "$profile")
  get() { awk -v k="$1" '$1 == k { print $2 }' <<<"$stats"; }
  ours=$(awk -v a="$(get inflate_seconds)" -v b="$(get decode_seconds)" 'BEGIN { print a + b }')
  pprof_s=- pprof_mb=- speedup=-
  if [ "$have_go" = 1 ]; then
    timefile=$(mktemp)
    /usr/bin/time -o "$timefile" -f '%e %M' go tool pprof -symbolize=none -raw "$profile" >/dev/null 2>&1
    timing=$(tail -n 1 "$timefile")
    rm -f "$timefile"
    pprof_s=${timing% *}
    pprof_mb=$(awk -v k="${timing#* }" 'BEGIN { printf "%.0f", k / 1024 }')
    speedup=$(awk -v p="$pprof_s" -v o="$ours" 'BEGIN { printf "%.0fx", p / o }')
  fi
  printf '%-32s %9s %9s %8s %9.4f %9.4f %9.1f %10s %9s %9s\n' "$(basename "$profile")" \
    "$(get compressed_bytes)" "$(get decompressed_bytes)" "$(get samples)" \
    "$(get inflate_seconds)" "$(get decode_seconds)" "$(get decode_mb_per_s)" \
    "$pprof_s" "$pprof_mb" "$speedup"
  printf '  zlib inflate %.1f MB/s of output; decode %.1f MB/s; preparing the decoded stacks %.4f s;\n' \
    "$(get inflate_mb_per_s)" "$(get decode_mb_per_s)" "$(get prepare_stacks_seconds)"
  printf '  decode straight to prepared stacks %.4f s;\n' "$(get decode_to_stacks_seconds)"
  printf '  interning %s distinct stacks took %.4f s the first time, %.4f s once known\n' \
    "$(get distinct_stacks)" "$(get intern_new_stacks_seconds)" "$(get intern_known_stacks_seconds)"
done
echo "speedup = go tool pprof -raw wall time / our (inflate + decode) time. pprof's time includes"
echo "process start, its own gunzip and printing; ours is measured in-process (best of 5)."
