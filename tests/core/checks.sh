#!/bin/bash
# The core carves the machine as tests/layouts/core-checks.yaml says, on 6
# CPUs: the root's checks pass (PSCI, SGIs, device and timer interrupts,
# hypercall argument checks), every attack of the three attackers is
# contained by its partition's policy and named in the log with what the
# layout puts at the address, and the victim keeps beating afterwards.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for core-checks "$SRCTREE/tests/layouts/core-checks.yaml" NR_CPUS=6) || exit 1
boot "$out/serial.log" "$out/appliance.img" --cpus 6
log=$out/serial.log

# The root's own checks.
expect_line "$log" "^\\[checks\\] DONE 29 passed, 0 failed$" "every check of the root passed, all 29"
reject_line "$log" "^\\[checks\\] FAIL"
for check in x0-is-device-tree vcpu0-mpidr-is-0 runs-at-el1 psci-cpu-on-own-vcpu psci-second-vcpu-runs psci-cpu-on-foreign-refused \
	sgi-between-own-vcpus device-interrupt-reaches-owner hardware-interrupt-not-left-active \
	foreign-interrupt-invisible virtual-timer-periodic hypercall-foreign-buffer-refused \
	hypercall-hypervisor-buffer-refused hypercall-length-refused hypercall-unknown-refused \
	smccc-version-1-1 smccc-workaround-query-answered smccc-ssbd-query-answered \
	smccc-ssbd-disable-not-forwarded hypercalls-only-over-hvc; do
	expect_line "$log" "^\\[checks\\] PASS $check$"
done
expect_line "$log" "^\\[checks\\] hypercall console line$" "console output through a hypercall is prefixed like the rest"

# The victim's virtio slots master DMA no IOMMU checks: the layout
# acknowledges them (unprotected_dma), and the boot log says so, once each.
for n in 0 1 2 3 4 5 6 7; do
	expect_line "$log" "^bulkhead: warning: partition victim has virtio$n, which masters DMA no IOMMU checks \\(the layout acknowledges it\\): it can read and write all physical memory, the hypervisor's included$"
done
[ "$(grep -c "which masters DMA no IOMMU checks" "$log")" = 8 ] || fail "not 8 DMA warnings: $(grep "masters DMA" "$log")"

# Policy inject: the attacker sees each abort and goes on.
for attack in read-victim-memory write-victim-memory read-hypervisor-memory write-hypervisor-memory \
	read-foreign-device write-foreign-device execute-non-executable-memory; do
	expect_line "$log" "^\\[attacker-inject\\] ATTACK $attack contained$"
done
# Every fault line of the three attackers, in order. Their addresses are
# other partitions' and the hypervisor's in the physical map, but a plain
# partition's guest-physical space maps nothing there (tests/core/attacks.sh
# attacks what would be reachable); only devices are mapped identity.
nothing="nothing is mapped there in its guest-physical space"
faults_of() {
	grep "fault: partition $1 vCPU" "$log" | sed 's/^bulkhead: warning: fault: partition [a-z-]* vCPU0 //'
}
expected="read from 0x50000000 (no mapping, syndrome 0x93c08006): $nothing; abort injected
write to 0x50001000 (no mapping, syndrome 0x93d78046): $nothing; abort injected
read from 0x40081000 (no mapping, syndrome 0x93c08006): $nothing; abort injected
write to 0x40081000 (no mapping, syndrome 0x93d78046): $nothing; abort injected
read from 0x9010000 (no mapping, syndrome 0x93c08005): the layout puts device rtc there, owned by checks; abort injected
write to 0x9010000 (no mapping, syndrome 0x93d78045): the layout puts device rtc there, owned by checks; abort injected
execute at 0x61000000 (execution of a mapping it may not execute, syndrome 0x8200000f): its own layout maps it without that access; abort injected"
[ "$(faults_of attacker-inject)" = "$expected" ] || fail "attacker-inject's fault lines differ: $(faults_of attacker-inject)"
[ "$(faults_of attacker-stop)" = "read from 0x50000000 (no mapping, syndrome 0x93c08006): $nothing; partition stopped" ] ||
	fail "attacker-stop's fault lines differ: $(faults_of attacker-stop)"
expected=$(for n in 1 2 3 4; do echo "read from 0x50000000 (no mapping, syndrome 0x93c08006): $nothing; partition restarting"; done)
[ "$(faults_of attacker-restart)" = "$expected" ] || fail "attacker-restart's fault lines differ: $(faults_of attacker-restart)"
expect_line "$log" "^\\[attacker-inject\\] DONE 7 passed, 0 failed$"
# Its SYSTEM_OFF stops it alone.
expect_line "$log" "^bulkhead: partition attacker-inject powered itself off$"

# Policy stop: stopped at the first attack, never reports.
expect_line "$log" "fault: partition attacker-stop vCPU0 read from 0x50000000 .*; partition stopped"
expect_line "$log" "^bulkhead: partition attacker-stop stopped$"
reject_line "$log" "^\\[attacker-stop\\] ATTACK"

# Policy restart: restarted from its image, then stopped as crash-looping.
expect_line "$log" "^bulkhead: partition attacker-restart restarted \\(1 restarts\\)$"
expect_line "$log" "^bulkhead: warning: partition attacker-restart faulted again after 3 restarts: stopped$"
for n in 1 2 3; do
	expect_line "$log" "^bulkhead: measured boot: restart $n of attacker-restart recorded" "restart $n re-measured"
done
[ "$(grep -c '^\[attacker-restart\] attacker: starting$' "$log")" -eq 4 ] ||
	fail "attacker-restart should have started 4 times (boot and 3 restarts)"

# The victim beats on after every attack.
last_attack=$(grep -n -E '^\[attacker-|fault: partition attacker-|partition attacker-[a-z]* (stopped|restarted)' "$log" | tail -n 1 | cut -d: -f1)
[ -n "$last_attack" ] || fail "no attack in the log"
beats_after=$(tail -n +"$last_attack" "$log" | grep -c '^\[victim\] HEARTBEAT')
[ "$beats_after" -ge 3 ] || fail "the victim beat only $beats_after times after the last attack"
reject_line "$log" "fault: partition (victim|checks)"

# Hardware-linked EOIs cost no maintenance interrupt.
expect_line "$log" "^bulkhead: maintenance interrupts taken: 0$"
expect_line "$log" "^bulkhead: root partition checks powered off: stopping the machine$"
