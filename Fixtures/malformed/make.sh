#!/usr/bin/env bash
# Create the deliberately malformed inputs in Fixtures/malformed/ (see README.md).
# Called by Fixtures/regen; needs Fixtures/profiles/{leaky/heap-08.pb.gz,types/heap.pb}.
# Deterministic: the same inputs give the same bytes (gzip -n, fixed seeds).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

heapgz="$root/Fixtures/profiles/leaky/heap-08.pb.gz"
heappb="$root/Fixtures/profiles/types/heap.pb"
[[ -s "$heapgz" && -s "$heappb" ]] || { echo "make.sh: run Fixtures/regen first (missing real heap profile)" >&2; exit 1; }

# 0 bytes.
: >empty.pb.gz

# 4 KiB of deterministic pseudo-random bytes (Mersenne Twister, seed 1).
python3 -c '
import random, sys
random.seed(1)
sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(4096)))
' >random.bin

# Real gzip'd heap profile cut in half: gzip stream ends early.
head -c "$(( $(stat -c %s "$heapgz") / 2 ))" "$heapgz" >truncated.pb.gz

# Real plain heap profile cut inside a length-delimited field.
python3 "$root/Fixtures/gen/pbwire.py" truncate "$heappb" truncated-proto.pb

# Valid gzip whose content is text, not a protobuf.
python3 -c 'import sys; sys.stdout.write("hello world\n" * 1000)' | gzip -n -9 >not-a-profile.gz

# Gzip bombs: zeros. ~20 KB -> 20 MiB, and ~1 MB -> 1 GiB + 1 MiB.
head -c $((20 << 20)) /dev/zero | gzip -n -9 >bomb.pb.gz
head -c $(((1 << 30) + (1 << 20))) /dev/zero | gzip -n -9 >bomb-1g.pb.gz.tmp
if (( $(stat -c %s bomb-1g.pb.gz.tmp) > 2 << 20 )); then
	echo "make.sh: bomb-1g.pb.gz would be > 2 MiB; skipped" >&2
	rm -f bomb-1g.pb.gz.tmp bomb-1g.pb.gz
else
	mv bomb-1g.pb.gz.tmp bomb-1g.pb.gz
fi

# Field 1 (varint) whose varint is 11 bytes long: 0x08, ten 0xFF, 0x01.
printf '\x48\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01' >varint-overlong.pb

# The header of a CPU profile as runtime/pprof wrote it before Go 1.9 (64-bit little-endian
# words 0, 3, 0, a period of 10000 µs, 0), one sample (count 1, 2 pcs) and the trailer 0, 1, 0.
# No Go since 1.9 writes one and none is in Go's tree, so it is made here, for the error path.
python3 -c '
import struct, sys
words = [0, 3, 0, 10000, 0, 1, 2, 0x401000, 0x402000, 0, 1, 0]
sys.stdout.buffer.write(struct.pack("<%dQ" % len(words), *words))
' >legacy-cpu.prof

# Wire-valid, semantically broken copies of the real plain heap profile.
python3 "$root/Fixtures/gen/pbwire.py" string-index "$heappb" string-index-out-of-range.pb
python3 "$root/Fixtures/gen/pbwire.py" missing-func "$heappb" missing-function-id.pb

ls -l empty.pb.gz random.bin truncated.pb.gz truncated-proto.pb not-a-profile.gz \
	bomb.pb.gz varint-overlong.pb string-index-out-of-range.pb missing-function-id.pb legacy-cpu.prof \
	$( [[ -f bomb-1g.pb.gz ]] && echo bomb-1g.pb.gz ) | awk '{ printf "   %-32s %9d bytes\n", $9, $5 }'
