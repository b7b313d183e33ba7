#!/bin/bash
# Benchmark, not a test: instructions from reset to /init of the same
# Debian kernel and initramfs, on one CPU of QEMU's virt board under
# -icount shift=0: as Bulkhead's root partition (tests/layouts/
# bench-linux.yaml; signed and measured, and with both configured out), as
# Xen 4.17's dom0, and with no hypervisor. /init runs
# tools/target/bootcount first, which prints the virtual counter.
# Bulkhead and the native boot leave the virtual counter at the physical
# one; Xen starts dom0's at the physical count when it creates dom0, and
# stamps the physical count (console_timestamps=raw) on the line it prints
# just after, "*** LOADING DOMAIN 0 ***": its figure is high by less than
# the gap from the line before (some 100,000 instructions, 0.01 %).
# Prints rows of the report's table.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xen.sh"

out=$(bench_appliance linux-boot "$srctree/tests/layouts/bench-linux.yaml" NR_CPUS=1)
unchecked=$(bench_appliance linux-boot-unchecked "$srctree/tests/layouts/bench-linux.yaml" NR_CPUS=1 \
	SIGNED_IMAGES=n MEASURED_BOOT=n)
linux=$out/linux
append="bulkhead.test=1"

for appliance in "$out" "$unchecked"; do
	run_until "$appliance/bulkhead.log" "$REACHED_INIT" 300 "$srctree/tools/qemu-run.sh" --icount --cpus 1 \
		--cpu "$BENCH_CPU" "$appliance/appliance.img" -- "${BENCH_RTC[@]}"
done

native_machine=(-M virt,gic-version=3 -cpu "$BENCH_CPU" -smp 1 -m 512)
seedless_dtb "$out/native.dtb" "" "${native_machine[@]}"
run_until "$out/native.log" "$REACHED_INIT" 300 qemu-system-aarch64 "${native_machine[@]}" -nographic \
	-no-reboot -icount shift=0,sleep=off "${BENCH_RTC[@]}" -dtb "$out/native.dtb" -kernel "$linux/Image" \
	-initrd "$linux/initramfs.cpio.gz" -append "console=ttyAMA0 $append"

xen_dtb "$out/xen.dtb" "$(printf '\t\txen,xen-bootargs = "%s dom0_mem=512M console_timestamps=raw";\n%s\n%s\n%s' \
	"$XEN_ARGS" "xen,dom0-bootargs = \"console=hvc0 $append\";" \
	"$(xen_module kernel "$linux/Image" 0)" "$(xen_module ramdisk "$linux/initramfs.cpio.gz" 1)")"
# shellcheck disable=SC2046
xen_run "$out/xen.log" "$REACHED_INIT" "$out/xen.dtb" $(xen_loader "$linux/Image" 0) \
	$(xen_loader "$linux/initramfs.cpio.gz" 1)

bulkhead=$(bootcount "$out/bulkhead.log")
bulkhead_unchecked=$(bootcount "$unchecked/bulkhead.log")
native=$(bootcount "$out/native.log")
dom0=$(bootcount "$out/xen.log")
dom0_created=$(sed -n 's/^(XEN) \[\([0-9a-f]*\)\] \*\*\* LOADING DOMAIN 0 \*\*\*$/\1/p' "$out/xen.log")
for figure in bulkhead bulkhead_unchecked native dom0 dom0_created; do
	[ -n "${!figure}" ] || { echo "linux-boot: no $figure figure (logs in $out, $unchecked)" >&2; exit 1; }
done
xen=$((dom0 + 16#$dom0_created))
table_row "reset to the root Linux's /init (Debian 6.1, 1 CPU; Xen: dom0; Bulkhead: image signature checked, measured)" \
	"$bulkhead" "$xen" "$native"
table_row "the same (Bulkhead: SIGNED_IMAGES=n, MEASURED_BOOT=n)" "$bulkhead_unchecked" "$xen" "$native"
