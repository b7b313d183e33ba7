#!/bin/bash
# The console under attack, tests/layouts/console.yaml on 4 CPUs. Two
# vCPUs racing their emulated console with no newline must not reach the
# next partition's entry in the hypervisor's table, nor stop the
# hypervisor. The root stopping the UART it owns (disabled, then CTS flow
# control) must stop nothing: the hypervisor keeps its lines in its log
# ring (read back through the control interface) and writes none of them
# while the UART is stopped, then all of them, in order.
. "$SRCTREE/tests/lib/common.sh"

# The whole log on the UART: the root's refused STOPs are not urgent, but
# here they are what must wait in the queue while the UART is stopped.
out=$(appliance_for console "$SRCTREE/tests/layouts/console.yaml" HV_LOG_UART_ALL=y) || exit 1
boot "$out/serial.log" "$out/appliance.img" --cpus 4
log=$out/serial.log

# Finding 1: the race, and the partition after the racer in the table.
expect_line "$log" "^\\[racer\\] consolerace: [0-9]+ bytes from each of 2 vCPUs, no newline$"
expect_line "$log" "^\\[racer\\] DONE 1 passed, 0 failed$" "the racer finished its writes"
for check in console-race-over console-race-victim-entry-intact console-race-victim-beats-on; do
	expect_line "$log" "^PASS $check$"
done
reject_line "$log" "PANIC|^bulkhead: (synchronous|SError|IRQ|FIQ)" "the hypervisor faulted"
reject_line "$log" "fault: partition victim"

# Finding 6: nothing of the hypervisor's between the root's markers, the
# lines logged meanwhile after them, in order, and the others went on.
expect_line "$log" "^UART off$"
expect_line "$log" "^UART on$"
between=$(sed -n '/^UART off$/,/^UART on$/p' "$log" | sed '1d;$d')
[ -z "$between" ] || fail "the hypervisor wrote to the UART while it was stopped: $(head -n 3 <<<"$between")"
after=$(sed -n '/^UART on$/,$p' "$log")
[ "$(grep -c '^bulkhead: control: consoleroot stops partition racer: refused, not in a state for that$' <<<"$after")" -eq 6 ] ||
	fail "the 6 lines logged while the UART was stopped did not follow it"
for check in uart-takes-the-backlog uart-disabled-log-kept uart-disabled-victim-beats-on uart-cts-log-kept \
	uart-cts-victim-beats-on; do
	expect_line "$log" "^PASS $check$"
done
expect_line "$log" "^DONE 8 passed, 0 failed$" "every check of the root passed"
expect_line "$log" "^bulkhead: root partition consoleroot powered off: stopping the machine$"
