#!/bin/bash
# bulkhead-image's commands on the host: keys (the private one kept
# private), sign, verify, inspect in text and JSON, measurements, the C
# header of a key, `bulkhead image` as the same tool, and clear errors.
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

"$tool" verify --key "$dir/k.pub.pem" --require-signature --min-security-counter 9 "$dir/a.img" >"$dir/verify.txt" ||
	fail "verify refused a good image"
expect_line "$dir/verify.txt" "valid: version 2\\.0\\.7, security counter 9, 6 components, signature verified with"
"$tool" verify --key "$dir/k.pem" "$dir/a.img" >/dev/null || fail "a private key file must serve as the public key"
if "$tool" verify --key "$dir/k.pub.pem" --min-security-counter 10 "$dir/a.img" 2>"$dir/rollback.txt"; then
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
expect_line "$dir/key.h" "^static const unsigned char signing_key_point\\[65\\] = \\{$"
gcc -std=c11 -Wall -Werror -fsyntax-only -include stdint.h "$dir/key.h" || fail "the key header is not C"

"$BUILD/host-san/bulkhead" image verify "$dir/a.img" >/dev/null || fail "bulkhead image is not bulkhead-image"

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
expect_error "a missing image" "cannot read $dir/none.img" verify "$dir/none.img"
expect_error "a non-image" "refused: no arm64 Image header" inspect "$out/gen/components.txt"
"$tool" --help | grep -q "measurements \\[--json | --binary FILE\\] IMAGE" || fail "--help is incomplete"
