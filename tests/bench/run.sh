#!/bin/bash
# run.sh (make bench): every benchmark, in one run, into one report —
# build/bench/report.md, also printed. The bench guest and the Linux root
# under Bulkhead, under Xen 4.17 and with no hypervisor, side by side; the
# vCPU switch; the cost of the boot image checks; the root Linux's boot
# and disk reads with the SMMU on and off; the hypervisor's
# footprint and source lines. Every figure is measured by this run, on
# QEMU's virt board under -icount shift=0 (one instruction per
# nanosecond, the counter at 1 GHz): instruction counts, which repeat
# exactly from run to run, but for the root's disk reads (they wait on
# QEMU's host threads). docs/performance.md says what they mean.
set -eu
bench=$(cd "$(dirname "$0")" && pwd)
srctree=$(cd "$bench/../.." && pwd)
build=${BUILD:-$srctree/build}
export BUILD=$build
report=$build/bench/report.md
started=$(date +%s)
mkdir -p "$build/bench"

revision=$(git -C "$srctree" describe --always --dirty 2>/dev/null || echo unknown)
{
	echo "# Bulkhead benchmarks"
	echo
	echo "\`make bench\` at $revision, $(qemu-system-aarch64 --version | head -n 1), machine virt" \
		"(GICv3, cortex-a57, counter at 1 GHz), -icount shift=0: figures are instructions."
	echo
	echo "| instructions | Bulkhead | Xen 4.17 | native | Bulkhead / Xen |"
	echo "|---|---|---|---|---|"
	"$bench/guest.sh"
	"$bench/linux-boot.sh"
	"$bench/vcpu-switch.sh"
	echo
	"$bench/boot-verify.sh"
	echo
	"$bench/root-disk.sh"
	echo
	"$bench/footprint.sh"
	echo
	"$bench/source-lines.sh"
} >"$report.tmp"
mv "$report.tmp" "$report"
cat "$report"
echo
echo "make bench: $(($(date +%s) - started)) s; the report is $report"
