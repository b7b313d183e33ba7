#!/bin/bash
# shares.sh [spin|wfi]: under -icount shift=0 (guest time counts
# instructions, so the run is deterministic), partitions sharing CPU 3 on
# a 10 ms frame get their configured shares within 1 % (10 per mille) over
# 60 frames, spinning with interrupts masked does not overrun a window,
# window starts stay within 10 us of the frame grid, and the hypervisor's
# accounting agrees with what the guests measured. With "wfi", the 3 ms
# window's partition only waits: it gives its time back and is accounted
# almost none, while the others keep exactly their shares.
. "$SRCTREE/tests/lib/common.sh"

mode=${1:-spin}
layout=sched-shares
[ "$mode" = wfi ] && layout=sched-wfi
out=$(appliance_for "sched-$mode" "$SRCTREE/tests/layouts/$layout.yaml") || exit 1
boot "$out/serial.log" "$out/appliance.img" --icount
log=$out/serial.log

check_spinner() {
	local name=$1 want=$2 line share jitter accounted measured windows
	line=$(grep -m1 "^\[$name\] SHARE " "$log") || fail "$name reported no share"
	share=$(echo "$line" | sed -n 's/.*SHARE \([0-9]*\) per mille.*/\1/p')
	jitter=$(echo "$line" | sed -n 's/.*jitter \([0-9]*\) ns.*/\1/p')
	[ $((share - want)) -le 10 ] && [ $((want - share)) -le 10 ] ||
		fail "$name got $share per mille, configured $want"
	[ "$jitter" -le 10000 ] || fail "$name's windows started up to $jitter ns off the frame grid"
	line=$(grep -m1 "^\[$name\] ACCOUNTED " "$log") || fail "$name reported no accounting"
	accounted=$(echo "$line" | sed -n 's/.*ACCOUNTED \([0-9]*\) ns.*/\1/p')
	measured=$(echo "$line" | sed -n 's/.*measured \([0-9]*\) ns.*/\1/p')
	windows=$(echo "$line" | sed -n 's/.* over \([0-9]*\) windows.*/\1/p')
	# Accounting and measurement agree within 0.1 %; 60 frames give 60 windows (61 with the one running).
	[ $(( (accounted - measured) * 1000 / measured )) -le 1 ] && [ $(( (measured - accounted) * 1000 / measured )) -le 1 ] ||
		fail "$name: accounted $accounted ns, measured $measured ns"
	[ "$windows" -ge 60 ] && [ "$windows" -le 61 ] || fail "$name was accounted $windows windows"
	echo "$name: $share per mille (configured $want), jitter $jitter ns, accounted $accounted ns"
}

check_spinner two 200
check_spinner five 500
if [ "$mode" = wfi ]; then
	line=$(grep -m1 '^\[root\] STATS partition 2: ' "$log") || fail "no accounting for the idler"
	ns=$(echo "$line" | sed -n 's/.*: \([0-9]*\) ns.*/\1/p')
	# 60+ windows of 3 ms: an idler that gave them back ran for well under 1 % of that.
	[ "$ns" -lt 1800000 ] || fail "the idler was accounted $ns ns of its 180 ms of windows"
	echo "idler: accounted $ns ns"
	# What it gave back is waiting: all of its 3 ms windows but the little it ran (1 %).
	line=$(grep '^bulkhead:   three/0 on CPU3 (scheduled): ' "$log")
	waited=$(echo "$line" | sed -n 's/.* \([0-9]*\) us waiting, .*/\1/p')
	windows=$(echo "$line" | sed -n 's/.* \([0-9]*\) windows, .*/\1/p')
	[ -n "$waited" ] && [ -n "$windows" ] && [ "$waited" -le $((windows * 3000)) ] &&
		[ "$waited" -ge $((windows * 2970)) ] ||
		fail "the idler was accounted ${waited:-no} us waiting for ${windows:-no} windows of 3 ms"
	# The root, pinned, waits in its trapped WFI for the others to finish.
	waited=$(sed -n 's/^bulkhead:   root\/0 on CPU0: .* \([0-9]*\) us waiting, .*/\1/p' "$log")
	[ -n "$waited" ] && [ "$waited" -gt 0 ] || fail "the root was accounted ${waited:-no} us waiting"
	echo "idler: $(grep 'three/0 on CPU3' "$log")"
else
	check_spinner three 300
fi
expect_line "$log" "^\\[root\\] PASS stats-short-buffer-refused$"
expect_line "$log" "^\\[root\\] PASS stats-foreign-buffer-refused$"
# Exits by reason and hypervisor time, as the root reads them for a spinner:
# its only exits are the hypervisor's timer interrupts and its two hypercalls.
expect_line "$log" "^\\[root\\] STATS partition 1: hypervisor [1-9][0-9]* ns, 0 interrupts, exits hvc [0-9]+ smc [0-9]+ sysreg 0 memory [0-9]+ wfi 0 irq [1-9][0-9]* other 0$"
expect_line "$log" "^bulkhead: root partition root powered off: stopping the machine$"
# 60 windows of 2 ms, and the part of a 61st that had run when the root stopped the machine.
expect_line "$log" "^bulkhead:   two/0 on CPU3 \\(scheduled\\): 1(199[0-9]{2}|2[01][0-9]{3}) us, 6[01] windows" \
	"the accounting printed at shutdown"
