#!/bin/bash
# `make run IMAGE=FILE` boots FILE with the same QEMU command line as
# `make run`, and a missing image is a clear error.
. "$SRCTREE/tests/lib/common.sh"

dir=$(scratch_dir boot-run-image)
cp "$BUILD/appliance.img" "$dir/given.img"
make --no-print-directory -C "$SRCTREE" run IMAGE="$dir/given.img" </dev/null >"$dir/serial.log" 2>&1 ||
	fail "make run IMAGE= failed: $(tail -n 3 "$dir/serial.log")"
expect_line "$dir/serial.log" "^bulkhead: CPUs: [0-9]+ of [0-9]+ online at EL2"
expect_line "$dir/serial.log" "powered off: stopping the machine"
reject_line "$dir/serial.log" "^  (CC|LD) " "make run IMAGE= must not build anything"

if make --no-print-directory -C "$SRCTREE" run IMAGE="$dir/missing.img" </dev/null >"$dir/missing.log" 2>&1; then
	fail "make run with a missing image succeeded"
fi
expect_line "$dir/missing.log" "image '.*missing.img' does not exist"
