#!/bin/bash
# A virtual-timer interrupt of a descheduled vCPU stays pending and arrives
# within 10 us of the start of its next window (under -icount), while the
# partition whose window it fell in keeps its share.
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir sched-timer)
make_out "$out" qemu-virt_defconfig >/dev/null
set_options "$out" "LAYOUT=$SRCTREE/tests/layouts/sched-timer.yaml"
make_out "$out" appliance >"$out/build.log" 2>&1 || fail "build failed: $(tail -n 5 "$out/build.log")"
boot "$out/serial.log" "$out/appliance.img" --icount
log=$out/serial.log
expect_line "$log" "^\\[waker\\] PASS timer-not-delivered-while-descheduled$"
expect_line "$log" "^\\[waker\\] PASS timer-delivered-at-next-window$"
expect_line "$log" "^\\[waker\\] DONE 2 passed, 0 failed$"
expect_line "$log" "^\\[five\\] SHARE 49[0-9]|^\\[five\\] SHARE 50[0-9]" "the spinner keeps its 5 ms of 10"
