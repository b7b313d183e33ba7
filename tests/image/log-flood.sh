#!/bin/bash
# A partition resetting itself as fast as it can, 400 times, cannot blind
# the measurement log for the others: the victim's restart afterwards is
# recorded and readable through the control interface, and the resetter's
# restarts took no more than its own share of the log
# (tests/layouts/log-flood.yaml, tests/guests/logwatch).
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for log-flood "$SRCTREE/tests/layouts/log-flood.yaml") || exit 1
boot "$out/serial.log" "$out/appliance.img"
log=$out/serial.log
expect_line "$log" "^\\[root\\] resetter reset itself (4[0-9]{2}|[5-9][0-9]{2}|[0-9]{4,}) times$" "the resetter looped 400 times"
expect_line "$log" "^\\[root\\] PASS victim-restarted$"
expect_line "$log" "^\\[root\\] PASS victim-restart-measured$"
expect_line "$log" "^\\[root\\] DONE 2 passed, 0 failed$"
reject_line "$log" "measurement log full"
line=$(grep -m1 '^\[root\] log: ' "$log") || fail "the root read no log"
events=$(echo "$line" | sed -n 's/.*resetter \([0-9]*\),.*/\1/p')
# Three partitions share what the boot events leave of 64 KiB: the
# resetter's third is at most 21,824 bytes, under 240 events of 90+ bytes.
[ "$events" -lt 240 ] || fail "the resetter left $events restart events in the log"
expect_line "$log" "counted, not logged: its room in the log is used" "the resetter's room was used up"
echo "$line"
