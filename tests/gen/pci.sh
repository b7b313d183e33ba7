#!/bin/bash
# PCIe functions given by the layout (docs/pci.md), read back from what
# bulkhead gen writes for tests/gen/pci/functions.yaml: the functions'
# slices placed naturally aligned around a fixed one, the root's part the
# largest gap left, INTx lines by slot and pin to their owner only, one
# SMMU stream per function and the rest of bus 0 the root's, the ECAM in
# no partition's map, and each device tree's host node (parsed with dtc
# and fdtget). Then the root's `pci: none`: no PCI at all.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-pci)
gen_layout "$SRCTREE/tests/gen/pci/functions.yaml" "$dir"
out=$dir/out
tables=$out/tables.c
has() { grep -qF -- "$1" "$tables" || fail "tables.c lacks: $1"; }
lacks() { ! grep -qF -- "$1" "$tables" || fail "tables.c has: $1"; }

has '{ .name = "edu", .rid = 0x10, .partition = 1, .intx_pin = 1, .intx_intid = 37,'
has '.mmio_base = 0x10000000, .mmio_size = 0x100000, .mmio64_base = 0x0, .mmio64_size = 0x0 },'
has '{ .name = "blk", .rid = 0x18, .partition = 1, .intx_pin = 2, .intx_intid = 35,'
has '.mmio_base = 0x10200000, .mmio_size = 0x200000, .mmio64_base = 0x8000000000, .mmio64_size = 0x40000000 },'
has '{ .name = "fixed", .rid = 0x20, .partition = 1, .intx_pin = 0, .intx_intid = 0,'
has '.mmio_base = 0x20000000, .mmio_size = 0x10000, .mmio64_base = 0x0, .mmio64_size = 0x0 },'
has '.root_mmio_base = 0x20010000, .root_mmio_size = 0x1efe0000,'
has '.root_mmio64_base = 0x8040000000, .root_mmio64_size = 0x7fc0000000,'
has '.intx_intids = { 35, 36, 37, 38 },'
has '.function_count = 3,'
has '.pci_host = &pci_host,'
[ "$(grep -c '\.pci_ecam_ipa = 0x4010000000,' "$tables")" = 2 ] || fail "not both partitions see config space at the ECAM"
# Each function's slices are its owner's, identity-mapped; the root has its remainder and the I/O window.
regions() { sed -n "/^static const struct layout_region regions_$1\\[\\]/,/^};/p" "$tables"; }
for slice in '.ipa = 0x10000000, .pa = 0x10000000, .size = 0x100000,' '.ipa = 0x10200000, .pa = 0x10200000, .size = 0x200000,' \
	'.ipa = 0x8000000000, .pa = 0x8000000000, .size = 0x40000000,' '.ipa = 0x20000000, .pa = 0x20000000, .size = 0x10000,'; do
	regions 1 | grep -qF -- "$slice" || fail "disk lacks its slice $slice"
	! regions 0 | grep -qF -- "$slice" || fail "the root maps disk's slice $slice"
done
regions 0 | grep -qF '.ipa = 0x20010000, .pa = 0x20010000, .size = 0x1efe0000,' || fail "the root lacks its 32-bit part"
regions 0 | grep -qF '.ipa = 0x8040000000, .pa = 0x8040000000, .size = 0x7fc0000000,' || fail "the root lacks its 64-bit part"
regions 0 | grep -qF '.ipa = 0x3eff0000, .pa = 0x3eff0000, .size = 0x10000,' || fail "the root lacks the I/O window"
! grep -q '\.pa = 0x40[1-9a-f]' "$tables" || fail "the ECAM is mapped into a partition"
# INTx: slot 2 INTA and slot 3 INTB are 37 and 35, disk's; the root keeps 36 and 38.
interrupts() { sed -n "/^static const uint16_t interrupts_$1\\[\\]/,/^};/p" "$tables" | grep -v 'never read' | grep -o '^	[0-9]*' | tr -d '\t' | xargs; }
[ "$(interrupts 1)" = "37 35" ] || fail "disk's interrupts: $(interrupts 1)"
[ "$(interrupts 0)" = "33 34 39 36 38" ] || fail "the root's interrupts (uart0, rtc, gpio, then INTx): $(interrupts 0)"
# Streams: one per function, by name; the root's are bus 0's others.
for stream in '.first = 0x10, .count = 0x1, .rid_base = 0x10, .partition = 1, .device = 44, .function = "edu"' \
	'.first = 0x18, .count = 0x1, .rid_base = 0x18, .partition = 1, .device = 44, .function = "blk"' \
	'.first = 0x20, .count = 0x1, .rid_base = 0x20, .partition = 1, .device = 44, .function = "fixed"' \
	'.first = 0x0, .count = 0x10, .rid_base = 0x0, .partition = 0, .device = 44, .function = 0' \
	'.first = 0x11, .count = 0x7, .rid_base = 0x11, .partition = 0,' '.first = 0x19, .count = 0x7, .rid_base = 0x19, .partition = 0,' \
	'.first = 0x21, .count = 0xdf, .rid_base = 0x21, .partition = 0,'; do
	has "$stream"
done
has '.stream_count = 7,'
grep -q '{ .name = "pcie-ecam", .base = 0x4010000000, .size = 0x10000000, .owner = 0,' "$tables" || fail "device 44 is not the ECAM"
sed -n '/^static const struct layout_device devices/,/^};/p' "$tables" | sed -n 46p | grep -q '"pcie-ecam"' ||
	fail "device 44 is not pcie-ecam"

# The device trees, through dtc.
for dtb in "$out"/linux.dtb "$out"/disk.dtb; do
	dtc -q -I dtb -O dts -o "${dtb%.dtb}.dts" "$dtb" || fail "dtc cannot read $dtb"
done
prop() { fdtget -t x "$out/$1.dtb" "$2" "$3" 2>/dev/null | xargs; }
expect() { [ "$(prop "$1" "$2" "$3")" = "$4" ] || fail "$1.dtb $2 $3 is '$(prop "$1" "$2" "$3")', expected '$4'"; }
grep -q 'pcie@4010000000 {' "$out/disk.dts" || fail "disk has no host node at its config space"
! grep -q 'pcie@10000000 {' "$out/disk.dts" || fail "disk has the root's host node"
[ "$(fdtget "$out/disk.dtb" /pcie@4010000000 compatible)" = pci-host-ecam-generic ] || fail "disk's host is not generic ECAM"
[ "$(fdtget "$out/disk.dtb" /pcie@4010000000 device_type)" = pci ] || fail "disk's host has no device_type pci"
expect disk /pcie@4010000000 '#address-cells' 3
expect disk /pcie@4010000000 '#size-cells' 2
expect disk /pcie@4010000000 '#interrupt-cells' 1
expect disk /pcie@4010000000 reg "40 10000000 0 100000"
expect disk /pcie@4010000000 bus-range "0 0"
expect disk /pcie@4010000000 ranges "2000000 0 10000000 0 10000000 0 100000 2000000 0 10200000 0 10200000 0 200000 3000000 80 0 80 0 0 40000000 2000000 0 20000000 0 20000000 0 10000"
gic=$(prop disk /intc@8000000 phandle)
expect disk /pcie@4010000000 interrupt-map "1000 0 0 1 $gic 0 0 0 5 4 1800 0 0 2 $gic 0 0 0 3 4"
expect disk /pcie@4010000000 interrupt-map-mask "fff800 0 0 7"
expect disk /chosen linux,pci-probe-only 1
# The root's node: QEMU's, cut to bus 0, its windows and its lines.
expect linux /pcie@10000000 compatible "$(fdtget -t x "$(board_dtb)" /pcie@10000000 compatible | xargs)"
expect linux /pcie@10000000 reg "40 10000000 0 100000"
expect linux /pcie@10000000 bus-range "0 0"
expect linux /pcie@10000000 ranges "1000000 0 0 0 3eff0000 0 10000 2000000 0 20010000 0 20010000 0 1efe0000 3000000 80 40000000 80 40000000 7f c0000000"
map=$(fdtget -t u "$out/linux.dtb" /pcie@10000000 interrupt-map) || fail "the root's host has no interrupt-map"
lines=$(awk '{ for (i = 9; i <= NF; i += 10) printf "%s ", $i }' <<<"$map" | xargs -n1 | sort -u | xargs)
[ "$lines" = "4 6" ] || fail "the root's interrupt-map raises SPIs '$lines', expected '4 6' (36 and 38)"
expect linux /chosen linux,pci-probe-only 1
for dts in "$out"/*.dts; do ! grep -Eq 'iommu-map|iommus|msi-map' "$dts" || fail "$dts refers to the SMMU or the ITS"; done

# The root's pci: none, and no functions: no PCI anywhere.
sed -e 's/^    image: { baremetal: root.bin }/&\n    pci: none/' -e '/^    pci:$/,$d' "$SRCTREE/tests/gen/pci/functions.yaml" >"$dir/none.yaml"
grep -q 'pci: none' "$dir/none.yaml" || fail "no pci: none in $dir/none.yaml"
gen_layout "$dir/none.yaml" "$dir/none"
grep -qF '.pci_host = 0,' "$dir/none/out/tables.c" || fail "a layout without PCI has a pci_host"
! grep -q '\.pci_ecam_ipa = 0x4' "$dir/none/out/tables.c" || fail "a partition without PCI has config space"
! grep -q 'PCIe INTx\|\.pa = 0x3eff0000\|\.pa = 0x10000000' "$dir/none/out/tables.c" || fail "the root without PCI keeps part of the host"
! fdtget -l "$dir/none/out/linux.dtb" / | grep -q '^pcie@' || fail "the root without PCI has a host node"
! fdtget "$dir/none/out/linux.dtb" /chosen linux,pci-probe-only 2>/dev/null || fail "probe-only without PCI"

# A host no IOMMU covers (tests/gen/boards/pci-unchecked.yaml): the root
# has it only with its acknowledgment, as a function has its partition's.
unchecked=$SRCTREE/tests/gen/boards/pci-unchecked.yaml
cat >"$dir/unchecked.yaml" <<'YAML'
platform: pci-unchecked
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  - { name: linux, root: true, cpus: [0] }
  - { name: disk, cpus: [1], memory: [ { base: 0x50000000, ipa: 0x50000000, size: 16M } ], pci: [ { name: edu, function: "00:03.0" } ], unprotected_dma: [edu] }
YAML
"$BULKHEAD_SAN" layout "$dir/unchecked.yaml" --board "$unchecked" --cpus 2 >"$dir/unchecked.out" 2>&1 ||
	fail "refused: $(cat "$dir/unchecked.out")"
grep -q "^$dir/unchecked.yaml:5:107: warning: PCI function 'edu' masters DMA that no IOMMU checks: partition 'disk' can read and write all physical memory through it, the hypervisor's included$" "$dir/unchecked.out" ||
	fail "the acknowledged function is not warned about: $(cat "$dir/unchecked.out")"
grep -q "warning: root partition 'linux' gets no PCIe host: no IOMMU checks its functions' DMA" "$dir/unchecked.out" ||
	fail "the root's loss of the host is not said"
grep -q '^  edu        00:03.0 disk       window 0x10000000+0x100000  INTx 38  (DMA no IOMMU checks: acknowledged)$' "$dir/unchecked.out" ||
	fail "the report does not show the unchecked function: $(cat "$dir/unchecked.out")"
! grep -q 'every function no other partition is given' "$dir/unchecked.out" || fail "the root has the unchecked host unacknowledged"
sed 's/{ name: linux, root: true, cpus: \[0\] }/{ name: linux, root: true, cpus: [0], unprotected_dma: [pcie-ecam] }/' "$dir/unchecked.yaml" >"$dir/taken.yaml"
"$BULKHEAD_SAN" layout "$dir/taken.yaml" --board "$unchecked" --cpus 2 >"$dir/taken.out" 2>&1 || fail "refused: $(cat "$dir/taken.out")"
grep -q "taken.yaml:4:61: warning: no IOMMU checks the DMA of the PCIe host's functions: partition 'linux' can read and write all physical memory through them" "$dir/taken.out" ||
	fail "the root's acknowledged host is not warned about: $(cat "$dir/taken.out")"
grep -q '^  linux      every function no other partition is given; windows 0x10100000+0x2eef0000' "$dir/taken.out" ||
	fail "the acknowledging root lacks the host: $(cat "$dir/taken.out")"
# Untranslated, a function cannot work where guest addresses are not physical ones: said.
sed 's/{ base: 0x50000000, ipa: 0x50000000, size: 16M }/{ base: 0x50000000, ipa: 0x40000000, size: 16M }/' "$dir/unchecked.yaml" >"$dir/moved.yaml"
"$BULKHEAD_SAN" check "$dir/moved.yaml" --board "$unchecked" --cpus 2 >"$dir/moved.out" 2>&1 || fail "refused: $(cat "$dir/moved.out")"
grep -q "warning: PCI function 'edu' cannot DMA into the memory of partition 'disk': no IOMMU translates its addresses, and the partition's guest 0x40000000 is physical 0x50000000$" "$dir/moved.out" ||
	fail "the untranslated function in translated memory is not warned about: $(cat "$dir/moved.out")"
! grep -q "cannot DMA into" "$dir/unchecked.out" || fail "identity-mapped memory was warned about"
echo "PCIe functions: slices, streams, INTx lines and host nodes as placed"
