#!/bin/bash
# The virtual GIC under attack (tests/layouts/vgic-attacks.yaml): writes
# that change nothing and interrupts for a descheduled vCPU cost the
# partition sharing its CPU no exit each; a pending SPI routed between the
# attacker's vCPUs arrives once, where it was routed last; SGIs, every
# distributor register and redistributor frames beyond its own reach
# nothing of the owner's or the bystander's, whose interrupts keep their
# configuration and still arrive; doorbell storms merge.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for vgic-attacks "$SRCTREE/tests/layouts/vgic-attacks.yaml" NR_CPUS=4) || exit 1
boot "$out/serial.log" "$out/appliance.img" --cpus 4 --icount
log=$out/serial.log

for check in attacker-second-vcpu-on sgi-irm-reaches-own-vcpus-only sgi-foreign-targets-reach-nobody \
	sgi-asgi1r-foreign-targets-reach-nobody sgi-sgi0r-ignored foreign-spis-read-as-zero \
	foreign-spis-never-delivered-to-attacker redistributor-last-is-own-vcpu1 \
	redistributor-frames-beyond-own-abort reroute-pending-spi-delivered-once \
	reroute-back-and-forth-delivered-once reroute-cleared-stays-cleared reroute-nothing-lost-or-left-pending; do
	expect_line "$log" "^\\[attacker\\] PASS $check$"
done
expect_line "$log" "^\\[attacker\\] DONE 13 passed, 0 failed$"

for check in owner-saw-the-attacks owner-config-unchanged owner-no-spurious-interrupt owner-no-foreign-sgi \
	owner-rtc-still-arrives owner-storm-interrupts-merged owner-storm-exits-bounded; do
	expect_line "$log" "^\\[owner\\] PASS $check$"
done
expect_line "$log" "^\\[owner\\] DONE 7 passed, 0 failed$"

for phase in quiet ctlr-loop noop-writes pend-toggle sgi-storm doorbell-storm; do
	expect_line "$log" "^\\[bystander\\] PASS bystander-exits-bounded-$phase$"
done
for check in bystander-config-unchanged bystander-storm-merged bystander-no-foreign-interrupt; do
	expect_line "$log" "^\\[bystander\\] PASS $check$"
done
expect_line "$log" "^\\[bystander\\] DONE 9 passed, 0 failed$"
reject_line "$log" "FAIL"

# The redistributor probes were faults the hypervisor contained, named as such.
expect_line "$log" "fault: partition attacker vCPU0 read from 0x80e0008 .*abort injected"
reject_line "$log" "fault: partition (owner|bystander|referee)"
expect_line "$log" "^\\[referee\\] PASS referee-the-others-finished$"
expect_line "$log" "^\\[referee\\] DONE 1 passed, 0 failed$"
expect_line "$log" "^bulkhead: root partition referee powered off: stopping the machine$"
