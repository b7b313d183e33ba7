#!/bin/bash
# Benchmark, not a test: instructions from reset to the root partition's
# /init, under Bulkhead and for the same kernel and initramfs booted
# without any hypervisor, both on QEMU with -icount shift=0 (one
# instruction per nanosecond of guest time, so the figures are counts and
# repeat exactly). Prints a Markdown table.
. "$(dirname "$0")/lib.sh"
work=$(bench_appliance linux-boot "$srctree/tests/layouts/linux-root.yaml")

count() { sed -n 's/^bootcount: .* = \([0-9]*\) ns since reset.*/\1/p' "$1" | tr -d '\r' | head -n 1; }

timeout 600 "$srctree/tools/qemu-run.sh" --icount --cpus 4 "$work/appliance.img" </dev/null \
	>"$work/bulkhead.log" 2>&1 || true
timeout 600 qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a57 -smp 2 -m 512 -nographic -no-reboot \
	-icount shift=0,sleep=off -kernel "$work/linux/Image" -initrd "$work/linux/initramfs.cpio.gz" \
	-append "console=ttyAMA0 bulkhead.test=1" </dev/null >"$work/native.log" 2>&1 || true

bulkhead=$(count "$work/bulkhead.log")
native=$(count "$work/native.log")
[ -n "$bulkhead" ] && [ -n "$native" ] && [ "$native" -gt 0 ] ||
	{ echo "linux-boot: a run did not reach /init (logs in $work)" >&2; exit 1; }
echo "| boot to the root's /init (Debian 6.1, 2 vCPUs) | instructions |"
echo "|---|---|"
echo "| native, no hypervisor | $native |"
echo "| as Bulkhead's root partition | $bulkhead |"
awk -v b="$bulkhead" -v n="$native" 'BEGIN { printf "| ratio Bulkhead / native | %.3f |\n", b / n }'
