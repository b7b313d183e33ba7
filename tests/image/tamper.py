#!/usr/bin/env python3
"""tamper.py VALID_IMAGE OTHER_IMAGE DIR: writes one tampered copy of
VALID_IMAGE per case of the tamper matrix into DIR, as CASE.img, and
prints "CASE<TAB>expected refusal (a regular expression)" per case.
OTHER_IMAGE is another validly signed image (a different partition image)
for the mix-and-match case. The format is read independently of the C
code, from docs/image-format.md."""
import struct
import sys

HEADER = 0x40
valid, other, out = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read(), sys.argv[3]
(header_size, count) = struct.unpack_from("<II", valid, HEADER + 12)
sig_off = struct.unpack_from("<Q", valid, HEADER + 48)[0]
KINDS = {1: "hypervisor", 2: "kernel", 3: "dtb", 4: "initrd", 5: "tables"}


def component(image, i):
    entry = HEADER + 128 + 80 * i
    kind, part = struct.unpack_from("<IH", image, entry)
    offset, size = struct.unpack_from("<QQ", image, entry + 16)
    return entry, kind, part, offset, size


def name(i):
    _, kind, part, _, _ = component(valid, i)
    if kind in (1, 5):
        return "component %d \\(%s\\)" % (i, KINDS[kind])
    return "component %d \\(%s of partition %d\\)" % (i, KINDS[kind], part)


def write(case, data, expected):
    open("%s/%s.img" % (out, case), "wb").write(data)
    print("%s\t%s" % (case, expected))


def flipped(at):
    data = bytearray(valid)
    data[at] ^= 0x40
    return bytes(data)


DIGEST = "a component's SHA-256 does not match the manifest"
SIGNATURE = "the signature does not verify"
# A flipped byte in each component: its last byte, which no code runs
# before the check (the hypervisor's ends in padding after its data).
for i in range(count):
    _, kind, _, offset, size = component(valid, i)
    write("flip-component-%d-%s" % (i, KINDS[kind]), flipped(offset + size - 1), DIGEST + ": " + name(i))
# The manifest (a digest), the header (the version), the signature.
entry, _, _, _, _ = component(valid, count - 1)
write("flip-manifest", flipped(entry + 48), SIGNATURE)
write("flip-header", flipped(HEADER + 32), SIGNATURE)
write("flip-signature", flipped(sig_off + 5), SIGNATURE)
# Truncated: the host sees it; loaded, the missing tail reads as zeros.
write("truncated", valid[: len(valid) // 2],
      "the image is truncated|" + SIGNATURE + "|" + DIGEST)
# Mix and match: a component of another signed image (its last kernel) in this one's place.
swapped = max(i for i in range(count) if component(valid, i)[1] == 2)
_, _, _, offset, size = component(valid, swapped)
_, _, _, other_offset, other_size = component(other, swapped)
foreign = other[other_offset: other_offset + other_size][:size].ljust(size, b"\0")
assert foreign != valid[offset: offset + size], "the other image must differ in its last kernel"
write("mix-and-match", valid[:offset] + foreign + valid[offset + size:], DIGEST + ": " + name(swapped))
last = count - 1
# Lengths and offsets: a component beyond the end, two components on one place, a huge image size.
data = bytearray(valid)
struct.pack_into("<Q", data, component(valid, last)[0] + 16, (len(valid) + 0x1fff) & ~0xfff)
write("offset-outside", bytes(data), "a component lies outside the image or over its headers: " + name(last))
data = bytearray(valid)
struct.pack_into("<Q", data, component(valid, last)[0] + 16, component(valid, last - 1)[3])
write("overlap", bytes(data), "two components overlap: " + name(last - 1) + " and " + name(last))
data = bytearray(valid)
struct.pack_into("<Q", data, HEADER + 24, 1 << 40)
write("size-outside", bytes(data),
      "the image is truncated|the image is larger than the hypervisor's memory below the measurement log")
