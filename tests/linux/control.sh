#!/bin/bash
# Control from the root Linux (tests/layouts/control.yaml): the root's
# control-test (tests/linux/control-test) drives bulkheadctl and a channel
# exchange; here its verdicts are checked, with what the hypervisor and
# the other partitions printed.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for control "$SRCTREE/tests/layouts/control.yaml" NR_CPUS=8) || exit 1
log=$out/serial.log
boot "$log" "$out/appliance.img" --cpus 8 >/dev/null

expect_line "$log" "^control-test: DONE$" "the root's control test ran to the end"
reject_line "$log" "^control-test: FAIL"
for check in list-root-running list-echo-running list-beat-running list-nocontrol-running list-controller-running \
	list-target-stopped-by-controller target-silent nocontrol-keeps-beating list-crasher-restarted-by-policy \
	list-shows-cpus stat-time-grows stat-stopped-still stat-json concurrent-commands \
	channel-10000-messages restart-command restart-echo-booted-again restart-beat-kept-beating \
	restart-counted channel-after-restart stop-beat stop-twice-refused start-beat start-beat-beats-again \
	stop-root-refused unknown-name-refused usage-error-status help-complete console-follow log-records-restart \
	console-escapes-shown console-new-only-new console-new-skips-old \
	hvlog-has-control-lines stat-idle-root-waits stat-busy-root-runs stat-trapped-idle-waits \
	stat-native-idle-runs; do
	expect_line "$log" "^control-test: PASS $check$"
done
# Unanchored: the root writes the UART directly, so its line can land inside one of the hypervisor's.
expect_line "$log" "channel-test: 10000 messages sent, 10000 replies, 0 lost, 0 corrupted"

# console_of NAME: what the partition printed, as the root read it from its console ring.
console_of() {
	sed -n "/^control-test: BEGIN console $1\$/,/^control-test: END console $1\$/p" "$log" | sed '1d;$d'
}
# The bare-metal side: its read-only end faulted and was contained; no control without the right.
console_of echo | grep -q "^PASS read-only-end-cannot-write$" || fail "echo: its read-only end was written"
expect_line "$log" "fault: partition echo vCPU0 write to 0x50000000 .write to a read-only mapping, .*abort injected"
# Each refusal left x1-x3 and the buffer's sentinels as they were.
for check in control-hypercall-denied control-stop-root-denied control-log-denied control-page-absent; do
	console_of nocontrol | grep -q "^PASS $check$" || fail "nocontrol: no PASS $check"
done
console_of nocontrol | grep "^FAIL" && fail "nocontrol: a check failed"
for check in control-summary control-sees-root control-sees-itself-with-control control-stop-root-denied \
	control-start-root-denied control-restart-root-denied control-stop-self-denied control-restart-self-denied \
	control-unknown-partition control-unknown-command control-log-offset-beyond-refused \
	control-buffer-outside-memory control-stops-other-partition control-other-partition-stopped \
	control-page-magic control-page-summary control-page-refusal-changes-nothing control-page-stop-root-denied \
	control-page-result-not-writable restarted-by-system-reset; do
	console_of controller | grep -q "^PASS $check$" || fail "controller: no PASS $check"
done
console_of controller | grep "^FAIL" && fail "controller: a check failed"
# Rings stay off the UART.
reject_line "$log" "^\\[(echo|beat|nocontrol|controller|crasher|target)\\] "
# The UART is the root's: of the hypervisor's messages after boot it shows
# only the urgent ones (faults, their containment, power off); the others
# are in its log ring, which the root read (bulkheadctl hvlog).
sed -n '/^control-test: BEGIN hvlog$/,/^control-test: END hvlog$/p' "$log" | sed '1d;$d' >"$out/hvlog.txt"
sed '/^control-test: BEGIN /,/^control-test: END /d' "$log" >"$out/uart.txt"
expect_line "$out/uart.txt" "^bulkhead: partition crasher restarted \\(3 restarts\\)$" "a fault's containment on the UART"
expect_line "$out/uart.txt" "^bulkhead: warning: fault: partition crasher " "a fault on the UART"
for line in "control: linux restarts partition echo" "partition controller restarted \\(1 restarts\\)" \
	"control: controller stops partition target" \
	"control: linux stops partition beat: refused, not in a state for that"; do
	expect_line "$out/hvlog.txt" "^bulkhead: $line$" "in the hypervisor's log"
	reject_line "$out/uart.txt" "bulkhead: $line$" "not urgent, yet on the root's UART"
done
expect_line "$out/hvlog.txt" "^bulkhead: partition crasher restarted \\(3 restarts\\)$" "the urgent lines in the log too"

# Linux rang echo's doorbell 11,000 times; rings while one was still pending
# merged, so echo took fewer interrupts (and exits) than that.
echo_interrupts=$(sed -n 's/^bulkhead:   echo\/0 on CPU2: .* \([0-9]*\) interrupts$/\1/p' "$log")
[ -n "$echo_interrupts" ] && [ "$echo_interrupts" -gt 0 ] && [ "$echo_interrupts" -lt 11000 ] ||
	fail "echo took ${echo_interrupts:-no} doorbell interrupts for 11000 rings: rings did not merge"
echo "echo: $echo_interrupts doorbell interrupts for 11000 rings"

# The log the root read starts with what the host predicts for the image.
sed -n '/^control-test: BEGIN log$/,/^control-test: END log$/p' "$log" | sed '1d;$d' >"$out/log-from-root.txt"
"$BUILD/host-san/bulkhead-image" measurements "$out/appliance.img" >"$out/log-predicted.txt" || fail "measurements"
head -n "$(wc -l <"$out/log-predicted.txt")" "$out/log-from-root.txt" | cmp -s - "$out/log-predicted.txt" ||
	fail "bulkheadctl log differs from bulkhead-image measurements (see $out)"
grep -q "kernel of partition 1, version .*, restart 1$" "$out/log-from-root.txt" || fail "no restart event in the log"
echo "bulkheadctl log: $(wc -l <"$out/log-from-root.txt") events, the first $(wc -l <"$out/log-predicted.txt") as predicted"
grep '^channel-test:' "$log"
