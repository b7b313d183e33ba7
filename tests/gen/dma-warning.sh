#!/bin/bash
# Devices that master DMA no IOMMU checks (`dma: unprotected` in the board
# description) go to no partition unless the layout gives the device and
# acknowledges it under `unprotected_dma:`: then the layout compiles with
# a warning at the device (file:line:col), and a second one where its DMA
# cannot even work (memory not identity-mapped). Without the
# acknowledgment it is an error with the fix as hint; an acknowledgment
# that names a device the partition lacks, or one whose DMA is checked, is
# an error. The root's default share leaves such devices out: its device
# tree has none of them. A board without the marks asks for nothing, and
# an unknown dma kind in a board is an error.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-dma-warning)
cat >"$dir/dma.yaml" <<'YAML'
platform: qemu-virt
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  # the warnings point into the lines below
  - name: root
    root: true
    devices: [rtc, fw-cfg]
    unprotected_dma: [fw-cfg]
    cpus: [0]
  - name: disk
    cpus: [1]
    memory: [ { size: 16M } ]
    devices: [virtio3]
    unprotected_dma: [virtio3]
YAML
check() { "$BULKHEAD_SAN" check "$1" --board "$2" --cpus 4 >"$3" 2>&1; }
check "$dir/dma.yaml" "$BOARD_YAML" "$dir/out" || fail "the layout was refused: $(cat "$dir/out")"
cat "$dir/out"
# expect_line TEXT: exactly one such line.
expect_line() {
	[ "$(grep -cxF "$1" "$dir/out")" = 1 ] || fail "not exactly one line
  $1"
}
expect_line "$dir/dma.yaml:7:20: warning: device 'fw-cfg' masters DMA that no IOMMU checks: partition 'root' can read and write all physical memory through it, the hypervisor's included"
expect_line "$dir/dma.yaml:13:15: warning: device 'virtio3' masters DMA that no IOMMU checks: partition 'disk' can read and write all physical memory through it, the hypervisor's included"
expect_line "$dir/dma.yaml:14:23: warning: device 'virtio3' cannot DMA into the memory of partition 'disk': the device uses physical addresses, and the partition's guest 0x40000000 is physical 0x44000000"
[ "$(grep -c ': warning: ' "$dir/out")" = 3 ] || fail "expected 3 warnings, got $(grep -c ': warning: ' "$dir/out")"
grep -q "hint: SECURITY.md (DMA) says what this gives away; acknowledged by the partition's unprotected_dma" "$dir/out" ||
	fail "no hint"
grep -q "'rtc'" "$dir/out" && fail "rtc was warned about"
# The PCIe host's DMA goes through the SMMU (dma: smmu): it is no longer among them.
grep -q "pcie" "$dir/out" && fail "the PCIe host behind the SMMU was warned about"

# The root's device tree: fw-cfg it acknowledged, no virtio-mmio slot; the
# PCIe host, whose DMA the SMMU checks, by default.
gen_layout "$dir/dma.yaml" "$dir/gen" >"$dir/gen.out" 2>&1 || fail "gen: $(cat "$dir/gen.out")"
nodes=$(fdtget -l "$dir/gen/out/root.dtb" /)
grep -qx "fw-cfg@9020000" <<<"$nodes" || fail "the root lacks the fw-cfg it was given: $nodes"
grep -q "virtio_mmio" <<<"$nodes" && fail "the root's default share has DMA devices: $nodes"
grep -qx "pcie@10000000" <<<"$nodes" || fail "the root lacks the PCIe host behind the SMMU: $nodes"
fdtget -l "$dir/gen/out/disk.dtb" / | grep -qx "virtio_mmio@a000600" || fail "disk lacks its virtio3"

# Without the acknowledgment: refused, at the device, with the fix.
sed '/unprotected_dma: \[virtio3\]/d' "$dir/dma.yaml" >"$dir/unacknowledged.yaml"
check "$dir/unacknowledged.yaml" "$BOARD_YAML" "$dir/unacknowledged.out" && fail "an unacknowledged DMA device was accepted"
grep -qxF "$dir/unacknowledged.yaml:13:15: error: device 'virtio3' masters DMA that no IOMMU checks: partition 'disk' could read and write all physical memory through it, the hypervisor's included" \
	"$dir/unacknowledged.out" || fail "not refused at virtio3: $(cat "$dir/unacknowledged.out")"
grep -qF "hint: to give it anyway, acknowledge it: unprotected_dma: [virtio3]" "$dir/unacknowledged.out" || fail "no fix in the hint"

# The marks come from the board: without them, nothing to acknowledge.
sed 's/, dma: unprotected//' "$BOARD_YAML" >"$dir/unmarked.yaml"
sed '/unprotected_dma:/d' "$dir/dma.yaml" >"$dir/plain.yaml"
check "$dir/plain.yaml" "$dir/unmarked.yaml" "$dir/unmarked.out" || fail "refused with the unmarked board"
grep -q "warning" "$dir/unmarked.out" && fail "a warning without any DMA-capable device: $(cat "$dir/unmarked.out")"

# An unknown kind of DMA in the board description is an error, where it is.
sed 's/fw-cfg, base: 0x09020000, size: 0x18, dma: unprotected/fw-cfg, base: 0x09020000, size: 0x18, dma: maybe/' \
	"$BOARD_YAML" >"$dir/bad-board.yaml"
line=$(grep -n "dma: maybe" "$dir/bad-board.yaml" | cut -d: -f1)
column=$(awk -v line="$line" 'NR == line { print index($0, "maybe") }' "$dir/bad-board.yaml")
check "$dir/dma.yaml" "$dir/bad-board.yaml" "$dir/bad.out" && fail "a board with 'dma: maybe' was accepted"
grep -qxF "$dir/bad-board.yaml:$line:$column: error: unknown dma kind 'maybe'" "$dir/bad.out" ||
	fail "no error at the bad dma kind: $(cat "$dir/bad.out")"
# `dma: smmu` names the board's IOMMU: without one it is an unknown kind too.
grep -v '^iommu:' "$BOARD_YAML" >"$dir/no-iommu.yaml"
line=$(grep -n "name: pcie-mmio," "$dir/no-iommu.yaml" | cut -d: -f1)
column=$(awk -v line="$line" 'NR == line { print index($0, "smmu") }' "$dir/no-iommu.yaml")
check "$dir/dma.yaml" "$dir/no-iommu.yaml" "$dir/no-iommu.out" && fail "dma: smmu was accepted without an iommu"
grep -qxF "$dir/no-iommu.yaml:$line:$column: error: unknown dma kind 'smmu'" "$dir/no-iommu.out" ||
	fail "no error at dma: smmu without an iommu: $(cat "$dir/no-iommu.out")"
# The IOMMU's registers must be a reserved device, never a partition's.
sed 's/size: 0x20000, interrupts: \[106, 107, 108, 109\], reserved: true/size: 0x20000, interrupts: [106, 107, 108, 109]/' \
	"$BOARD_YAML" >"$dir/iommu-unreserved.yaml"
check "$dir/dma.yaml" "$dir/iommu-unreserved.yaml" "$dir/unreserved.out" && fail "an unreserved iommu was accepted"
grep -q "error: iommu needs the device whose registers it is" "$dir/unreserved.out" ||
	fail "no error for an unreserved iommu: $(cat "$dir/unreserved.out")"
# The interrupts the hypervisor takes for it are the IOMMU device's own.
sed 's/event-interrupt: 106/event-interrupt: 40/' "$BOARD_YAML" >"$dir/iommu-irq.yaml"
check "$dir/dma.yaml" "$dir/iommu-irq.yaml" "$dir/iommu-irq.out" && fail "an iommu interrupt of another device was accepted"
grep -q "error: event-interrupt 40 is not an interrupt of 'smmu'" "$dir/iommu-irq.out" ||
	fail "no error for a foreign iommu interrupt: $(cat "$dir/iommu-irq.out")"
echo "DMA devices: only with the acknowledgment, and then with warnings"
