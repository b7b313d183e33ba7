#!/bin/bash
# CONFIG_SIGNING_KEY names a release key: the build needs its private half
# on the command line and says so when it is missing; the image it signs
# boots without the development-key warning; the private key is in no
# build product.
. "$SRCTREE/tests/lib/common.sh"

dir=$(scratch_dir image-release-key)
out=$dir/out
"$BUILD/host-san/bulkhead-image" keygen -o "$dir/release" || fail "keygen failed"
make_out "$out" qemu-virt_defconfig >/dev/null
set_options "$out" "LAYOUT=$SRCTREE/tests/layouts/measured.yaml" NR_CPUS=2 "SIGNING_KEY=$dir/release.pub.pem"
if make_out "$out" appliance >"$out/missing.log" 2>&1; then fail "built a release image without its private key"; fi
expect_line "$out/missing.log" "CONFIG_SIGNING_KEY is $dir/release.pub.pem: give its private key as make SIGNING_PRIVATE_KEY=FILE"
make_out "$out" appliance SIGNING_PRIVATE_KEY="$dir/release.pem" >"$out/build.log" 2>&1 ||
	fail "build failed: $(tail -n 5 "$out/build.log")"
[ -e "$out/keys" ] && fail "a development key was made although a release key is configured"
"$BUILD/host-san/bulkhead-image" verify --key "$dir/release.pub.pem" --require-signature "$out/appliance.img" ||
	fail "the image is not signed with the release key"
private=$(sed -n '2p' "$dir/release.pem")
if grep -rqF "$private" "$out"; then fail "the private key's text is in the build directory"; fi
grep -q "SIGNING_PRIVATE_KEY\|release.pem" "$out/.config" && fail "the private key's path is in .config"

boot "$out/serial.log" "$out/appliance.img" --cpus 2 >/dev/null
expect_line "$out/serial.log" "^bulkhead: boot image: .* signature and digests verified$"
expect_line "$out/serial.log" "^\\[eventlog\\] DONE [0-9]+ passed, 0 failed$"
reject_line "$out/serial.log" "DEVELOPMENT key"
