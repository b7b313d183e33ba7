#!/bin/bash
# The layout picture (bulkhead layout --svg) shows what a reviewer checks,
# exactly: tests/gen/check_svg.py reads it back against the layout, the
# board, the text report and the compiler's warnings, for every example
# layout and for one with a schedule (idle gaps, an urgent vCPU), a
# channel and a DMA device in a partition that is not identity-mapped, and
# for tests/gen/pci/functions.yaml (each PCIe function drawn with its
# bus:dev.fn and window).
# It is byte-identical from run to run and from folder to folder, and it
# renders with librsvg (rsvg-convert) at the size it declares.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-svg)
command -v rsvg-convert >/dev/null || fail "rsvg-convert is missing: run tools/setup-deps.sh (librsvg2-bin)"
cat >"$dir/review.yaml" <<'YAML'
platform: qemu-virt
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  - { name: root, root: true, cpus: [0], memory: [ { size: 128M } ] }
  - name: disk
    cpus: [1]
    memory:
      - { size: 16M, access: rw }
    devices: [virtio3, rtc]
    unprotected_dma: [virtio3]
    features: { hide: [sve, pmu] }
  - { name: fast, vcpus: [ { schedule: 2, urgent: true } ], memory: [ { size: 8M } ] }
  - { name: slow, vcpus: [ { schedule: 2 } ], memory: [ { size: 8M } ] }
schedules:
  - major_frame: 10ms
    cpu: 2
    urgent_budget: 500us
    windows:
      - { partition: fast, start: 1ms, duration: 3ms }
      - { partition: slow, start: 5ms, duration: 4ms }
channels:
  - name: blocks
    size: 64K
    endpoints:
      - { partition: disk, access: rw, doorbell: 100 }
      - { partition: root, access: r, doorbell: 101 }
  - name: replies
    size: 4K
    endpoints:
      - { partition: root, access: rw }
      - { partition: disk, access: rw, doorbell: 102 }
YAML

# picture LAYOUT CPUS NAME [PARTITION=TEXT...]: draw it twice, check it, render it.
picture() {
	local layout=$1 cpus=$2 name=$3
	shift 3
	"$BULKHEAD_SAN" layout "$layout" --board "$BOARD_YAML" --cpus "$cpus" --svg "$dir/$name.svg" \
		>"$dir/$name.txt" 2>"$dir/$name.err" || fail "layout $name: $(cat "$dir/$name.err")"
	mkdir -p "$dir/elsewhere"
	cp "$layout" "$dir/elsewhere/$(basename "$layout")"
	(cd "$dir/elsewhere" && "$BULKHEAD_SAN" layout "$(basename "$layout")" --board "$BOARD_YAML" --cpus "$cpus" \
		--svg "$dir/$name.again.svg" >/dev/null 2>&1) || fail "layout $name from another folder"
	cmp "$dir/$name.svg" "$dir/$name.again.svg" || fail "the picture of $name differs between two runs"
	/usr/bin/python3 "$SRCTREE/tests/gen/check_svg.py" "$dir/$name.svg" "$layout" "$BOARD_YAML" "$dir/$name.txt" \
		"$dir/$name.err" "$cpus" "$@" || fail "the picture of $name is wrong"
	rsvg-convert -o "$dir/$name.png" "$dir/$name.svg" 2>"$dir/$name.rsvg" || fail "rsvg-convert: $(cat "$dir/$name.rsvg")"
	/usr/bin/python3 - "$dir/$name.svg" "$dir/$name.png" <<'PY' || fail "the rendering of $name"
import struct, sys, xml.etree.ElementTree as ET
svg = ET.parse(sys.argv[1]).getroot()
png = open(sys.argv[2], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", png[16:24])
assert (width, height) == (int(svg.get("width")), int(svg.get("height"))), (width, height)
PY
}

picture "$dir/review.yaml" 4 review "disk=cannot DMA into the memory of partition 'disk'" \
	"disk=device 'virtio3' masters DMA" "fast=shares a CPU"
picture "$SRCTREE/tests/gen/pci/functions.yaml" 4 pci
for layout in "$SRCTREE"/configs/*.yaml; do
	name=$(basename "$layout" .yaml)
	picture "$layout" 8 "$name"
done
