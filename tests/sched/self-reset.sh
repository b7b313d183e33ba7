#!/bin/bash
# A partition that restarts itself with PSCI SYSTEM_RESET as often as it
# can, on a shared CPU, does its restarts in its own window: the owner of
# the other window keeps its 7 ms of 10 within 1 % (under -icount,
# tests/layouts/sched-self-reset.yaml), and the resetter really looped.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for sched-self-reset "$SRCTREE/tests/layouts/sched-self-reset.yaml") || exit 1
boot "$out/serial.log" "$out/appliance.img" --icount
log=$out/serial.log

line=$(grep -m1 "^\[busy\] SHARE " "$log") || fail "busy reported no share"
share=$(echo "$line" | sed -n 's/.*SHARE \([0-9]*\) per mille.*/\1/p')
restarts=$(sed -n 's/^bulkhead: partition resetter restarted (\([0-9]*\) restarts)$/\1/p' "$log" | tail -n 1)
[ "${restarts:-0}" -ge 50 ] || fail "the resetter restarted only ${restarts:-0} times"
[ "$share" -ge 690 ] && [ "$share" -le 710 ] || fail "busy got $share per mille of its 700 beside a partition resetting itself"
echo "busy: $share per mille (configured 700), resetter restarted $restarts times"
expect_line "$log" "^bulkhead: root partition root powered off: stopping the machine$"
