#!/bin/bash
# Benchmark, not a test: the cost of a vCPU switch, in instructions. Two
# spinners share CPU 3 in 100 us windows under -icount shift=0,sleep=off
# (one instruction per ns of guest time); each measures the time it ran.
# What neither ran is the hypervisor's switching: divided by the number of
# switches, it is the cost of one (save, schedule, restore, timer).
# Prints a row of the report's table.
. "$(dirname "$0")/lib.sh"
out=$(bench_appliance vcpu-switch "$srctree/tests/layouts/sched-switch.yaml")
timeout 600 "$srctree/tools/qemu-run.sh" --icount --cpu "$BENCH_CPU" "$out/appliance.img" </dev/null 2>&1 |
	tr -d '\r' >"$out/serial.log"
measured() { sed -n "s/^\[$1\] ACCOUNTED .*(measured \([0-9]*\) ns).*/\1/p" "$out/serial.log"; }
span() { sed -n "s/^\[$1\] SHARE .* over \([0-9]*\) ms.*/\1/p" "$out/serial.log"; }
a=$(measured a) b=$(measured b) ms=$(span a)
[ -n "$a" ] && [ -n "$b" ] && [ -n "$ms" ] || { echo "vcpu-switch: the spinners did not report (see $out/serial.log)" >&2; exit 1; }
# 100 us windows: two switches per 200 us frame.
# Xen has no figure here: its vCPUs would need a scheduler set up alike.
per_switch=$(awk -v a="$a" -v b="$b" -v ms="$ms" 'BEGIN { span = ms * 1000000; printf "%.0f", (span - a - b) / (span / 100000) }')
[ "$per_switch" -gt 0 ] || { echo "vcpu-switch: no time lost to switching? (see $out/serial.log)" >&2; exit 1; }
table_row "vCPU switch on a shared CPU (100 us windows)" "$per_switch" - -
