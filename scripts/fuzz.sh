#!/usr/bin/env bash
# Fuzz text dumps, gunzip, decode, top, diff and trend with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh [SECONDS]      default 600
#
# Builds Fuzz/fuzz-bin from the library's sources (every layer under Sources/PprofCore/, their
# imports of each other taken out) and Fuzz/FuzzTarget.swift in one module (SwiftPM's
# executable targets get in the way of -sanitize=fuzzer), seeds the corpus with every
# fixture, runs for SECONDS, and copies any crashing input to Fixtures/fuzz-failures/, where
# the test suite replays it. Exits 1 if a crash was found.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
out=Fuzz/fuzz-bin
# The layers up to Report, and the loader of the top one: the rest of Run/ needs Yams and
# libcurl, which a bare swiftc build has not got, and nothing the fuzz target reaches uses it.
flat=$(mktemp -d)
trap 'rm -rf "$flat"' EXIT
while IFS= read -r file; do
  # One module: no imports of the layers, and one access level for every other import.
  grep -vE '^(@_exported )?((public|package|internal) )?import Pprof' "$file" \
    | sed -E 's/^(public|package|internal) import /import /' >"$flat/$(echo "$file" | tr / _)"
done < <(find Sources/PprofCore/{Units,Profile,Goroutine,Analysis,Report} Sources/PprofCore/Run/Input \
  -name '*.swift' ! -name ProfileDirectory.swift | sort)
mapfile -t sources < <(find "$flat" -name '*.swift' | sort)
# ld.gold warns about every ASan check symbol it cannot export; those lines are noise.
swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name PprofCore \
  -package-name pprof_leak -I Sources/CZlib -lz "${sources[@]}" Fuzz/FuzzTarget.swift -o "$out" \
  2> >(grep -v 'Cannot export local symbol' >&2)

corpus=Fuzz/corpus
mkdir -p "$corpus" Fixtures/fuzz-failures
find Fixtures/profiles Fixtures/malformed Fixtures/fuzz-failures -type f \
  \( -name '*.pb.gz' -o -name '*.pb' -o -name '*.bin' -o -name '*.gz' -o -name '*.txt' -o -name 'crash-*' \) \
  -size -200k -exec cp -f {} "$corpus"/ \; 2>/dev/null || true

artifacts=$(mktemp -d)
status=0
"./$out" "$corpus" -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=4096 \
  -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/" >Fuzz/last-run.log 2>&1 || true
grep -E '^Done|ERROR|SUMMARY' Fuzz/last-run.log || true
for crash in "$artifacts"/*; do
  [ -e "$crash" ] || continue
  cp "$crash" Fixtures/fuzz-failures/
  echo "fuzz: saved $(basename "$crash") to Fixtures/fuzz-failures/" >&2
  status=1
done
grep -E 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' Fuzz/last-run.log || true
echo "fuzz: $(ls "$artifacts" | wc -l) crashing inputs" >&2
exit "$status"
