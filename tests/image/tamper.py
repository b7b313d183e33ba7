#!/usr/bin/env python3
"""tamper.py VALID_IMAGE OTHER_IMAGE DIR: writes one tampered copy of
VALID_IMAGE per case of the tamper matrix into DIR, as CASE.img, and
prints "CASE<TAB>refusal on the host<TAB>refusal at boot" per case: the
exact reason each must give (the same on both sides unless the loaded
image differs from the file, as for a truncated one; "-" at boot for a
file too short to hold the hypervisor, checked on the host only). OTHER_IMAGE is
another validly signed image (a different partition image) for the
mix-and-match case. The format is read independently of the C code, from
docs/image-format.md: one case per check its table lists."""
import struct
import sys

HEADER = 0x40
ENTRY = HEADER + 128
valid, other, out = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read(), sys.argv[3]
count = struct.unpack_from("<I", valid, HEADER + 16)[0]
sig_off = struct.unpack_from("<Q", valid, HEADER + 48)[0]
KINDS = {1: "hypervisor", 2: "kernel", 3: "dtb", 4: "initrd", 5: "tables"}
last = count - 1


def component(image, i):
    entry = ENTRY + 80 * i
    kind, part = struct.unpack_from("<IH", image, entry)
    offset, size = struct.unpack_from("<QQ", image, entry + 16)
    return entry, kind, part, offset, size


def name(image, i):
    """How the refusal names component i, as the image it is found in describes it."""
    _, kind, part, _, _ = component(image, i)
    if kind in (1, 5):
        return "component %d (%s)" % (i, KINDS[kind])
    return "component %d (%s of partition %d)" % (i, KINDS.get(kind, "unknown"), part)


def write(case, data, host, boot=None):
    open("%s/%s.img" % (out, case), "wb").write(data)
    print("%s\t%s\t%s" % (case, host, boot if boot is not None else host))


def flipped(at):
    data = bytearray(valid)
    data[at] ^= 0x40
    return bytes(data)


def patched(fmt, at, *values):
    data = bytearray(valid)
    struct.pack_into(fmt, data, at, *values)
    return bytes(data)


def field(i, at):
    """The byte offset of a manifest entry's field."""
    return ENTRY + 80 * i + at


DIGEST = "a component's SHA-256 does not match the manifest"
SIGNATURE = "the signature does not verify (header, manifest or signature altered)"
TRUNCATED = "the image is truncated: shorter than its headers say"
# A flipped byte in each component: its last byte, which no code runs
# before the check (the hypervisor's ends in padding after its data).
for i in range(count):
    _, kind, _, offset, size = component(valid, i)
    write("flip-component-%d-%s" % (i, KINDS[kind]), flipped(offset + size - 1), DIGEST + ": " + name(valid, i))
# The manifest (a digest), the header (the version), the signature.
write("flip-manifest", flipped(field(last, 48)), SIGNATURE)
write("flip-header", flipped(HEADER + 32), SIGNATURE)
write("flip-signature", flipped(sig_off + 5), SIGNATURE)
# Truncated: the host sees it; loaded, the missing tail (the signature) reads as zeros.
write("truncated", valid[: len(valid) // 2], TRUNCATED, SIGNATURE)
# Shorter than the headers: on the host only, since such a file holds no hypervisor to boot ("-").
write("headers-truncated", valid[: HEADER + 100], TRUNCATED, "-")
# Mix and match: a component of another signed image (its last kernel) in this one's place.
swapped = max(i for i in range(count) if component(valid, i)[1] == 2)
_, _, _, offset, size = component(valid, swapped)
_, _, _, other_offset, other_size = component(other, swapped)
foreign = other[other_offset: other_offset + other_size][:size].ljust(size, b"\0")
assert foreign != valid[offset: offset + size], "the other image must differ in its last kernel"
write("mix-and-match", valid[:offset] + foreign + valid[offset + size:], DIGEST + ": " + name(valid, swapped))

# The structure checks, in the order the table lists them. Each alters
# signed bytes too, so each must be caught before the signature is.
write("no-arm64-header", flipped(56), "no arm64 Image header")
write("bad-magic", flipped(HEADER), "no Bulkhead header (bad magic)")
write("format-version", patched("<I", HEADER + 8, 3), "unsupported image format version")
COUNT = "the component count is zero or above the format's limit"
write("component-count-zero", patched("<I", HEADER + 16, 0), COUNT)
write("component-count-over-limit", patched("<I", HEADER + 16, 49), COUNT)
write("header-size", patched("<I", HEADER + 12, 128 + 80 * (count + 1)),
      "the header size does not match the component count")
write("image-size-below-headers", patched("<Q", HEADER + 24, HEADER + 128 + 80 * count - 1),
      "the image size is smaller than its headers")
# Host: the file is shorter than the image size; boot: more than the memory holds.
write("size-outside", patched("<Q", HEADER + 24, 1 << 40), TRUNCATED,
      "the image is larger than the hypervisor's memory below the measurement log")
PLACE = "the signature's offset or size is invalid"
write("signature-size", patched("<Q", HEADER + 56, 63), PLACE)
write("signature-misaligned", patched("<Q", HEADER + 48, sig_off + 8), PLACE)
write("signature-over-headers", patched("<Q", HEADER + 48, HEADER), PLACE)
write("signature-beyond-image", patched("<Q", HEADER + 48, len(valid) - 48), PLACE)
unsigned_with_signature = bytearray(valid)
struct.pack_into("<I", unsigned_with_signature, HEADER + 20, 0)
write("signature-on-unsigned", bytes(unsigned_with_signature), PLACE)
# The signature placed over the last component.
data = patched("<Q", HEADER + 48, component(valid, last)[3])
write("signature-over-component", data, "the signature overlaps a component: " + name(data, last))
data = patched("<I", field(last, 0), 9)
write("kind-unknown", data, "a component has an unknown kind: " + name(data, last))
data = patched("<I", field(last, 0), 0)
write("kind-zero", data, "a component has an unknown kind: " + name(data, last))
data = patched("<Q", field(last, 24), 0)
write("component-empty", data, "a component is empty: " + name(data, last))
data = patched("<Q", field(last, 16), component(valid, last)[3] + 16)
write("component-misaligned", data, "a component is not 4 KiB aligned: " + name(data, last))
# An offset pointing outside the image; into the headers.
data = patched("<Q", field(last, 16), (len(valid) + 0x1fff) & ~0xfff)
write("offset-outside", data, "a component lies outside the image or over its headers: " + name(data, last))
data = patched("<Q", field(last, 16), 0)
write("offset-over-headers", data, "a component lies outside the image or over its headers: " + name(data, last))
NOT_FIRST = "the first component is not the hypervisor at its fixed offset: "
data = patched("<I", field(0, 0), 5)
write("first-not-hypervisor", data, NOT_FIRST + name(data, 0))
data = patched("<Q", field(0, 16), 0x2000)
write("hypervisor-moved", data, NOT_FIRST + name(data, 0))
data = patched("<I", field(last, 0), 1)
write("second-hypervisor", data, NOT_FIRST + name(data, last))
data = patched("<Q", field(last, 16), component(valid, last - 1)[3])
write("overlap", data, "two components overlap: " + name(data, last - 1) + " and " + name(data, last))
# The last component made a second copy of the one before it (same kind, same partition).
_, prev_kind, prev_part, _, _ = component(valid, last - 1)
data = bytearray(valid)
struct.pack_into("<IH", data, field(last, 0), prev_kind, prev_part)
data = bytes(data)
write("duplicate-kind", data, "a component appears twice (same kind and partition): " + name(data, last - 1) +
      " and " + name(data, last))
