#!/bin/bash
# Memory attacks at addresses that would be reachable if the protection
# were wrong (tests/layouts/core-attacks.yaml, on -cpu max so that LSE
# atomics and DC ZVA are there to attack with):
#   - bounds, a plain partition with its MMU on, at the edges of each of
#     its regions with every kind of access (tests/guests/bounds): the last
#     bytes inside work, the first past and the last before abort with FAR
#     exactly there, and so do accesses straddling the end and stage-1
#     table walks through what it has not; undecodable accesses to
#     emulated devices are refused;
#   - intruder, the root (identity-mapped: it attacks physical addresses),
#     at the hypervisor's code, data and tables, the pages around its
#     memory, the event log (readable, never writable), the other
#     partitions' RAM and a channel it is no end of (tests/guests/intruder);
#   - crash, two vCPUs faulting at once under the restart policy.
# Every verdict is counted exactly; every fault line the hypervisor prints
# is asserted with what the layout puts at the address, and so is the cap
# after eight; the victim beats on untouched. The root has an emulated
# console, so the hypervisor's lines are the only unprefixed ones: the
# root's copies of them ("bulkhead: FORGED ...") must stay prefixed.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for core-attacks "$SRCTREE/tests/layouts/core-attacks.yaml" NR_CPUS=5) || exit 1
# The intruder aims at the hypervisor's link map, which any change to the
# hypervisor moves: build it once, then aim the intruder at what the
# linker chose (the guest is not linked into the hypervisor, so this second
# build leaves bulkhead.elf as it was; the loop below checks that).
hypervisor_symbol() {
	aarch64-linux-gnu-nm "$out/bulkhead.elf" | awk -v s="$1" '$3 == s { print "0x" $1 }'
}
aim=""
for pair in HYPERVISOR_TEXT:_start HYPERVISOR_DATA:__data_start HYPERVISOR_BSS:__bss_start; do
	aim="$aim -D${pair%%:*}=$(hypervisor_symbol "${pair#*:}")UL"
done
appliance_again "$out" "GUEST_DEFINES_intruder=$aim" ||
	fail "aiming the intruder failed: $(tail -n 5 "$out/build.log")"
for pair in HYPERVISOR_TEXT:_start HYPERVISOR_DATA:__data_start HYPERVISOR_BSS:__bss_start; do
	name=${pair%%:*} actual=$(hypervisor_symbol "${pair#*:}")
	aimed=$(sed -n "s/.*-D$name=\(0x[0-9a-f]*\)UL.*/\1/p" <<<"$aim")
	[ -n "$actual" ] && [ $((aimed)) -eq $((actual)) ] ||
		fail "intruder aims $name at $aimed, but ${pair#*:} is at $actual after its build"
done
grep -q '\.name = "private", \.pa = 0x46010000,' "$out/gen/tables.c" ||
	fail "the channel moved from 0x46010000: update the intruder and bounds guests"
boot "$out/serial.log" "$out/appliance.img" --cpus 5 --cpu max,pauth-impdef=on
log=$out/serial.log


# Exact counts: a run that skipped or lost checks does not pass.
expect_line "$log" "^\\[bounds\\] DONE 247 passed, 0 failed$" "bounds ran its 247 attacks"
expect_line "$log" "^\\[intruder\\] DONE 52 passed, 0 failed$" "intruder ran its 52 attacks"
reject_line "$log" "^\\[(bounds|intruder|crash)\\] (FAIL|SKIP)"
for attack in ram-inside-end-ldrb ram-past-end-ldrb ram-before-start-strb rw-inside-end-str64 rw-past-end-stp \
	rw-before-start-ldp ro-inside-end-strb ro-inside-end-stp ro-inside-end-stxr ro-inside-end-ldadd \
	ro-inside-end-cas ro-inside-end-swp ro-inside-end-dczva ro-inside-end-ldr64 ro-unchanged \
	channel-inside-end-str32 channel-unchanged ram-straddle-end-ldp rw-straddle-end-stp \
	console-undecodable-ldp gicd-undecodable-ldxr doorbell-undecodable-stp ro-execute ram-past-end-execute \
	ram-straddle-end-unaligned-str64 ro-straddle-end-unaligned-ldr64 table-past-ram-walk-ldr64 \
	table-in-console-walk-ldr64; do
	expect_line "$log" "^\\[bounds\\] PASS $attack$"
done
for attack in hypervisor-text-write hypervisor-text-execute hypervisor-data-stp hypervisor-bss-dczva \
	event-log-first-byte-read event-log-last-byte-read event-log-is-the-log event-log-write event-log-stxr \
	event-log-unchanged below-hypervisor-read victim-first-byte-write victim-last-byte-read \
	bounds-ro-last-byte-read channel-last-byte-write own-ram-last-byte-write own-ram-past-end-read \
	bounds-finished crash-stopped victim-untouched; do
	expect_line "$log" "^\\[intruder\\] PASS $attack$"
done

# Every fault line, in order, and nothing after the eighth but the cap.
faults_of() {
	grep "fault: partition $1 vCPU" "$log" | sed 's/^bulkhead: warning: fault: partition [a-z]* vCPU0 //'
}
expected_intruder="read from 0x40000000 (no mapping, syndrome 0x93130006): the layout reserves it for the hypervisor; abort injected
write to 0x40081000 (no mapping, syndrome 0x93d68046): the layout reserves it for the hypervisor; abort injected
write to 0x43ff0000 (write to a read-only mapping, syndrome 0x93d6804f): its own layout maps it without that access; abort injected
read from 0x3ffffff8 (no mapping, syndrome 0x93d38006): the layout puts nothing there; abort injected
write to 0x44000000 (no mapping, syndrome 0x93160046): the layout puts RAM of partition victim there; abort injected
read from 0x45ffffff (no mapping, syndrome 0x93130006): the layout puts RAM of partition bounds there; abort injected
write to 0x46010000 (no mapping, syndrome 0x93160046): the layout puts a channel of partition victim there; abort injected
read from 0x49000000 (no mapping, syndrome 0x93130006): the layout puts nothing there; abort injected"
expected_bounds="write to 0x6120fff8 (write to a read-only mapping, syndrome 0x93d6804f): its own layout maps it without that access; abort injected
read from 0x9000000 (access to an emulated device that cannot be decoded, syndrome 0x92000005): the layout puts device uart0 there, owned by nobody; abort injected
write to 0x61300ff0 (write to a read-only mapping, syndrome 0x9200004f): its own layout maps it without that access; abort injected
read from 0x61000000 (no mapping, syndrome 0x93d38007): nothing is mapped there in its guest-physical space; abort injected
write to 0x610ffff8 (no mapping, syndrome 0x93d68047): nothing is mapped there in its guest-physical space; abort injected
write to 0x8000000 (access to an emulated device that cannot be decoded, syndrome 0x92000045): the layout puts device gic-distributor there, owned by nobody; abort injected
execute at 0x61100000 (execution of a mapping it may not execute, syndrome 0x8200000f): its own layout maps it without that access; abort injected
write to 0x61110000 (no mapping, syndrome 0x92000047): nothing is mapped there in its guest-physical space; abort injected"
for who in intruder bounds; do
	expected=expected_$who
	[ "$(faults_of $who)" = "${!expected}" ] ||
		fail "$who's fault lines differ; expected:
${!expected}
got:
$(faults_of $who)"
	[ "$(grep -c "fault: partition $who: further faults are counted, not logged" "$log")" -eq 1 ] ||
		fail "the hypervisor did not say once that it stopped logging $who's faults"
done
reject_line "$log" "fault: partition victim"
# Faults the hypervisor counted for bounds: at least one per aborting attack.
counted=$(sed -n 's/^\[intruder\] intruder: bounds stopped after \([0-9]*\) faults$/\1/p' "$log")
[ -n "$counted" ] && [ "$counted" -ge 150 ] || fail "the hypervisor counted ${counted:-no} faults of bounds"

# The root reached no UART but its emulation: after it turned "its" UART
# off, the hypervisor's lines go on, and its copies of them stay its own.
disabled=$(grep -n '^\[intruder\] intruder: UART disabled, CTS flow control on$' "$log" | cut -d: -f1)
[ -n "$disabled" ] || fail "the intruder never reached its UART attack"
tail -n +"$disabled" "$log" | grep -q '^bulkhead: root partition intruder powered off: stopping the machine$' ||
	fail "no hypervisor line after the root disabled its UART"
expect_line "$log" "^\\[intruder\\] bulkhead: FORGED partition victim stopped$"
expect_line "$log" "^\\[intruder\\] xbulkhead: FORGED root partition intruder powered off: stopping the machine$"
reject_line "$log" "^bulkhead: .*FORGED" "a partition's text read as the hypervisor's"

# crash, whose two vCPUs fault at once (tests/guests/storm), is restarted
# three times (each start seen), then stopped as crash-looping.
# Both vCPUs may fault before the first one's restart stops the other, so
# a run logs one or two fault lines; the crash-loop stop is said once.
lines=$(grep -c "fault: partition crash vCPU" "$log" || true)
[ "$lines" -ge 4 ] && [ "$lines" -le 8 ] || fail "crash logged $lines faults over 4 runs"
[ "$(grep "fault: partition crash vCPU" "$log" | grep -cv 'vCPU[01] read from 0x70[01]00000 (no mapping, syndrome 0x93c08006): nothing is mapped there in its guest-physical space; partition restarting$')" -eq 0 ] ||
	fail "a fault line of crash is not the one expected"
[ "$(grep -c "^bulkhead: warning: partition crash faulted again after 3 restarts: stopped$" "$log")" -eq 1 ] ||
	fail "the crash-loop stop should be said once"
[ "$(grep -c "^bulkhead: partition crash stopped$" "$log")" -eq 1 ] || fail "crash should be stopped once"
for n in 1 2 3; do
	expect_line "$log" "^bulkhead: partition crash restarted \\($n restarts\\)$"
done
[ "$(grep -c '^\[crash\] storm: faulting on two vCPUs$' "$log")" -eq 4 ] || fail "crash should have started 4 times"
# The victim beats on after every attack.
last_attack=$(grep -n 'fault: partition \(bounds\|intruder\)\|^\[bounds\] DONE' "$log" | tail -n 1 | cut -d: -f1)
beats_after=$(tail -n +"$last_attack" "$log" | grep -c '^\[victim\] HEARTBEAT')
[ "$beats_after" -ge 2 ] || fail "the victim beat only $beats_after times after the last attack"
expect_line "$log" "^bulkhead: root partition intruder powered off: stopping the machine$"
