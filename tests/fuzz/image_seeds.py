#!/usr/bin/env python3
"""image_seeds.py DIR: small valid boot images (docs/image-format.md) as
seeds for fuzz-image, each prefixed with the policy byte fuzz_image.c
reads: unsigned with digests checked, and "signed" for its stand-in
signature check (first byte of signature = first byte of the digest)."""
import hashlib
import struct
import sys

out = sys.argv[1]


def image(signed):
    parts = [(1, 0, 0x1000, bytes(range(0x80))), (5, 0, 0x2000, b"tables" * 8), (2, 1, 0x3000, b"kernel" * 5)]
    end = 0x4000
    header_size = 128 + 80 * len(parts)
    data = bytearray(end + (64 if signed else 0))
    struct.pack_into("<IIQQQQQQII", data, 0, 0x14000400, 0, 0x80000, len(data), 2, 0, 0, 0, 0x644D5241, 0)
    struct.pack_into("<8sIIIIQIIQQQ", data, 0x40, b"BULKHEAD", 2, header_size, len(parts), 1 if signed else 0,
                     len(data), 0x01000000, 0, 3, end if signed else 0, 64 if signed else 0)
    for i, (kind, part, offset, payload) in enumerate(parts):
        entry = 0x40 + 128 + 80 * i
        struct.pack_into("<IHHIIQQQQ", data, entry, kind, part, 0, 0x01000000, 0, offset, len(payload),
                         0x40000000 + offset, 0)
        data[entry + 48: entry + 80] = hashlib.sha256(payload).digest()
        data[offset: offset + len(payload)] = payload
    if signed:
        data[end] = hashlib.sha256(bytes(data[: 0x40 + header_size])).digest()[0]
    return bytes(data)


open(out + "/unsigned", "wb").write(bytes([0x02]) + image(False))
open(out + "/signed", "wb").write(bytes([0x03]) + image(True))
