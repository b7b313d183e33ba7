#!/bin/bash
# pair.sh: the example of two Linux systems side by side
# (configs/qemu-virt-linux-pair.yaml, the root told to wait for the
# partition, print its console ring and power off). The partition boots Debian's stock kernel, not identity-mapped,
# lists only its own PCIe function, reads the marker the host put on its
# virtio-blk-pci disk and writes one back (found in the image after QEMU
# exits: its DMA, translated by the SMMU, reached its own memory and the
# disk), and cannot move its BAR; the root lists none of its functions.
. "$SRCTREE/tests/lib/common.sh"

layouts=$(scratch_dir linux-pair-layout)
sed -e 's|cmdline: "console=ttyAMA0 quiet"|cmdline: "console=ttyAMA0 bulkhead.test=1 bulkhead.await=guest"|' \
	"$SRCTREE/configs/qemu-virt-linux-pair.yaml" >"$layouts/linux-pair.yaml"
grep -q "bulkhead.await=guest" "$layouts/linux-pair.yaml" ||
	fail "the example layout no longer has the lines this test adapts"
out=$(appliance_for linux-pair "$layouts/linux-pair.yaml") || exit 1
root_disk=$out/root.img guest_disk=$out/guest.img
for d in "$root_disk" "$guest_disk"; do head -c 1048576 /dev/zero >"$d"; done
printf 'bulkhead root disk marker 5' | dd of="$root_disk" conv=notrunc status=none
printf 'bulkhead guest disk marker 7' | dd of="$guest_disk" conv=notrunc status=none
# The first disk is 00:02.0, the root's; the second 00:03.0, the partition's.
boot "$out/serial.log" "$out/appliance.img" --disk "$root_disk" --disk "$guest_disk"
log=$out/serial.log

expect_line "$log" "^\\[guest\\] .*Booting Linux on physical CPU 0x0000000000 " "the partition's Linux starts"
expect_line "$log" "^\\[guest\\] init: reached /init of partition guest$"
expect_line "$log" "^\\[guest\\] .*CPU: All CPU\\(s\\) started at EL1" "the partition does not see EL2"
expect_line "$log" "^\\[guest\\] init: kernel [^ ]*-arm64, /dev/kvm absent$"
expect_line "$log" "^\\[guest\\] init: pci 0000:00:03.0 0x1af4:0x1042 class 0x010000$" "the partition sees its disk"
[ "$(grep -c '^\[guest\] init: pci ' "$log")" -eq 1 ] || fail "the partition sees PCI functions not its own"
expect_line "$log" "^\\[guest\\] init: iommu groups 0$" "no IOMMU is visible to the partition"
expect_line "$log" "^\\[guest\\] init: disk vda on pci0000:00/0000:00:03.0$"
expect_line "$log" "^\\[guest\\] init: disk vda says 'bulkhead guest disk marker 7'$" "the partition reads its own disk"
expect_line "$log" "^\\[guest\\] init: disk vda written$"
bar=$(sed -n 's/^\[guest\] init: BAR1 of 0000:00:03.0 \([0-9a-f]*\), after a move to 0x80000000: \([0-9a-f]*\)$/\1 \2/p' "$log")
[ -n "$bar" ] || fail "the partition did not try to move its BAR"
set -- $bar
[ "$1" = "$2" ] || fail "the partition moved its BAR 1 from $1 to $2"
expect_line "$log" "^bulkhead: warning: pci: partition guest wrote 0x80000000 \\(4 bytes\\) at config offset 0x14 of guest-disk \\(00:03.0\\): dropped" \
	"the BAR move is refused by name"
expect_line "$log" "^bulkhead: SMMU: stream 0x18 \\(guest-disk, 00:03.0\\) sees partition guest's memory$"
expect_line "$log" "^init: partition guest done$" "the root saw the partition finish"
expect_line "$log" "^init: pci 0000:00:02.0 0x1af4:0x1042 class 0x010000$" "the root sees its own disk"
expect_line "$log" "^init: disk vda says 'bulkhead root disk marker 5'" "the root reads its own disk"
reject_line "$log" "^init: pci 0000:00:03.0" "the root lists the partition's function"
expect_line "$log" "^bulkhead: root partition linux powered off: stopping the machine$"
reject_line "$log" "fault: partition|Kernel panic|Internal error|Oops"
dd if="$guest_disk" bs=512 skip=1 count=1 status=none | grep -aq '^written by partition guest' ||
	fail "the partition's write is not in its disk image"
