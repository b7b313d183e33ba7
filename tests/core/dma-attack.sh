#!/bin/bash
# DMA attacks through a PCIe device behind the SMMU (tests/layouts/
# dma-attack.yaml, tests/guests/dmaattack): the root drives QEMU's edu
# device at its own RAM (lands, exactly there), at the hypervisor's code
# (nothing arrives; the hypervisor logs the device fault naming the
# partition, the device, the stream and the address) and at the victim's
# code (the victim beats on), and at the measurement log the root may
# read but not write (the device reads it; its write is refused, logged as a
# permission fault, and the log is unchanged). Without the SMMU the foreign
# transfers succeed and the test fails. Then a non-root partition given the
# PCIe host, whose RAM is not identity-mapped, programs the device with its
# guest-physical addresses (they work), and its device's fault restarts it
# under its policy until it is stopped as crash-looping; and a machine without the SMMU stops at boot.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for dma-attack "$SRCTREE/tests/layouts/dma-attack.yaml") || exit 1
log=$out/serial.log
boot "$log" "$out/appliance.img" -- -device edu,dma_mask=0xffffffffff

expect_line "$log" "^bulkhead: SMMU enabled: 256 streams translated, the other 0 of its table abort$" "the SMMU is on"
expect_line "$log" "^\\[dmaroot\\] DONE 10 passed, 0 failed$" "the root ran its 10 checks"
reject_line "$log" "^\\[dmaroot\\] (FAIL|SKIP)"
for check in dma-edu-found dma-own-ran dma-own-lands dma-hypervisor-ran dma-hypervisor-blocked dma-victim-ran \
	dma-log-ran dma-log-readable dma-log-write-ran dma-log-unchanged; do
	expect_line "$log" "^\\[dmaroot\\] PASS $check$"
done
device='device pcie-ecam \(stream 0x[0-9a-f]+, 00:[0-9a-f]{2}\.0\)'
expect_line "$log" "^bulkhead: warning: fault: partition dmaroot $device DMA read from 0x40081000 \\(SMMU translation fault, [0-9]+ accesses up to 0x4008[0-9a-f]+\\): .*; transfer aborted$" \
	"the read of the hypervisor's code, logged with the device"
expect_line "$log" "^bulkhead: warning: fault: partition dmaroot $device DMA write to 0x44000000 \\(SMMU translation fault, [0-9]+ accesses up to 0x4400[0-9a-f]+\\): .*; transfer aborted$" \
	"the write into the victim, logged with the device"
expect_line "$log" "^bulkhead: warning: fault: partition dmaroot $device DMA write to 0x43ff0000 \\(SMMU permission fault, [0-9]+ accesses up to 0x43ff[0-9a-f]+\\): .*; transfer aborted$" \
	"the write into the read-only log, logged as a permission fault"
# The device faults once per access: the SMMU's queue fills, and that is said, not hidden.
expect_line "$log" "^bulkhead: error: SMMU: global error: an event could not be written \\(queue full or unreachable\\): device faults were lost$"
# The victim beats on after its first page was aimed at (two beats: 200 ms).
awk '/^\[dmaroot\] wrote the victim.s code/ { after = 1 } after && /^\[victim\] HEARTBEAT [0-9]+$/ { beats++ }
	END { exit beats >= 2 ? 0 : 1 }' "$log" || fail "the victim stopped beating after the DMA into its code"
reject_line "$log" "^bulkhead: partition victim stopped"
reject_line "$log" "PANIC"

# A non-root owner of the PCIe host, not identity-mapped: its device works
# with guest-physical addresses, and its device's fault restarts it
# (on_fault: restart), three times, then stops it as crash-looping.
owner=$(appliance_for dma-owner "$SRCTREE/tests/layouts/dma-owner.yaml") || exit 1
log=$owner/serial.log
boot "$log" "$owner/appliance.img" -- -device edu,dma_mask=0xffffffffff
expect_line "$log" "^bulkhead: SMMU: streams 0..0xff \\(pcie-ecam\\) see partition dmaguest's memory$"
[ "$(grep -c '^\[dmaguest\] PASS dma-own-lands$' "$log")" = 4 ] ||
	fail "the owner's own transfer did not land in each of its 4 runs"
fault="^bulkhead: warning: fault: partition dmaguest $device DMA write to 0x48000000 \\(SMMU translation fault, [0-9]+ accesses up to 0x4800[0-9a-f]+\\): nothing is mapped there in its guest-physical space; partition restarting$"
[ "$(grep -cE "$fault" "$log")" = 4 ] || fail "not 4 device faults of the owner, each under its restart policy"
for n in 1 2 3; do
	expect_line "$log" "^bulkhead: partition dmaguest restarted \\($n restarts\\)$"
done
expect_line "$log" "^bulkhead: warning: partition dmaguest faulted again after 3 restarts: stopped$"
expect_line "$log" "^bulkhead: partition dmaguest stopped$"
reject_line "$log" "^\\[dmaguest\\] (FAIL|SKIP|DONE)"
expect_line "$log" "^\\[control\\] countdown: powering off$" "the root ran on to its end"

# The same machine without its SMMU: the hypervisor stops before any
# partition runs, saying where it looked, rather than leave DMA unchecked.
boot "$out/absent.log" "$out/appliance.img" -- -machine iommu=none
expect_line "$out/absent.log" "^bulkhead: SMMU: probing at 0x9050000, which the board says all PCIe DMA goes through \\(QEMU: -M virt,iommu=smmuv3\\); the machine stops if it is absent$"
expect_line "$out/absent.log" "^  FAR_EL2 0x0000000009050000 " "the probe's read aborted"
reject_line "$out/absent.log" "^\\[(dmaroot|victim)\\]"
echo "DMA attacks: blocked and logged; the device's own transfer landed"
