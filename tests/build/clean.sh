#!/bin/bash
# clean removes build products and keeps the configuration; distclean
# removes both.
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir build-clean)
make_out "$out" qemu-virt_defconfig hypervisor >/dev/null
[ -f "$out/bulkhead.elf" ] || fail "no image was built"
make_out "$out" clean >/dev/null
[ ! -e "$out/bulkhead.elf" ] && [ ! -e "$out/hv" ] || fail "clean left build products"
[ -f "$out/.config" ] || fail "clean removed .config"
make_out "$out" distclean >/dev/null
[ ! -e "$out" ] || fail "distclean left $out"
