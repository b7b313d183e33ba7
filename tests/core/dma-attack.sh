#!/bin/bash
# DMA attacks through a PCIe device behind the SMMU (tests/layouts/
# dma-attack.yaml, tests/guests/dmaattack): the root drives QEMU's edu
# device at its own RAM (lands, exactly there), at the hypervisor's code
# (nothing arrives; the hypervisor logs the device fault naming the
# partition, the device, the stream and the address) and at the victim's
# code (the victim beats on), and at the measurement log the root may
# read but not write (the device reads it; its write is refused, logged as a
# permission fault, and the log is unchanged). Without the SMMU the foreign
# transfers succeed and the test fails. Then a non-root partition given
# edu (00:02.0) by `pci:`, whose RAM is not identity-mapped, programs the device with its
# guest-physical addresses (they work), and its device's fault restarts it
# under its policy until it is stopped as crash-looping; and a machine without the SMMU stops at boot.
# Both also try the emulated config space (docs/pci.md): the BAR the
# hypervisor placed, a sizing cycle, a BAR moved onto the GIC (dropped,
# logged once a run, the BAR reads as placed), no MSI capability, 1- and
# 2-byte reads, bus master off (no DMA) and on; the owner also a function
# it does not have (all ones), and, after each restart, its device's bus
# master off (the hypervisor quiesced it before reloading the partition).
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for dma-attack "$SRCTREE/tests/layouts/dma-attack.yaml") || exit 1
log=$out/serial.log
boot "$log" "$out/appliance.img" -- -device edu,dma_mask=0xffffffffff

expect_line "$log" "^bulkhead: SMMU enabled: 256 streams translated, the other 0 of its table abort$" "the SMMU is on"
expect_line "$log" "^\\[dmaroot\\] DONE 19 passed, 0 failed$" "the root ran its 19 checks"
reject_line "$log" "^\\[dmaroot\\] (FAIL|SKIP)"
for check in pci-master-off-at-start pci-bar-placed pci-bar-sizing pci-bar-move-refused pci-widths pci-no-msi \
	pci-master-off-no-dma dma-edu-found dma-own-ran dma-own-lands dma-hypervisor-ran dma-hypervisor-blocked dma-victim-ran \
	dma-channel-write-ran dma-channel-read-ran dma-log-ran dma-log-readable dma-log-write-ran dma-log-unchanged; do
	expect_line "$log" "^\\[dmaroot\\] PASS $check$"
done
expect_line "$log" "^bulkhead: pci: 00:02\\.0 -> partition dmaroot: BAR0 mem32 0x[0-9a-f]+\\+0x100000 \\(MSI/MSI-X hidden: INTx only\\)$" \
	"edu's BAR placed in the root's part of the window"
expect_line "$log" "^bulkhead: warning: pci: partition dmaroot wrote 0x8000000 \\(4 bytes\\) at config offset 0x10 of 00:02\\.0: dropped \\(a BAR moved: it stays where the hypervisor placed it\\); further dropped writes to it are not logged this run$" \
	"the BAR move, refused and logged"
device='device pcie-ecam \(stream 0x[0-9a-f]+, 00:[0-9a-f]{2}\.0\)'
expect_line "$log" "^bulkhead: warning: fault: partition dmaroot $device DMA read from 0x40081000 \\(SMMU translation fault, [0-9]+ accesses up to 0x4008[0-9a-f]+\\): .*; transfer aborted$" \
	"the read of the hypervisor's code, logged with the device"
expect_line "$log" "^bulkhead: warning: fault: partition dmaroot $device DMA write to 0x44000000 \\(SMMU translation fault, [0-9]+ accesses up to 0x4400[0-9a-f]+\\): .*; transfer aborted$" \
	"the write into the victim, logged with the device"
grep -q '{ .name = "private", .pa = 0x45000000,' "$out/gen/tables.c" || fail "the channel private is not where the guest aims (0x45000000)"
for access in "write to" "read from"; do
	expect_line "$log" "^bulkhead: warning: fault: partition dmaroot $device DMA $access 0x45000000 \\(SMMU translation fault, [0-9]+ accesses up to 0x4500[0-9a-f]+\\): the layout puts a channel of partition victim there; transfer aborted$" \
		"the $access of a channel the root is no end of, logged with the device"
done
expect_line "$log" "^bulkhead: warning: fault: partition dmaroot $device DMA write to 0x43ff0000 \\(SMMU permission fault, [0-9]+ accesses up to 0x43ff[0-9a-f]+\\): .*; transfer aborted$" \
	"the write into the read-only log, logged as a permission fault"
# The device faults once per access: the SMMU's queue fills, and that is said, not hidden.
expect_line "$log" "^bulkhead: error: SMMU: global error: an event could not be written \\(queue full or unreachable\\): device faults were lost$"
# The victim beats on after its first page was aimed at (two beats: 200 ms).
awk '/^\[dmaroot\] wrote the victim.s code/ { after = 1 } after && /^\[victim\] HEARTBEAT [0-9]+$/ { beats++ }
	END { exit beats >= 2 ? 0 : 1 }' "$log" || fail "the victim stopped beating after the DMA into its code"
reject_line "$log" "^bulkhead: partition (victim|peer) stopped"
expect_line "$log" "^\\[peer\\] HEARTBEAT 3$" "the channel's other end beats on"
reject_line "$log" "PANIC"

# A non-root owner of edu (00:02.0), not identity-mapped: its device works
# with guest-physical addresses, and its device's fault restarts it
# (on_fault: restart), three times, then stops it as crash-looping.
owner=$(appliance_for dma-owner "$SRCTREE/tests/layouts/dma-owner.yaml") || exit 1
log=$owner/serial.log
boot "$log" "$owner/appliance.img" -- -device edu,dma_mask=0xffffffffff
expect_line "$log" "^bulkhead: SMMU: stream 0x10 \\(edu, 00:02\\.0\\) sees partition dmaguest's memory$"
expect_line "$log" "^bulkhead: pci: edu \\(00:02\\.0\\) -> partition dmaguest: BAR0 mem32 0x[0-9a-f]+\\+0x100000 \\(MSI/MSI-X hidden: INTx only\\)$"
for check in dma-own-lands pci-master-off-at-start pci-bar-move-refused pci-foreign-all-ones pci-master-off-no-dma pci-no-msi; do
	[ "$(grep -c "^\\[dmaguest\\] PASS $check$" "$log")" = 4 ] || fail "$check did not pass in each of the owner's 4 runs"
done
# Logged once per function per run: each restart resets that.
[ "$(grep -c '^bulkhead: warning: pci: partition dmaguest wrote 0x8000000 (4 bytes) at config offset 0x10 of edu (00:02.0): dropped' "$log")" = 4 ] ||
	fail "the owner's BAR move not logged once in each of its 4 runs"
[ "$(grep -c '^bulkhead: warning: pci: partition dmaguest wrote config offset 0x4 of 00:00.0, which it does not have: dropped' "$log")" = 4 ] ||
	fail "the owner's write to the host bridge not logged once in each of its 4 runs"
expect_line "$log" "^bulkhead: pci: partition dmaguest: 1 function quiesced \\(bus master and decode off, reset where it offers FLR\\), BARs placed again$"
fault="^bulkhead: warning: fault: partition dmaguest device edu \\(00:02\\.0, stream 0x10\\) DMA write to 0x48000000 \\(SMMU translation fault, [0-9]+ accesses up to 0x4800[0-9a-f]+\\): nothing is mapped there in its guest-physical space; partition restarting$"
[ "$(grep -cE "$fault" "$log")" = 4 ] || fail "not 4 device faults of the owner, each under its restart policy"
for n in 1 2 3; do
	expect_line "$log" "^bulkhead: partition dmaguest restarted \\($n restarts\\)$"
done
expect_line "$log" "^bulkhead: warning: partition dmaguest faulted again after 3 restarts: stopped$"
expect_line "$log" "^bulkhead: partition dmaguest stopped$"
reject_line "$log" "^\\[dmaguest\\] (FAIL|SKIP|DONE)"
expect_line "$log" "^\\[control\\] countdown: powering off$" "the root ran on to its end"

# The same owner under on_fault: stop: its first device fault stops it for
# good (no restart), its function is quiesced, and the root runs on.
layouts=$(scratch_dir dma-owner-stop-layout)
sed 's/^    on_fault: restart$/    on_fault: stop/' "$SRCTREE/tests/layouts/dma-owner.yaml" >"$layouts/dma-owner-stop.yaml"
grep -q '^    on_fault: stop$' "$layouts/dma-owner-stop.yaml" || fail "dma-owner.yaml no longer has the policy this test changes"
stopper=$(appliance_for dma-owner-stop "$layouts/dma-owner-stop.yaml") || exit 1
log=$stopper/serial.log
boot "$log" "$stopper/appliance.img" -- -device edu,dma_mask=0xffffffffff
stop_fault="^bulkhead: warning: fault: partition dmaguest device edu \\(00:02\\.0, stream 0x10\\) DMA write to 0x48000000 \\(SMMU translation fault, [0-9]+ accesses up to 0x4800[0-9a-f]+\\): nothing is mapped there in its guest-physical space; partition stopped$"
[ "$(grep -cE "$stop_fault" "$log")" = 1 ] || fail "not one device fault of the owner under its stop policy"
[ "$(grep -c '^bulkhead: partition dmaguest stopped$' "$log")" = 1 ] || fail "the owner was not stopped once"
reject_line "$log" "^bulkhead: partition dmaguest restarted" "a stop policy restarted the owner"
reject_line "$log" "^\\[dmaguest\\] (FAIL|SKIP|DONE)|^bulkhead: partition dmaguest powered itself off" \
	"the owner ran on after its device faulted: its stop policy did not apply"
[ "$(grep -c '^\[dmaguest\] PASS dma-own-lands$' "$log")" = 1 ] || fail "the owner ran other than once"
expect_line "$log" "^\\[control\\] countdown: powering off$" "the root ran on after the owner stopped"

# The same machine without its SMMU: the hypervisor stops before any
# partition runs, saying where it looked, rather than leave DMA unchecked.
boot "$out/absent.log" "$out/appliance.img" -- -machine iommu=none
expect_line "$out/absent.log" "^bulkhead: SMMU: probing at 0x9050000, which the board says all PCIe DMA goes through \\(QEMU: -M virt,iommu=smmuv3\\); the machine stops if it is absent$"
expect_line "$out/absent.log" "^  FAR_EL2 0x0000000009050000 " "the probe's read aborted"
reject_line "$out/absent.log" "^\\[(dmaroot|victim)\\]"
echo "DMA attacks: blocked and logged; the device's own transfer landed"
