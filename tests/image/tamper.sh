#!/bin/bash
# The tamper matrix (docs/image-format.md): every altered image is refused
# with its own reason, by `bulkhead-image verify` on the host and by the
# hypervisor in QEMU, which then starts no partition. Trailing data is
# refused by verify and ignored at boot, as documented.
. "$SRCTREE/tests/lib/common.sh"
. "$SRCTREE/tests/image/lib.sh"

out=$(measured_appliance) || exit 1
tool=$BUILD/host-san/bulkhead-image
dir=$(scratch_dir image-tamper)
key=$out/keys/development.pub.pem
valid=$out/appliance.img
verify() { "$tool" verify --key "$key" --require-signature --min-security-counter 2 "$@"; }

# The images the matrix needs besides plain alterations.
sed 's|heartbeat\.bin$|countdown.bin|' "$out/gen/components.txt" >"$dir/other-components.txt"
"$tool" sign --key "$out/keys/development.pem" --hypervisor "$out/bulkhead.elf" -o "$dir/other.img" \
	--version 1.4.2 --security-counter 3 $(sed 's/^/--component /' "$dir/other-components.txt") ||
	fail "cannot sign the other image"
"$tool" keygen -o "$dir/stranger" || fail "keygen failed"
repack "$out" sign "$dir/other-key.img" --key "$dir/stranger.pem" --version 1.4.2 --security-counter 3 || fail "sign"
repack "$out" sign "$dir/rollback.img" --key "$out/keys/development.pem" --version 1.4.2 --security-counter 1 ||
	fail "sign"
repack "$out" pack "$dir/unsigned.img" --version 1.4.2 --security-counter 3 || fail "pack"
python3 "$SRCTREE/tests/image/tamper.py" "$valid" "$dir/other.img" "$dir" >"$dir/cases.tsv" || fail "tamper.py"
printf '%s\t%s\n' \
	other-key "the image is signed by a key that is not trusted" \
	rollback "the security counter is below the minimum \\(rollback refused\\)" \
	unsigned "the image is not signed, and signed images are required" >>"$dir/cases.tsv"

cases=0
while IFS=$'\t' read -r name expected; do
	image=$dir/$name.img
	if verify "$image" >"$dir/$name.host" 2>&1; then fail "$name: accepted by bulkhead-image verify"; fi
	expect_line "$dir/$name.host" "refused: ($expected)" "$name refused on the host"
	boot "$dir/$name.log" "$image" --cpus 2 >/dev/null
	expect_line "$dir/$name.log" "^bulkhead: error: boot image refused: ($expected)" "$name refused at boot"
	expect_line "$dir/$name.log" "^bulkhead: error: no partition started; stopping the machine$"
	reject_line "$dir/$name.log" "^bulkhead: partition |^\\[(eventlog|worker)\\]"
	echo "$name: refused: $(sed -n 's/^bulkhead: error: boot image refused: //p' "$dir/$name.log")"
	cases=$((cases + 1))
done <"$dir/cases.tsv"
[ "$cases" -ge 17 ] || fail "only $cases cases in the matrix"

# Trailing data: not part of what was signed, so verify refuses the file;
# the hypervisor never reads past the image and boots it.
{ cat "$valid"; printf 'trailing garbage'; } >"$dir/trailing.img"
if verify "$dir/trailing.img" >"$dir/trailing.host" 2>&1; then fail "trailing data accepted by verify"; fi
expect_line "$dir/trailing.host" "refused: 16 bytes of trailing data"
boot "$dir/trailing.log" "$dir/trailing.img" --cpus 2 >/dev/null
expect_line "$dir/trailing.log" "^\\[eventlog\\] DONE [0-9]+ passed, 0 failed$" "trailing data is ignored at boot"
echo "$cases tampered images refused on the host and at boot; trailing data refused by verify, ignored at boot"
