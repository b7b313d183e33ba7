#!/bin/bash
# bulkhead-image pack writes the boot artifact as docs/image-format.md
# describes it, and refuses bad input with a clear error.
. "$SRCTREE/tests/lib/common.sh"

tool=$BUILD/host-san/bulkhead-image
dir=$(scratch_dir image-pack)
head -c 5000 /dev/urandom >"$dir/kernel.bin"
printf 'dtb' >"$dir/small.dtb"
"$tool" pack --base 0x40080000 --hypervisor "$BUILD/bulkhead.elf" -o "$dir/a.img" \
	--component kernel,1,0x40000000,"$dir/kernel.bin" \
	--component dtb,1,0x40f00000,"$dir/small.dtb" --version 1.2.3 --security-counter 7 || fail "pack failed"

/usr/bin/python3 - "$dir/a.img" "$dir/kernel.bin" "$dir/small.dtb" "$BUILD/bulkhead.elf" <<'PY' || fail "artifact layout is wrong"
import hashlib, struct, sys
def expect_tables_offset(img):
    # the tables follow the hypervisor component (its size at +24) directly
    return struct.unpack_from("<Q", img, 0x40 + 128 + 24)[0]
img = open(sys.argv[1], "rb").read()
code0, code1, text_offset, image_size, flags = struct.unpack_from("<IIQQQ", img, 0)
assert code0 == 0x14000400, "first word must branch to 0x1000: %#x" % code0
assert text_offset == 0x80000 and image_size == len(img) and flags == 2
assert img[0x38:0x3c] == b"ARM\x64", "arm64 Image magic"
assert img[0x40:0x48] == b"BULKHEAD"
(version, header_size, count, hflags, size, image_version, _, counter, sig_off,
 sig_size) = struct.unpack_from("<IIIIQIIQQQ", img, 0x48)
assert version == 2 and count == 4 and header_size == 128 + 80 * count and size == len(img)
assert hflags == 0 and sig_off == 0 and sig_size == 0, "unsigned"
assert image_version == (1 << 24 | 2 << 16 | 3) and counter == 7
# hypervisor, tables, then the partition's components as given
expect = [(1, 0, None), (5, 0, None), (2, 1, open(sys.argv[2], "rb").read()), (3, 1, open(sys.argv[3], "rb").read())]
for i, (kind, part, data) in enumerate(expect):
    entry = 0x40 + 128 + 80 * i
    k, p, _, comp_version, _, off, sz, load, _ = struct.unpack_from("<IHHIIQQQQ", img, entry)
    digest = img[entry + 48: entry + 80]
    assert (k, p) == (kind, part), (i, k, p)
    assert comp_version == image_version
    assert off % 4096 == 0 and off + sz <= len(img)
    assert hashlib.sha256(img[off:off + sz]).digest() == digest, "digest of component %d" % i
    if data is not None:
        assert img[off:off + sz] == data, "content of component %d" % i
    elif kind == 1:
        assert off == 0x1000 and load == 0x40081000
    else:
        assert off == 0x1000 + expect_tables_offset(img) and load == 0x40080000 + off
print("artifact ok")
PY

expect_error() {
	local what=$1 pattern=$2
	shift 2
	if "$tool" "$@" >"$dir/err.log" 2>&1; then fail "$what was accepted"; fi
	expect_line "$dir/err.log" "$pattern" "$what: a clear error"
}
expect_error "a wrong base" "not linked at the artifact base" \
	pack --base 0x40000000 --hypervisor "$BUILD/bulkhead.elf" -o "$dir/b.img"
expect_error "a missing component" "cannot read component .*/nope.bin" \
	pack --base 0x40080000 --hypervisor "$BUILD/bulkhead.elf" -o "$dir/b.img" --component kernel,1,0,"$dir/nope.bin"
expect_error "an unknown kind" "expected KIND,PARTITION,LOAD_IPA,FILE" \
	pack --base 0x40080000 --hypervisor "$BUILD/bulkhead.elf" -o "$dir/b.img" --component rootfs,1,0,"$dir/small.dtb"
expect_error "a text file as hypervisor" "not an AArch64 ELF64 file" \
	pack --base 0x40080000 --hypervisor "$dir/small.dtb" -o "$dir/b.img"
expect_error "no arguments" "needs --hypervisor and -o" pack

# An image larger than the hypervisor's memory below its measurement log
# would be refused at boot: pack refuses it, with the sizes. The build's
# layout gives the hypervisor 128 MiB at 0x40000000 and the image starts at
# 0x40080000, so 127 MiB and 448 KiB, less the 64 KiB log, remain.
reserved=$(sed -n 's/.*\.hypervisor_size = \(0x[0-9a-f]*\).*/\1/p' "$BUILD/gen/tables.c")
[ "$((reserved))" = $((128 << 20)) ] || fail "the build's layout no longer reserves 128 MiB: adjust this test"
truncate -s 127M "$dir/big.bin"
expect_error "an image above the measurement log" \
	"the image is [0-9]+ bytes \\([0-9]+ MiB\\), but the hypervisor's memory below its measurement log holds 133627904 bytes \\(127 MiB\\) from the image's base 0x40080000: the layout gives the hypervisor 128 MiB at 0x40000000" \
	pack --hypervisor "$BUILD/bulkhead.elf" -o "$dir/big.img" --component kernel,1,0x50000000,"$dir/big.bin"
[ -e "$dir/big.img" ] && fail "the refused image was written"
# An image that fits is packed.
truncate -s 64M "$dir/big.bin"
"$tool" pack --hypervisor "$BUILD/bulkhead.elf" -o "$dir/big.img" --component kernel,1,0x50000000,"$dir/big.bin" ||
	fail "an image that fits below the log was refused"
rm -f "$dir/big.bin" "$dir/big.img"
