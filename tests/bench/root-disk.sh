#!/bin/bash
# Benchmark, not a test: the root Linux with its disk on PCIe, with the
# SMMU translating the disk's DMA and without an SMMU at all, on one CPU
# of QEMU's virt board under -icount shift=0 (tests/layouts/
# bench-linux-disk.yaml): instructions from reset to /init (its first
# line, tools/target/bootcount), and the time /init takes to read 16 MiB
# from its virtio-blk-pci disk with O_DIRECT (tests/linux/init,
# bulkhead.bench-disk=16), in virtual time, as MiB/s.
# "Off" is a bench-only comparison: a copy of the board without its
# `iommu:` (the PCIe host then `dma: unprotected`), a copy of the layout
# acknowledging that (unprotected_dma), QEMU with iommu=none. Nothing
# outside the benchmark boots that way.
# The disk is QEMU's null-co driver reading zeros: no host file I/O. A
# request still completes in QEMU's main loop, on host time; if the guest
# went idle first, -icount's sleep=off moves virtual time on to its next
# timer meanwhile: the read's figures follow the host's speed and load,
# and vary from run to run. QEMU's SMMU model (its software table walk and
# IOTLB) costs host time, so with it on more requests tend to complete
# after the guest idled: the ratio is QEMU's cost, not the hypervisor's
# (docs/performance.md).
# Prints a Markdown table.
. "$(dirname "$0")/lib.sh"

layout=$srctree/tests/layouts/bench-linux-disk.yaml
variant=$build/bench/root-disk-variant
mkdir -p "$variant"
# The board and layout without the SMMU, made here so that they cannot
# drift from the ones they copy; each edit must have happened.
sed -e '/^iommu:/d' -e 's/dma: smmu\b/dma: unprotected/' -e 's/, iommu-map: \[[^]]*\]//' "$srctree/platform/qemu-virt/board.yaml" \
	>"$variant/board.yaml"
ecam=$(sed -n 's/^pci-host: {.*ecam: \([a-z0-9-]*\).*/\1/p' "$variant/board.yaml")
[ -n "$ecam" ] && ! grep -v '^ *#' "$variant/board.yaml" | grep -q '^iommu:\|dma: smmu\|iommu-map' ||
	{ echo "root-disk: could not derive a board without the SMMU from platform/qemu-virt/board.yaml" >&2; exit 1; }
# The root has a host no IOMMU covers only when it says so (docs/pci.md).
sed "s/^    root: true$/&\n    unprotected_dma: [$ecam]/" "$layout" >"$variant/layout.yaml"
grep -q "unprotected_dma: \[$ecam\]" "$variant/layout.yaml" ||
	{ echo "root-disk: could not derive the unprotected layout from $layout" >&2; exit 1; }

# Without the image checks: an ECDSA check's cost follows the bytes it
# checks (some ten thousand instructions from one image to another), more
# than what the SMMU adds to the boot.
options=(NR_CPUS=1 SIGNED_IMAGES=n MEASURED_BOOT=n)
on=$(bench_appliance root-disk-smmu "$layout" "${options[@]}")
BENCH_MAKE_VARS=(BOARD_FILE="$variant/board.yaml" QEMU_MACHINE=virt,virtualization=on,gic-version=3,iommu=none)
off=$(bench_appliance root-disk-no-smmu "$variant/layout.yaml" "${options[@]}")
unset BENCH_MAKE_VARS

READ_DONE='^init: disk vda: read [0-9]+ MiB|^init: test run complete'
disk=(-drive if=none,driver=null-co,read-zeroes=on,size=64M,id=bench -device virtio-blk-pci,drive=bench)
run_until "$on/serial.log" "$READ_DONE" 300 "$srctree/tools/qemu-run.sh" --icount --cpus 1 --cpu "$BENCH_CPU" \
	"$on/appliance.img" -- "${BENCH_RTC[@]}" "${disk[@]}"
run_until "$off/serial.log" "$READ_DONE" 300 "$srctree/tools/qemu-run.sh" --icount --cpus 1 --cpu "$BENCH_CPU" \
	"$off/appliance.img" -- "${BENCH_RTC[@]}" "${disk[@]}" -machine iommu=none

read_ns() { sed -n 's/^init: disk vda: read 16 MiB (O_DIRECT) in \([0-9]*\) ns$/\1/p' "$1"; }
boot_on=$(bootcount "$on/serial.log") boot_off=$(bootcount "$off/serial.log")
read_on=$(read_ns "$on/serial.log") read_off=$(read_ns "$off/serial.log")
for figure in boot_on boot_off read_on read_off; do
	[ -n "${!figure}" ] && [ "${!figure}" -gt 0 ] ||
		{ echo "root-disk: no $figure figure (logs in $on, $off)" >&2; exit 1; }
done
grep -q '^bulkhead: SMMU enabled' "$on/serial.log" && ! grep -q '^bulkhead: SMMU' "$off/serial.log" ||
	{ echo "root-disk: the SMMU is not on in $on and off in $off" >&2; exit 1; }
row() { awk -v t="$1" -v a="$2" -v b="$3" 'BEGIN { printf "| %s | %s | %s | %.2f |\n", t, a, b, a / b }'; }
mibs() { awk -v ns="$1" 'BEGIN { printf "%.1f", 16 / (ns / 1e9) }'; }
echo "| root Linux, its disk a virtio-blk-pci device (1 CPU; SIGNED_IMAGES=n, MEASURED_BOOT=n), -icount shift=0 | SMMU on | SMMU off (bench only) | on / off |"
echo "|---|---|---|---|"
row "reset to /init, instructions" "$boot_on" "$boot_off"
row "16 MiB read from the disk (O_DIRECT, 1 MiB blocks), virtual ns, waits included" "$read_on" "$read_off"
row "the same read, MiB/s of virtual time" "$(mibs "$read_on")" "$(mibs "$read_off")"
