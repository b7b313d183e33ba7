#!/bin/bash
# Benchmark, not a test: how much memory the hypervisor itself takes, for
# the bench guest's build (tests/layouts/bench.yaml, the default
# configuration on one CPU): text, data and bss of bulkhead.elf, and the
# memory its layout reserves for it; for Xen, the Image header's
# image_size (Debian ships no ELF: no split into sections). Needs
# tests/bench/guest.sh to have built build/bench/bench. Prints a table.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xen.sh"

out=$build/bench/bench
[ -f "$out/bulkhead.elf" ] || { echo "footprint: no $out/bulkhead.elf (run tests/bench/guest.sh)" >&2; exit 1; }
read -r text data bss _ < <(aarch64-linux-gnu-size "$out/bulkhead.elf" | sed -n 2p)
reserved=$(sed -n 's/.*\.hypervisor_size = \(0x[0-9a-f]*\).*/\1/p' "$out/gen/tables.c")
xen=$(xen_image)
# The arm64 Image header: image_size, little-endian, at byte 16.
xen_size=$(od -An -t u8 -j 16 -N 8 "$xen" | tr -d ' ')
for figure in text data bss reserved xen_size; do
	[ -n "${!figure}" ] && [ "$((${!figure}))" -gt 0 ] || { echo "footprint: no $figure figure" >&2; exit 1; }
done
echo "| hypervisor footprint | Bulkhead | Xen 4.17 |"
echo "|---|---|---|"
echo "| text, bytes | $text | - |"
echo "| data, bytes | $data | - |"
echo "| bss, bytes | $bss | - |"
echo "| in memory once loaded (text + data + bss; Xen: its Image's image_size), bytes | $((text + data + bss)) | $xen_size |"
echo "| memory reserved for the hypervisor by the layout, bytes | $((reserved)) | - |"
