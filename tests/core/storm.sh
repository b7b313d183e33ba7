#!/bin/bash
# Fault containment on a shared CPU (tests/layouts/core-storm.yaml, under
# -icount): storm's two vCPUs fault at once, then vCPU 0 goes on for 700 ms
# in CPU 1's schedule beside the spinner "share"; hundreds of thousands of
# faults are contained, the hypervisor logs eight and says it counts the
# rest, and share keeps its 5 ms of 10 within 1 % with windows on the
# grid. Then storm faults in its own vector: the escalation stops it, and
# that is logged past the cap.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for core-storm "$SRCTREE/tests/layouts/core-storm.yaml" NR_CPUS=3) || exit 1
boot "$out/serial.log" "$out/appliance.img" --cpus 3 --icount
log=$out/serial.log

# storm: both vCPUs contained, every abort at the address attacked.
expect_line "$log" "^\\[storm\\] PASS second-vcpu-started$"
expect_line "$log" "^\\[storm\\] PASS both-vcpus-contained$"
[ "$(grep -c '^\[storm\] PASS' "$log")" -eq 2 ] || fail "storm should pass exactly 2 checks"
reject_line "$log" "^\\[(storm|share)\\] FAIL"
line=$(grep -m1 '^\[storm\] storm: [0-9]* and [0-9]* faults$' "$log") || fail "storm reported no fault counts"
faults=$(echo "$line" | awk '{ print $3 + $5 }')
[ "$faults" -ge 100000 ] || fail "storm faulted only $faults times"
echo "storm: $faults faults contained"

# The cap: eight fault lines, one saying the rest are counted, and the
# escalation, which stops the partition, said even past the cap.
[ "$(grep -c 'fault: partition storm vCPU[01] read from 0x70[0-9a-f]* (no mapping, syndrome 0x93c08006): nothing is mapped there in its guest-physical space; abort injected$' "$log")" -eq 8 ] ||
	fail "the hypervisor should have logged exactly 8 of storm's faults"
[ "$(grep -c 'fault: partition storm' "$log")" -eq 10 ] || fail "storm's fault lines: not 8, the cap and the escalation"
expect_line "$log" "^bulkhead: warning: fault: partition storm: further faults are counted, not logged$"
expect_line "$log" "^bulkhead: warning: fault: partition storm vCPU0 execute at 0x70000200 \\(not executable or not mapped, syndrome 0x82000006\\): nothing is mapped there in its guest-physical space; partition stopped: it faults taking its own exception$"
expect_line "$log" "^bulkhead: partition storm stopped$"

# share, on the CPU storm's vCPU 0 shares, keeps its share and its grid.
line=$(grep -m1 '^\[share\] SHARE ' "$log") || fail "share reported no share"
share=$(echo "$line" | sed -n 's/.*SHARE \([0-9]*\) per mille.*/\1/p')
jitter=$(echo "$line" | sed -n 's/.*jitter \([0-9]*\) ns.*/\1/p')
[ $((share - 500)) -le 10 ] && [ $((500 - share)) -le 10 ] || fail "share got $share per mille beside the storm, configured 500"
[ "$jitter" -le 10000 ] || fail "share's windows started up to $jitter ns off the grid"
echo "share: $share per mille, jitter $jitter ns"

reject_line "$log" "fault: partition (share|root)"
expect_line "$log" "^bulkhead: root partition root powered off: stopping the machine$"
