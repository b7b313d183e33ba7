#!/bin/bash
# bulkhead-image's commands on the host: keys (the private one kept
# private), sign, verify, inspect in text and JSON, measurements, the C
# header of a key, `bulkhead image` as the same tool, and clear errors.
# verify succeeds only with the signature checked (--structure-only says
# it was not), checks that every padding byte is zero, and compares the
# given key with the one the image's own hypervisor trusts.
. "$SRCTREE/tests/lib/common.sh"
. "$SRCTREE/tests/image/lib.sh"

out=$(measured_appliance) || exit 1
tool=$BUILD/host-san/bulkhead-image
dir=$(scratch_dir image-cli)

"$tool" keygen -o "$dir/k" || fail "keygen failed"
[ "$(stat -c %a "$dir/k.pem")" = 600 ] || fail "the private key is readable by others"
grep -q "BEGIN PUBLIC KEY" "$dir/k.pub.pem" || fail "no PEM public key"
grep -q "PRIVATE KEY" "$dir/k.pub.pem" && fail "the public key file holds the private key"
repack "$out" sign "$dir/a.img" --key "$dir/k.pem" --version 2.0.7 --security-counter 9 || fail "sign failed"
repack "$out" sign "$dir/b.img" --key "$dir/k.pem" --version 2.0.7 --security-counter 9 || fail "sign failed"
cmp -s "$dir/a.img" "$dir/b.img" || fail "signing the same inputs twice gave two images (signatures must be deterministic)"
grep -q "PRIVATE KEY" "$dir/a.img" && fail "the private key is in the image"

# The appliance's hypervisor trusts the build's development key: an image
# signed with it is good; signed with k, its own hypervisor refuses it.
dev=$out/keys/development
repack "$out" sign "$dir/good.img" --key "$dev.pem" --version 2.0.7 --security-counter 9 || fail "sign failed"
"$tool" verify --key "$dev.pub.pem" --require-signature --min-security-counter 9 "$dir/good.img" >"$dir/verify.txt" ||
	fail "verify refused a good image"
expect_line "$dir/verify.txt" "valid: version 2\\.0\\.7, security counter 9, 6 components, signature verified with"
expect_line "$dir/verify.txt" "good\\.img: its hypervisor trusts the same key, SHA-256 [0-9a-f]{64}$"
"$tool" verify --key "$dev.pem" "$dir/good.img" >/dev/null || fail "a private key file must serve as the public key"
if "$tool" verify --key "$dir/k.pub.pem" "$dir/a.img" >"$dir/mismatch.out" 2>"$dir/mismatch.txt"; then
	fail "an image its own hypervisor refuses (signed with another key than it trusts) passed verify"
fi
expect_line "$dir/mismatch.txt" "a\\.img: refused: its hypervisor trusts key SHA-256 [0-9a-f]{64}, not the given key, SHA-256 [0-9a-f]{64}: it refuses this image at boot$"
reject_line "$dir/mismatch.out" "valid" "a refused image is not called valid"

# No key: not verified, and a manifest byte flipped cannot pass as valid.
python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[0x40 + 32] ^= 1; open(sys.argv[2], "wb").write(d)' \
	"$dir/good.img" "$dir/version-flip.img"
for image in good version-flip; do
	status=0
	"$tool" verify "$dir/$image.img" >"$dir/nokey.out" 2>"$dir/nokey.txt" || status=$?
	[ $status -ne 0 ] || fail "verify without --key exited 0 for $image.img (signature not checked)"
	expect_line "$dir/nokey.txt" "verify needs either --key PUBLIC\\.pem, to check the signature, or --structure-only"
	reject_line "$dir/nokey.out" "valid" "verify without a key calls $image.img valid"
done
"$tool" verify --structure-only "$dir/version-flip.img" >"$dir/structure.txt" || fail "--structure-only refused a well-formed image"
expect_line "$dir/structure.txt" "structure valid: version 2\\.0\\.6, .*signed \\(signature NOT checked: --structure-only\\)$"
if "$tool" verify --key "$dev.pub.pem" "$dir/version-flip.img" 2>"$dir/flip.txt"; then fail "a flipped manifest byte passed"; fi
expect_line "$dir/flip.txt" "refused: the signature does not verify"
if "$tool" verify --key "$dev.pub.pem" --structure-only "$dir/good.img" 2>"$dir/both.txt"; then fail "--key with --structure-only"; fi
repack "$out" pack "$dir/unsigned.img" || fail "pack failed"
if "$tool" verify --structure-only "$dir/unsigned.img" 2>"$dir/unsigned.txt"; then
	fail "an unsigned image whose hypervisor requires a signature passed --structure-only"
fi
expect_line "$dir/unsigned.txt" "refused: unsigned, but its hypervisor boots only images signed by key SHA-256 [0-9a-f]{64}$"

# Every byte is checked: padding after the manifest, between components and
# before the signature must be zero (python finds the gaps from the manifest).
python3 - "$dir/good.img" "$dir" >"$dir/padding.tsv" <<'PY' || fail "no padding cases"
import struct, sys
img = open(sys.argv[1], "rb").read()
header_size, count = struct.unpack_from("<II", img, 0x40 + 12)
sig_off = struct.unpack_from("<Q", img, 0x40 + 48)[0]
ends = sorted(struct.unpack_from("<QQ", img, 0x40 + 128 + 80 * i + 16) for i in range(count))
gaps = {"after-manifest": 0x40 + header_size, "before-hypervisor": 0xfff}
for (off, size), (next_off, _) in zip(ends, ends[1:] + [(sig_off, 0)]):
    if off + size < next_off:
        gaps.setdefault("between-components", off + size)
        gaps["before-signature"] = next_off - 1
for name, at in gaps.items():
    assert img[at] == 0, (name, at)
    d = bytearray(img); d[at] = 0x5a
    open("%s/padding-%s.img" % (sys.argv[2], name), "wb").write(d)
    print("%s\t%#x" % (name, at))
PY
[ "$(wc -l <"$dir/padding.tsv")" = 4 ] || fail "expected four padding cases: $(cat "$dir/padding.tsv")"
while IFS=$'\t' read -r name at; do
	if "$tool" verify --key "$dev.pub.pem" "$dir/padding-$name.img" >/dev/null 2>"$dir/padding.txt"; then
		fail "a byte flipped in the padding ($name, at $at) passed verify"
	fi
	expect_line "$dir/padding.txt" "padding-$name\\.img: refused: byte $at is not zero: it is padding" "$name: the byte named"
done <"$dir/padding.tsv"

if "$tool" verify --key "$dev.pub.pem" --min-security-counter 10 "$dir/good.img" 2>"$dir/rollback.txt"; then
	fail "a counter below the minimum was accepted"
fi
expect_line "$dir/rollback.txt" "refused: the security counter is below the minimum"

"$tool" inspect "$dir/a.img" >"$dir/inspect.txt" || fail "inspect failed"
expect_line "$dir/inspect.txt" "^signed: ECDSA P-256 at 0x[0-9a-f]+, key SHA-256 [0-9a-f]{64}$"
expect_line "$dir/inspect.txt" "^1 +tables +- +0x[0-9a-f]+ "
"$tool" inspect --json "$dir/a.img" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["version"] == "2.0.7" and d["security_counter"] == 9 and d["signed"]
kinds = [c["kind"] for c in d["components"]]
assert kinds[:2] == ["hypervisor", "tables"] and kinds.count("kernel") == 2, kinds
assert all(len(c["sha256"]) == 64 for c in d["components"])' || fail "inspect --json is not what the image holds"
"$tool" measurements --json "$dir/a.img" | python3 -c '
import json, sys
events = json.load(sys.stdin)
assert [e["pcr"] for e in events] == [0, 1, 4, 5, 4, 5], events' || fail "measurements --json"

"$tool" export-key --c-header "$dir/k.pub.pem" >"$dir/key.h" || fail "export-key failed"
expect_line "$dir/key.h" "^__attribute__\\(\\(used\\)\\) static const struct artifact_key_record signing_key = \\{ ARTIFACT_KEY_TAG, \\{$"
gcc -std=c11 -Wall -Werror -fsyntax-only -idirafter "$SRCTREE/core/include" "$dir/key.h" || fail "the key header is not C"

"$BUILD/host-san/bulkhead" image verify --structure-only "$dir/a.img" >/dev/null 2>&1 && fail "bulkhead image verify passed an image signed with the wrong key"
"$BUILD/host-san/bulkhead" image verify --key "$dev.pub.pem" "$dir/good.img" >/dev/null || fail "bulkhead image is not bulkhead-image"

expect_error() {
	local what=$1 pattern=$2
	shift 2
	if "$tool" "$@" >"$dir/err.txt" 2>&1; then fail "$what was accepted"; fi
	expect_line "$dir/err.txt" "$pattern" "$what: a clear error"
}
expect_error "no command" "usage: bulkhead-image COMMAND"
expect_error "an unknown command" "unknown command 'frobnicate'" frobnicate
expect_error "sign without a key" "sign needs --hypervisor, -o and --key" sign --hypervisor "$out/bulkhead.elf" -o "$dir/c.img"
expect_error "a missing key file" "cannot read the private key $dir/none.pem" \
	sign --key "$dir/none.pem" --hypervisor "$out/bulkhead.elf" -o "$dir/c.img"
expect_error "an RSA-less garbage key" "cannot read the private key" \
	sign --key "$out/gen/components.txt" --hypervisor "$out/bulkhead.elf" -o "$dir/c.img"
expect_error "a bad version" "--version: '1.2' is not MAJOR.MINOR.PATCH" \
	pack --hypervisor "$out/bulkhead.elf" -o "$dir/c.img" --version 1.2
expect_error "a bad counter" "--security-counter: '-3' is not a number" \
	pack --hypervisor "$out/bulkhead.elf" -o "$dir/c.img" --security-counter -3
expect_error "verify without an image" "verify needs an IMAGE" verify
expect_error "a missing image" "cannot read $dir/none.img" verify --structure-only "$dir/none.img"
expect_error "a non-image" "refused: no arm64 Image header" inspect "$out/gen/components.txt"
"$tool" --help | grep -q "measurements \\[--json | --binary FILE\\] IMAGE" || fail "--help is incomplete"
