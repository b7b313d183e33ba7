#!/bin/bash
# Benchmark, not a test: what verifying and measuring the boot image costs,
# for the demo appliance (configs/qemu-virt-linux-baremetal.yaml: the
# Debian kernel and initramfs as root, a bare-metal partition beside it),
# under -icount shift=0 so that every figure is an instruction count:
#   - the hypervisor's own count of its check (it reads the counter before
#     and after, and logs the difference in ns: instructions here);
#   - instructions from reset to the root's /init, with signature and
#     digest checks (the default) and with both configured out.
# Prints a Markdown table.
. "$(dirname "$0")/lib.sh"
demo=$srctree/configs/qemu-virt-linux-baremetal.yaml

# run_to_init IMAGE LOG: boots under -icount until the root's /init reports.
# The counter stays at QEMU's 62.5 MHz here: this boot spreads over four
# CPUs, whose interleaving under -icount follows the timers, and the
# figures below were established (docs/image-format.md) at that rate.
run_to_init() {
	run_until "$2" "$REACHED_INIT" 600 "$srctree/tools/qemu-run.sh" --icount --cpus 4 "$1"
}

verified=$(bench_appliance boot-verified "$demo")
unverified=$(bench_appliance boot-unverified "$demo" SIGNED_IMAGES=n MEASURED_BOOT=n)
run_to_init "$verified/appliance.img" "$verified/serial.log"
run_to_init "$unverified/appliance.img" "$unverified/serial.log"

check_ns=$(sed -n 's/^bulkhead: boot image: checked and measured in \([0-9]*\) ns$/\1/p' "$verified/serial.log")
structure_ns=$(sed -n 's/^bulkhead: boot image: checked in \([0-9]*\) ns$/\1/p' "$unverified/serial.log")
with=$(bootcount "$verified/serial.log")
without=$(bootcount "$unverified/serial.log")
image_bytes=$(stat -c %s "$verified/appliance.img")
for figure in check_ns structure_ns with without; do
	[ -n "${!figure}" ] && [ "${!figure}" -gt 0 ] ||
		{ echo "boot-verify: no $figure figure (logs in $verified, $unverified)" >&2; exit 1; }
done
echo "| demo image ($image_bytes bytes), -icount shift=0 | instructions |"
echo "|---|---|"
echo "| signature, digests and measurement, as the hypervisor counts them | $check_ns |"
echo "| structure only (SIGNED_IMAGES=n, MEASURED_BOOT=n) | $structure_ns |"
echo "| reset to the root's /init, verified and measured | $with |"
echo "| reset to the root's /init, structure only | $without |"
awk -v a="$with" -v b="$without" 'BEGIN { printf "| boot cost of verification and measurement | %d (%.2f%%) |\n", a - b, 100 * (a - b) / b }'
