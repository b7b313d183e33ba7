#!/bin/bash
# urgent-hog.sh masked|storm: urgent vCPUs cannot keep a shared CPU (under
# -icount; tests/layouts/sched-urgent-MODE.yaml). "masked": urgent vCPUs
# with an interrupt pending that they mask (PSTATE.I, or a priority mask of
# 0) never preempt the window's owner, which keeps its 8 ms of 10 within
# 1 %. "storm": one that takes every interrupt and never waits preempts
# the owner for no more than the schedule's 1 ms urgent budget per frame.
. "$SRCTREE/tests/lib/common.sh"

mode=$1
out=$(appliance_for "sched-urgent-$mode" "$SRCTREE/tests/layouts/sched-urgent-$mode.yaml") || exit 1
boot "$out/serial.log" "$out/appliance.img" --icount
log=$out/serial.log

line=$(grep -m1 "^\[busy\] SHARE " "$log") || fail "busy reported no share"
share=$(echo "$line" | sed -n 's/.*SHARE \([0-9]*\) per mille.*/\1/p')
if [ "$mode" = masked ]; then
	expect_line "$log" "^\\[masked\\] hog: interrupt pending and never taken$"
	expect_line "$log" "^\\[pmr0\\] hog: interrupt pending and never taken$"
	[ "$share" -ge 790 ] || fail "busy got $share per mille of its 800 beside urgent vCPUs that mask their interrupt"
	echo "busy: $share per mille (configured 800, masked urgent neighbours)"
	# Each hog ran in its own 1 ms windows only (the root reads their accounting).
	for id in 1 2; do
		line=$(grep -m1 "^\[root\] STATS partition $id: [0-9]* ns" "$log") || fail "no accounting for partition $id"
		ns=$(echo "$line" | sed -n 's/.*: \([0-9]*\) ns, \([0-9]*\) windows.*/\1/p')
		windows=$(echo "$line" | sed -n 's/.*: \([0-9]*\) ns, \([0-9]*\) windows.*/\2/p')
		[ "$windows" -ge 150 ] && [ "$ns" -le $((windows * 1010000)) ] ||
			fail "partition $id ran $ns ns in $windows windows of 1 ms: it preempted others"
		echo "partition $id: $ns ns in $windows windows"
	done
else
	expect_line "$log" "^\\[storm\\] PASS hog-cpu-on$"
	# 900 configured, minus at most the 100 of the budget (10 for switches).
	[ "$share" -ge 790 ] || fail "busy got $share per mille: the storm took more than its 1 ms budget per frame"
	# The storm is real: it does take its budget.
	[ "$share" -le 815 ] || fail "busy got $share per mille: the storm did not preempt it"
	echo "busy: $share per mille (configured 900, urgent budget 100)"
fi
expect_line "$log" "^bulkhead: root partition root powered off: stopping the machine$"
