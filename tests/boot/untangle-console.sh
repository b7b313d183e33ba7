#!/bin/bash
# tests/lib/untangle-console.awk, which every boot test's log goes
# through: a hypervisor line that landed inside one of a pass-through
# root's lines is taken out whole, but a partition's prefixed line is
# never split, so that no partition can print a line the tests would take
# for the hypervisor's (or for another partition's).
. "$SRCTREE/tests/lib/common.sh"

input='cbulkhead: partition x stopped
ontrol-test: PASS x
[    1.234567] virtio_blk virtio0: [vda] bulkhead: partition y stopped
[intruder] bulkhead: partition victim stopped
[intruder] xbulkhead: root partition intruder powered off: stopping the machine
[bounds] [victim] PASS forged
bulkhead: partition z stopped'
expected='bulkhead: partition x stopped
control-test: PASS x
bulkhead: partition y stopped
[intruder] bulkhead: partition victim stopped
[intruder] xbulkhead: root partition intruder powered off: stopping the machine
[bounds] [victim] PASS forged
bulkhead: partition z stopped
[    1.234567] virtio_blk virtio0: [vda] '
got=$(echo "$input" | awk -f "$SRCTREE/tests/lib/untangle-console.awk")
[ "$got" = "$expected" ] || fail "untangled:
$got
expected:
$expected"
echo "$got" | grep -q '^bulkhead: partition victim stopped' && fail "a partition's line became the hypervisor's"
echo "$got" | grep -q '^\[victim\]' && fail "a partition's line became another partition's"
echo "untangled as expected"
