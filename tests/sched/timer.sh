#!/bin/bash
# A virtual-timer interrupt of a descheduled vCPU stays pending and arrives
# within 10 us of the start of its next window (under -icount), while the
# partition whose window it fell in keeps its share.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for sched-timer "$SRCTREE/tests/layouts/sched-timer.yaml") || exit 1
boot "$out/serial.log" "$out/appliance.img" --icount
log=$out/serial.log
expect_line "$log" "^\\[waker\\] PASS timer-not-delivered-while-descheduled$"
expect_line "$log" "^\\[waker\\] PASS timer-delivered-at-next-window$"
expect_line "$log" "^\\[waker\\] DONE 2 passed, 0 failed$"
expect_line "$log" "^\\[five\\] SHARE 49[0-9]|^\\[five\\] SHARE 50[0-9]" "the spinner keeps its 5 ms of 10"
