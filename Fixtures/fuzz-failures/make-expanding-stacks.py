#!/usr/bin/env python3
"""Writes expanding-stacks.pb: a valid profile.proto whose stacks expand out of all proportion.

One location of 4,000 inlined lines, named 60 times by each of 400 samples: 96 million frames
from 55 KB. See README.md.
"""


def varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def field(number, wire, payload):
    key = varint((number << 3) | wire)
    return key + (varint(payload) if wire == 0 else varint(len(payload)) + payload)


def packed(number, values):
    return field(number, 2, b"".join(varint(v) for v in values))


message = bytearray(field(1, 2, field(1, 0, 1) + field(2, 0, 2)))  # sample_type goroutine/count
for _ in range(400):
    message += field(2, 2, packed(1, [1] * 60) + packed(2, [1]))  # Sample: location 1 ×60
lines = b"".join(field(4, 2, field(1, 0, 1) + field(2, 0, i + 1)) for i in range(4000))
message += field(4, 2, field(1, 0, 1) + lines)  # Location 1
message += field(5, 2, field(1, 0, 1) + field(2, 0, 3))  # Function 1, named main.f
for text in [b"", b"goroutine", b"count", b"main.f"]:
    message += field(6, 2, text)
with open(__file__.rsplit("/", 1)[0] + "/expanding-stacks.pb", "wb") as out:
    out.write(bytes(message))
