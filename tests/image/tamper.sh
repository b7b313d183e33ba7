#!/bin/bash
# The tamper matrix (docs/image-format.md): every altered image is refused
# with its own reason, exactly, by `bulkhead-image verify` on the host and
# by the hypervisor in QEMU, which then starts no partition: one case per
# check of the format (tests/image/tamper.py). Trailing data is refused by
# verify and ignored at boot, as documented.
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
for case in "other-key	the image is signed by a key that is not trusted" \
	"rollback	the security counter is below the minimum (rollback refused)" \
	"unsigned	the image is not signed, and signed images are required"; do
	printf '%s\t%s\n' "$case" "${case#*	}" >>"$dir/cases.tsv"
done

# Each case gives exactly its one reason: compared as a string, not a pattern.
# An image that is no boot image at all leaves the machine up without a
# partition (a bare ELF boots so); every other refusal stops it at once.
cases=0
while IFS=$'\t' read -r name host_reason boot_reason; do
	image=$dir/$name.img
	if verify "$image" >"$dir/$name.host" 2>&1; then fail "$name: accepted by bulkhead-image verify"; fi
	got=$(sed -n "s|^$image: refused: ||p" "$dir/$name.host")
	[ "$got" = "$host_reason" ] || fail "$name: bulkhead-image verify said '$got', expected '$host_reason'"
	cases=$((cases + 1))
	if [ "$boot_reason" = - ]; then
		echo "$name: refused: $got (on the host; nothing to boot)"
		continue
	fi
	boot "$dir/$name.log" "$image" --cpus 2 >/dev/null
	got=$(sed -n 's/^bulkhead: error: boot image refused: //p' "$dir/$name.log")
	[ "$got" = "$boot_reason" ] || fail "$name: the hypervisor said '$got', expected '$boot_reason'"
	case $name in
	no-arm64-header | bad-magic) expect_line "$dir/$name.log" "^bulkhead: no partition to run; powering off$" ;;
	*) expect_line "$dir/$name.log" "^bulkhead: error: no partition started; stopping the machine$" ;;
	esac
	reject_line "$dir/$name.log" "^bulkhead: partition |^\\[(eventlog|worker)\\]"
	echo "$name: refused: $got"
done <"$dir/cases.tsv"
[ "$cases" = 40 ] || fail "$cases cases in the matrix, expected 40"

# Trailing data: not part of what was signed, so verify refuses the file;
# the hypervisor never reads past the image and boots it.
{ cat "$valid"; printf 'trailing garbage'; } >"$dir/trailing.img"
if verify "$dir/trailing.img" >"$dir/trailing.host" 2>&1; then fail "trailing data accepted by verify"; fi
expect_line "$dir/trailing.host" "refused: 16 bytes of trailing data"
boot "$dir/trailing.log" "$dir/trailing.img" --cpus 2 >/dev/null
expect_line "$dir/trailing.log" "^\\[eventlog\\] DONE [0-9]+ passed, 0 failed$" "trailing data is ignored at boot"
echo "$cases tampered images refused on the host and (all but one) at boot; trailing data refused by verify, ignored at boot"
