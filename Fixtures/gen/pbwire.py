#!/usr/bin/env python3
"""Minimal protobuf wire-format tools (no libraries) for the fixtures.

    pbwire.py stats          IN[.pb.gz]     # "samples N sums V1 V2 ..." (exact, from the proto)
    pbwire.py stats          IN[.pb.gz] FUNC[:LINE]
                                            # the same, only samples with a frame in FUNC (at LINE)
    pbwire.py addrs          IN[.pb.gz] FUNC
                                            # addresses of the locations with a frame in FUNC, hex
    pbwire.py string-index   IN.pb OUT.pb   # first Function.name := 99999
    pbwire.py missing-func   IN.pb OUT.pb   # first Location.Line.function_id := 99999
    pbwire.py truncate       IN.pb OUT.pb   # cut inside the last top-level field (>= 8 payload bytes)

Used by Fixtures/regen (stats, addrs) and Fixtures/malformed/make.sh (the rest).
The mutation input is a plain (gunzipped) profile.proto Profile message. Only the
one field that is changed is re-encoded; everything else is copied
byte-for-byte, and the enclosing length prefixes are recomputed.
"""
import gzip
import sys

BAD = 99999

# profile.proto field numbers
PROFILE_SAMPLE = 2
SAMPLE_VALUE = 2
PROFILE_LOCATION = 4
PROFILE_FUNCTION = 5
FUNCTION_NAME = 2
LOCATION_LINE = 4
LINE_FUNCTION_ID = 1


def read_varint(b, i):
    v = shift = 0
    while True:
        if i >= len(b):
            raise ValueError("truncated varint")
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return v, i
        if shift >= 70:
            raise ValueError("varint too long")


def varint(v):
    out = bytearray()
    while True:
        c = v & 0x7F
        v >>= 7
        if v:
            out.append(c | 0x80)
        else:
            out.append(c)
            return bytes(out)


def fields(b):
    """Yield (field, wiretype, value, start, end) for each field of message b.

    value is an int for varint/fixed, bytes for length-delimited; start/end
    delimit the whole field (tag included); for wire type 2 also the payload
    start is available as end - len(value)."""
    i = 0
    while i < len(b):
        start = i
        key, i = read_varint(b, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = read_varint(b, i)
        elif wt == 1:
            v = int.from_bytes(b[i:i + 8], "little")
            i += 8
        elif wt == 2:
            n, i = read_varint(b, i)
            v = b[i:i + n]
            if len(v) != n:
                raise ValueError("truncated length-delimited field")
            i += n
        elif wt == 5:
            v = int.from_bytes(b[i:i + 4], "little")
            i += 4
        else:
            raise ValueError("unsupported wire type %d" % wt)
        yield num, wt, v, start, i


def enc_varint_field(num, v):
    return varint(num << 3 | 0) + varint(v)


def enc_bytes_field(num, payload):
    return varint(num << 3 | 2) + varint(len(payload)) + payload


def set_varint(msg, num, value):
    """Replace the first varint field `num` of msg with value (append if absent)."""
    out = bytearray()
    done = False
    for n, wt, v, s, e in fields(msg):
        if not done and n == num and wt == 0:
            out += enc_varint_field(num, value)
            done = True
        else:
            out += msg[s:e]
    if not done:
        out += enc_varint_field(num, value)
    return bytes(out)


def rewrite_first(profile, top_field, fn):
    """Apply fn to the payload of the first top-level field `top_field` for
    which fn returns a new payload (not None)."""
    out = bytearray()
    done = False
    for n, wt, v, s, e in fields(profile):
        if not done and n == top_field and wt == 2:
            new = fn(v)
            if new is not None:
                out += enc_bytes_field(n, new)
                done = True
                continue
        out += profile[s:e]
    if not done:
        raise SystemExit("no suitable field %d found" % top_field)
    return bytes(out)


def string_index(profile):
    return rewrite_first(profile, PROFILE_FUNCTION,
                         lambda f: set_varint(f, FUNCTION_NAME, BAD))


def missing_func(profile):
    def loc(l):
        out = bytearray()
        done = False
        for n, wt, v, s, e in fields(l):
            if not done and n == LOCATION_LINE and wt == 2:
                out += enc_bytes_field(n, set_varint(v, LINE_FUNCTION_ID, BAD))
                done = True
            else:
                out += l[s:e]
        return bytes(out) if done else None
    return rewrite_first(profile, PROFILE_LOCATION, loc)


def truncate(profile):
    last = None
    for n, wt, v, s, e in fields(profile):
        if wt == 2 and len(v) >= 8:
            last = (n, v, s, e)
    if last is None:
        raise SystemExit("no length-delimited field to cut into")
    n, v, s, e = last
    payload_start = e - len(v)
    cut = payload_start + len(v) // 2
    sys.stdout.write("   truncate: cut at byte %d of %d (inside top-level field %d, "
                     "payload bytes %d..%d)\n" % (cut, len(profile), n, payload_start, e))
    return profile[:cut]


def packed_or_single(wt, v):
    if wt == 0:
        return [v]
    out, i = [], 0
    while i < len(v):
        x, i = read_varint(v, i)
        out.append(x - (1 << 64) if x >= 1 << 63 else x)
    return out


def stats(data):
    """Number of samples and per-value-column sums (every sample, including
    ones with no locations, which `pprof -raw` does not print)."""
    n, sums = 0, []
    for num, wt, v, s, e in fields(data):
        if num != PROFILE_SAMPLE:
            continue
        n += 1
        vals = []
        for fn, fwt, fv, _, _ in fields(v):
            if fn == SAMPLE_VALUE:
                vals += packed_or_single(fwt, fv)
        sums += [0] * (len(vals) - len(sums))
        for i, x in enumerate(vals):
            sums[i] += x
    return "samples %d sums %s" % (n, " ".join(map(str, sums)))


PROFILE_STRING_TABLE = 6
SAMPLE_LOCATION_ID = 1
LOCATION_ID = 1
LOCATION_ADDRESS = 3
LINE_LINE = 2
FUNCTION_ID = 1


def frames(data):
    """Location id -> (address, [(function name, line), ...]), leaf first."""
    strings, funcs, locs = [], {}, {}
    for num, wt, v, s, e in fields(data):
        if num == PROFILE_STRING_TABLE:
            strings.append(v.decode("utf-8", "replace"))
        elif num == PROFILE_FUNCTION:
            f = {n: fv for n, fwt, fv, _, _ in fields(v) if fwt == 0}
            funcs[f.get(FUNCTION_ID, 0)] = f.get(FUNCTION_NAME, 0)
        elif num == PROFILE_LOCATION:
            loc_id, addr, lines = 0, 0, []
            for n, lwt, lv, _, _ in fields(v):
                if n == LOCATION_ID:
                    loc_id = lv
                elif n == LOCATION_ADDRESS:
                    addr = lv
                elif n == LOCATION_LINE:
                    ln = {m: x for m, xwt, x, _, _ in fields(lv) if xwt == 0}
                    lines.append((ln.get(LINE_FUNCTION_ID, 0), ln.get(LINE_LINE, 0)))
            locs[loc_id] = (addr, lines)
    return {i: (a, [(strings[funcs[f]], l) for f, l in lines]) for i, (a, lines) in locs.items()}


def matches(frame, want):
    name, line = frame
    fn, _, ln = want.partition(":")
    return name == fn and (not ln or str(line) == ln)


def stats_in(data, want):
    """stats() over the samples that have a frame matching FUNC[:LINE]."""
    locs = frames(data)
    n, sums = 0, []
    for num, wt, v, s, e in fields(data):
        if num != PROFILE_SAMPLE:
            continue
        ids, vals = [], []
        for fn, fwt, fv, _, _ in fields(v):
            if fn == SAMPLE_LOCATION_ID:
                ids += packed_or_single(fwt, fv)
            elif fn == SAMPLE_VALUE:
                vals += packed_or_single(fwt, fv)
        if not any(matches(fr, want) for i in ids for fr in locs[i][1]):
            continue
        n += 1
        sums += [0] * (len(vals) - len(sums))
        for i, x in enumerate(vals):
            sums[i] += x
    return "samples %d sums %s" % (n, " ".join(map(str, sums)))


def addrs(data, want):
    found = sorted({a for a, lines in frames(data).values() if any(matches(f, want) for f in lines)})
    return " ".join("%#x" % a for a in found)


def read_profile(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "stats":
        print(stats(read_profile(sys.argv[2])))
        return
    if len(sys.argv) == 4 and sys.argv[1] == "stats":
        print(stats_in(read_profile(sys.argv[2]), sys.argv[3]))
        return
    if len(sys.argv) == 4 and sys.argv[1] == "addrs":
        print(addrs(read_profile(sys.argv[2]), sys.argv[3]))
        return
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    op, src, dst = sys.argv[1:]
    data = open(src, "rb").read()
    list(fields(data))  # must parse cleanly at the wire level
    out = {"string-index": string_index, "missing-func": missing_func,
           "truncate": truncate}[op](data)
    if op != "truncate":
        list(fields(out))  # the mutation still parses at the wire level
    with open(dst, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
