#!/bin/bash
# An urgent vCPU's interrupt preempts another partition's window: SGIs
# reach a vCPU whose 1 ms window comes round every 10 ms within 50 us
# (under -icount), and the spinner that owns the other 9 ms loses only the
# time the urgent vCPU used.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for sched-urgent "$SRCTREE/tests/layouts/sched-urgent.yaml") || exit 1
boot "$out/serial.log" "$out/appliance.img" --icount
log=$out/serial.log
expect_line "$log" "^\\[alarm\\] PASS urgent-cpu-on$"
expect_line "$log" "^\\[alarm\\] PASS urgent-sgi-latency$"
expect_line "$log" "^\\[alarm\\] DONE 2 passed, 0 failed$"
expect_line "$log" "^\\[busy\\] SHARE (89[0-9]|900) per mille" "the spinner keeps nearly its 9 ms of 10"
