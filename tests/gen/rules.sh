#!/bin/bash
# docs/compiler-rules.md lists every rule the layout compiler enforces:
# it is what tools/compiler-rules.py generates from the diag_error and
# diag_warning calls in gen/, and this fails when the committed file is
# stale. Every error has a test: a tests/gen/bad/ case whose first error
# it is, or one of the few checked here (they need a board of their own,
# bytes a YAML file rarely holds, or an option) or in the test named.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-rules-documented)
/usr/bin/python3 "$SRCTREE/tools/compiler-rules.py" "$SRCTREE" >"$dir/rules.md" || fail "compiler-rules.py failed"
diff -u "$SRCTREE/docs/compiler-rules.md" "$dir/rules.md" >"$dir/diff" ||
	fail "docs/compiler-rules.md is stale: run tools/compiler-rules.py . > docs/compiler-rules.md
$(cat "$dir/diff")"

# refused FILE MESSAGE [ARGS...]: bulkhead check refuses FILE, naming MESSAGE.
refused() {
	local file=$1 message=$2
	shift 2
	"$BULKHEAD_SAN" check "$file" --cpus 4 "$@" >"$dir/out" 2>&1 && fail "accepted: $file"
	grep -qF -- "$message" "$dir/out" || fail "refused without '$message': $(cat "$dir/out")"
}
layout() { printf 'platform: qemu-virt\nhypervisor: { memory: { base: 0x40000000, size: 64M } }\npartitions:\n%s\n' "$1"; }
root='  - { name: linux, root: true, cpus: [0] }'
layout "$root" >"$dir/plain.yaml"

# Boards of our own, each one change away from qemu-virt's.
board_with() { sed "$1" "$BOARD_YAML" >"$dir/$2.yaml"; }
board_with 's/{ name: rtc, base: 0x09010000, size: 4K, interrupts: \[34\] }/{ name: rtc, base: 0x09010000 }/' no-size
refused "$dir/plain.yaml" "error: a board device needs name, base and size" --board "$dir/no-size.yaml"
board_with 's/^hypervisor-uart: uart0/hypervisor-uart: rtc/' uart-rtc
refused "$dir/plain.yaml" "error: hypervisor-uart 'rtc' is not a UART of the board" --board "$dir/uart-rtc.yaml"
refused "$dir/plain.yaml" "error: this build's RAM size exceeds the board's maximum" --board "$BOARD_YAML" --ram-size 512G
board_with 's/iommu-map: \[0, 0, 0x10000\]/iommu-map: [0, 0]/' short-map
refused "$dir/plain.yaml" "error: bad iommu-map" --board "$dir/short-map.yaml"
board_with 's/stream-table: 256/stream-table: 100/' odd-table
refused "$dir/plain.yaml" "error: iommu needs its stream-table size" --board "$dir/odd-table.yaml"
board_with 's/pcie-ecam, base: 0x4010000000, size: 256M, dma: smmu,/pcie-ecam, base: 0x4010000000, size: 256M,/' map-no-iommu
refused "$dir/plain.yaml" "error: device 'pcie-ecam' has an iommu-map but no IOMMU" --board "$dir/map-no-iommu.yaml"
# The PCIe host: each part it needs, positioned in the board file.
board_with 's/pci-host: { ecam: pcie-ecam, /pci-host: { /' pci-no-ecam
refused "$dir/plain.yaml" "pci-no-ecam.yaml:40:11: error: pci-host needs its ecam device" --board "$dir/pci-no-ecam.yaml"
board_with 's/pci-host: { ecam: pcie-ecam,/pci-host: { ecam: pcie-cam,/' pci-unknown-ecam
refused "$dir/plain.yaml" "error: pci-host ecam 'pcie-cam' is not a device of the board" --board "$dir/pci-unknown-ecam.yaml"
board_with 's/intx: \[35, 36, 37, 38\]/intx: [35, 36, 37]/' pci-three-intx
refused "$dir/plain.yaml" "error: pci-host needs its four INTx interrupts" --board "$dir/pci-three-intx.yaml"
board_with 's/intx: \[35, 36, 37, 38\]/intx: [35, 36, 37, 20]/' pci-intx-ppi
refused "$dir/plain.yaml" "error: INTx interrupt 20 is not an SPI of the board" --board "$dir/pci-intx-ppi.yaml"
board_with 's/buses: 1 }/buses: 0 }/' pci-no-buses
refused "$dir/plain.yaml" "error: pci-host needs the number of buses it enumerates" --board "$dir/pci-no-buses.yaml"
# A device inside RAM: a region placed over it.
board_with 's/^devices:$/devices:\n  - { name: sram, base: 0x50000000, size: 64K }/' sram
layout "$root
  - { name: rt, cpus: [1], memory: [ { base: 0x50000000, size: 16M } ] }" >"$dir/over-sram.yaml"
refused "$dir/over-sram.yaml" "error: region overlaps device of sram" --board "$dir/sram.yaml"
# A second UART: one partition's console device, given to another.
board_with 's/^devices:$/devices:\n  - { name: uart1, base: 0x09040000, size: 4K, interrupts: [40], console: true }/' two-uarts
layout "$root
  - { name: rt, cpus: [1], memory: [ { size: 16M } ], console: uart1 }
  - { name: io, cpus: [2], memory: [ { size: 16M } ], devices: [uart1] }" >"$dir/uart-twice.yaml"
refused "$dir/uart-twice.yaml" "error: console 'uart1' is assigned to partition 'io'" --board "$dir/two-uarts.yaml"

# YAML a layout cannot be: too deep, or with a NUL in a scalar.
{ layout "$root"; printf 'extra: '; for _ in $(seq 40); do printf '['; done; for _ in $(seq 40); do printf ']'; done; echo; } \
	>"$dir/deep.yaml"
refused "$dir/deep.yaml" "error: nesting deeper than 32 levels" --board "$BOARD_YAML"
{ layout "$root"; printf 'note: "a\\0b"\n'; } >"$dir/nul.yaml"
refused "$dir/nul.yaml" "error: a scalar may not contain NUL characters" --board "$BOARD_YAML"

# What no bad case covers must be exactly what is checked above or in the test named.
/usr/bin/python3 "$SRCTREE/tools/compiler-rules.py" "$SRCTREE" --check-covered >"$dir/uncovered" || :
cat >"$dir/elsewhere" <<'EOF'
board.c: a board device needs name, base and size
board.c: bad iommu-map
board.c: hypervisor-uart '%s' is not a UART of the board
board.c: this build's RAM size exceeds the board's maximum
board.c: %s %llu is not an interrupt of '%s'
board.c: iommu needs the device whose registers it is
board.c: iommu needs its stream-table size
board.c: unknown dma kind '%s'
board.c: device '%s' has an iommu-map but no IOMMU
board.c: pci-host needs its %s device
board.c: pci-host %s '%s' is not a device of the board
board.c: pci-host needs its four INTx interrupts
board.c: INTx interrupt %llu is not an SPI of the board
board.c: pci-host needs the number of buses it enumerates
board.c: incomplete board description
board.c: no board description for platform '%s': tried %s
main.c: cannot read: %s
validate.c: console '%s' is assigned to partition '%s'
validate_memory.c: %s overlaps %s of %s
yaml_tree.c: nesting deeper than %d levels
yaml_tree.c: a scalar may not contain NUL characters
yaml_tree.c: unexpected YAML structure
EOF
# unknown dma kind, an iommu not reserved or with another's interrupt:
# gen-dma-warning; the board search: gen-board-search;
# cannot read: gen-cli; unexpected YAML structure: defensive, for libyaml
# events a parsed document does not produce (a stream's start and end are
# consumed before), so no input reaches it.
diff -u <(sort "$dir/elsewhere") <(sort "$dir/uncovered") >"$dir/coverage.diff" ||
	fail "an error without a test (add a tests/gen/bad/ case): $(cat "$dir/coverage.diff")"
echo "docs/compiler-rules.md lists all $(grep -c '^- ' "$dir/rules.md") rules; each error has a test"
