#!/bin/bash
# `make run IMAGE=FILE` boots FILE (here: the bare-metal appliance the
# boot-banner test built, which powers itself off) with the same QEMU
# command line as `make run`, and a missing image is a clear error.
. "$SRCTREE/tests/lib/common.sh"

dir=$(scratch_dir boot-run-image)
[ -f "$BUILD/tests/work/boot-banner/appliance.img" ] || fail "boot-banner must run first (it builds the image)"
cp "$BUILD/tests/work/boot-banner/appliance.img" "$dir/given.img"
make --no-print-directory -C "$SRCTREE" run IMAGE="$dir/given.img" </dev/null >"$dir/serial.log" 2>&1 ||
	fail "make run IMAGE= failed: $(tail -n 3 "$dir/serial.log")"
expect_line "$dir/serial.log" "^bulkhead: CPUs: [0-9]+ of [0-9]+ online at EL2"
expect_line "$dir/serial.log" "powered off: stopping the machine"
reject_line "$dir/serial.log" "^  (CC|LD) " "make run IMAGE= must not build anything"

if make --no-print-directory -C "$SRCTREE" run IMAGE="$dir/missing.img" </dev/null >"$dir/missing.log" 2>&1; then
	fail "make run with a missing image succeeded"
fi
expect_line "$dir/missing.log" "image '.*missing.img' does not exist"
