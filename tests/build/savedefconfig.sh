#!/bin/bash
# defconfig and savedefconfig are inverses: the shipped defconfig is
# minimal, and a changed option survives the round trip.
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir build-savedefconfig)
make_out "$out" qemu-virt_defconfig >/dev/null
cp "$out/.config" "$out/shipped.config"
make_out "$out" savedefconfig >/dev/null
mkdir -p "$out/roundtrip"
cp "$out/defconfig" "$out/roundtrip/.config"
make_out "$out/roundtrip" olddefconfig >/dev/null
diff <(grep -v '^#' "$out/shipped.config") <(grep -v '^#' "$out/roundtrip/.config") ||
	fail "savedefconfig output does not reproduce the configuration"

set_options "$out" NR_CPUS=3
make_out "$out" savedefconfig >/dev/null
expect_line "$out/defconfig" "^CONFIG_NR_CPUS=3$"
cp "$out/defconfig" "$out/saved"
rm "$out/.config"
make_out "$out" defconfig >/dev/null
grep -q '^CONFIG_NR_CPUS=4$' "$out/.config" || fail "make defconfig did not restore the default"
mkdir -p "$out/again"
cp "$out/saved" "$out/again/.config"
make_out "$out/again" olddefconfig >/dev/null
grep -q '^CONFIG_NR_CPUS=3$' "$out/again/.config" || fail "a saved defconfig did not restore NR_CPUS=3"

if make_out "$out" no-such-board_defconfig >"$out/bad.log" 2>&1; then fail "an unknown defconfig was accepted"; fi
expect_line "$out/bad.log" "no configs/no-such-board_defconfig"
