#!/bin/bash
# A two-vCPU partition spread over two CPUs' schedules still starts its
# second vCPU with PSCI, exchanges SGIs both ways, and sees it turn off,
# while the partitions it shares the CPUs with keep beating.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for sched-spread "$SRCTREE/tests/layouts/sched-spread.yaml") || exit 1
boot "$out/serial.log" "$out/appliance.img" --icount
log=$out/serial.log
for check in psci-cpu-on second-vcpu-runs sgi-round-trips affinity-info-off; do
	expect_line "$log" "^\\[pair\\] PASS spread-$check$"
done
expect_line "$log" "^\\[pair\\] DONE 4 passed, 0 failed$"
expect_line "$log" "^\\[left\\] HEARTBEAT 2$"
expect_line "$log" "^\\[right\\] HEARTBEAT 2$"
