#!/bin/bash
# example-dtbs.sh NAME: configs/NAME.yaml compiles, and each partition's
# device tree, read back with fdtget, holds exactly that partition's CPUs,
# memory and devices (the root: every device not given away).
. "$SRCTREE/tests/gen/lib.sh"

name=$1
dir=$(scratch_dir "gen-dtb-$name")
gen_layout "$SRCTREE/configs/$name.yaml" "$dir"
out=$dir/out

cpus() { fdtget -l "$out/$1.dtb" /cpus | grep -c '^cpu@'; }
has_node() { fdtget -l "$out/$1.dtb" / | grep -qx "$2"; }
expect_node() { has_node "$1" "$2" || fail "$1.dtb lacks $2"; }
expect_no_node() { ! has_node "$1" "$2" || fail "$1.dtb has $2, which is not its own"; }
expect_memory() {
	local reg
	reg=$(fdtget -t x "$out/$1.dtb" "/memory@$2" reg) || fail "$1.dtb has no /memory@$2"
	[ "$reg" = "$3" ] || fail "$1.dtb /memory@$2 reg is '$reg', expected '$3'"
}
expect_cpus() { [ "$(cpus "$1")" = "$2" ] || fail "$1.dtb has $(cpus "$1") CPUs, expected $2"; }

[ -s "$out/tables.c" ] || fail "no tables.c"
for dtb in "$out"/*.dtb; do fdtdump "$dtb" >/dev/null 2>&1 || fail "$dtb is not a valid device tree"; done
# The SMMU is the hypervisor's: in no partition's tree, named by no node
# (the PCIe host keeps its node, without iommu-map), in no partition's map.
fdtget -l "$(board_dtb)" / | grep -qx smmuv3@9050000 || fail "QEMU's tree has no SMMU: iommu=smmuv3 missing"
for dtb in "$out"/*.dtb; do
	! fdtget -l "$dtb" / | grep -qx smmuv3@9050000 || fail "$dtb shows the SMMU"
	! fdtdump "$dtb" 2>/dev/null | grep -Eq 'iommu-map|iommus' || fail "$dtb still refers to the SMMU"
done
grep -q '\.name = "smmu", \.base = 0x9050000, \.size = 0x20000, \.owner = -1,' "$out/tables.c" ||
	fail "the SMMU is given to a partition"
! grep -q '\.pa = 0x905' "$out/tables.c" || fail "the SMMU's registers are mapped into a partition"

case $name in
qemu-virt-linux-baremetal)
	expect_cpus linux 2
	expect_cpus rt 1
	expect_memory rt 40000000 "0 40000000 0 1000000"
	expect_node linux pcie@10000000		# behind the SMMU, which it does not see
	# Its emulated config space: bus 0's 1 MiB at the ECAM; BARs kept as placed.
	[ "$(fdtget -t x "$out/linux.dtb" /pcie@10000000 reg)" = "40 10000000 0 100000" ] ||
		fail "linux's PCIe host reg: $(fdtget -t x "$out/linux.dtb" /pcie@10000000 reg)"
	[ "$(fdtget "$out/linux.dtb" /chosen linux,pci-probe-only)" = 1 ] || fail "linux may move its BARs"
	! fdtget "$out/rt.dtb" /chosen linux,pci-probe-only 2>/dev/null || fail "rt, without PCI, has probe-only"
	expect_no_node rt pcie@10000000
	expect_no_node rt pcie@4010000000
	expect_node linux pl031@9010000
	# Devices that master DMA no IOMMU checks go nowhere by default.
	expect_no_node linux virtio_mmio@a000000
	expect_no_node linux fw-cfg@9020000
	expect_no_node rt pl031@9010000
	expect_no_node rt virtio_mmio@a000000
	expect_node rt pl011@9000000		# its emulated console
	# gpio-keys names the PL061 in its gpios: it goes where the PL061 goes.
	expect_node linux pl061@9030000
	expect_node linux gpio-keys
	expect_no_node rt gpio-keys
	[ "$(fdtget "$out/linux.dtb" /chosen bootargs)" = "console=ttyAMA0 quiet bulkhead.hidden=sve,pmu,el2" ] ||
		fail "linux bootargs: $(fdtget "$out/linux.dtb" /chosen bootargs)"
	fdtget "$out/linux.dtb" /chosen linux,initrd-start >/dev/null || fail "linux has no initrd in /chosen"
	grep -q '^kernel,0,' "$out/components.txt" && grep -q '^initrd,0,' "$out/components.txt" &&
		grep -q '^dtb,1,' "$out/components.txt" || fail "components.txt misses an image"
	;;
qemu-virt-appliance)
	expect_cpus linux 1
	expect_node controller pl031@9010000
	expect_no_node linux pl031@9010000
	for p in linux controller logger monitor; do
		expect_no_node $p virtio_mmio@a000000
		expect_no_node $p virtio_mmio@a003e00
		expect_no_node $p fw-cfg@9020000
	done
	expect_node linux pl061@9030000
	expect_memory monitor 40000000 "0 40000000 0 1000000"
	grep -q 'LAYOUT_REGION_CHANNEL },	/\* telemetry \*/' "$out/tables.c" || fail "no telemetry channel in the tables"
	;;
qemu-virt-linux-pair)
	expect_cpus linux 2
	expect_cpus guest 1
	# Not identity-mapped: the guest's RAM is at 0x40000000 in its own view.
	expect_memory guest 40000000 "0 40000000 0 10000000"
	grep -q '\.ipa = 0x40000000, \.pa = 0x40000000' "$out/tables.c" && fail "guest's RAM is identity-mapped over the hypervisor"
	# Its own host node: bus 0 of its emulated config space, its 1 MiB
	# slice, and slot 3's INTA only (SPI 6, INTID 38).
	expect_node guest pcie@4010000000
	[ "$(fdtget "$out/guest.dtb" /pcie@4010000000 compatible)" = pci-host-ecam-generic ] || fail "guest's host is not generic ECAM"
	[ "$(fdtget -t x "$out/guest.dtb" /pcie@4010000000 reg)" = "40 10000000 0 100000" ] ||
		fail "guest's PCIe host reg: $(fdtget -t x "$out/guest.dtb" /pcie@4010000000 reg)"
	[ "$(fdtget -t x "$out/guest.dtb" /pcie@4010000000 ranges)" = "2000000 0 10000000 0 10000000 0 100000" ] ||
		fail "guest's PCIe ranges: $(fdtget -t x "$out/guest.dtb" /pcie@4010000000 ranges)"
	[ "$(fdtget -t x "$out/guest.dtb" /pcie@4010000000 interrupt-map | awk '{print $1, $4, $6, $9}')" = "1800 1 0 6" ] ||
		fail "guest's interrupt-map: $(fdtget -t x "$out/guest.dtb" /pcie@4010000000 interrupt-map)"
	[ "$(fdtget "$out/guest.dtb" /chosen linux,pci-probe-only)" = 1 ] || fail "guest may move its BARs"
	# The root's host no longer covers the guest's slice.
	fdtget -t x "$out/linux.dtb" /pcie@10000000 ranges | grep -q ' 10000000 0 10000000 ' &&
		fail "linux's PCIe ranges still hold the guest's slice"
	expect_no_node guest pl031@9010000
	fdtget "$out/guest.dtb" /chosen linux,initrd-start >/dev/null || fail "guest has no initrd in /chosen"
	;;
qemu-virt-shared-cpu|qemu-virt-baremetal)
	for p in $(sed -n 's/^  - name: //p' "$SRCTREE/configs/$name.yaml"); do expect_cpus "$p" 1; done
	;;
*)
	fail "no expectations for $name"
	;;
esac
