#!/bin/bash
# `make O=dir qemu-virt_defconfig all` builds entirely in dir and leaves
# the source tree as git checked it out.
. "$SRCTREE/tests/lib/common.sh"

work=$(scratch_dir build-out-of-tree)
copy_source_tree "$work/src"
make --no-print-directory -C "$work/src" O="$work/out" qemu-virt_defconfig all >"$work/build.log" 2>&1 ||
	fail "out-of-tree build failed: $(tail -n 5 "$work/build.log")"
[ -f "$work/out/bulkhead.elf" ] || fail "no bulkhead.elf in the output directory"
[ -f "$work/out/include/generated/autoconf.h" ] || fail "no autoconf.h in the output directory"
[ -f "$work/out/.config" ] || fail "no .config in the output directory"
status=$(git -C "$work/src" status --porcelain --ignored)
[ -z "$status" ] || fail "the source tree was written to: $status"
