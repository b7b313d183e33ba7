#!/bin/bash
# bench-guest.sh [LAYOUT]: one pass of the bench guest (tests/guests/bench)
# under Bulkhead, as `make bench` runs it, with the guest's own sanity
# checks asserted: every figure measured and non-zero, the kernels'
# checksums stable. Keeps the benchmark from rotting between runs of
# `make bench`. LAYOUT: tests/layouts/LAYOUT.yaml, bench (WFI native) by
# default; bench-wfi-trap also checks that its WFI trapped: the time its
# vCPU waited in the hypervisor is in the accounting at power-off.
. "$SRCTREE/tests/lib/common.sh"

layout=${1:-bench}
out=$(appliance_for "$layout-guest" "$SRCTREE/tests/layouts/$layout.yaml" NR_CPUS=1) || exit 1
# The machine of make bench: -icount, the counter at 1 GHz.
boot "$out/serial.log" "$out/appliance.img" --cpus 1 --icount --cpu cortex-a57,cntfrq=1000000000
log=$out/serial.log

expect_line "$log" '^\[bench\] BENCH hypervisor bulkhead$' "the guest saw Bulkhead"
for figure in entry hypercall id-register mmio-read timer-irq timer-irq-wfi compute memory; do
	expect_line "$log" "^\\[bench\\] BENCH $figure [1-9][0-9]*$" "a figure for $figure"
done
expect_line "$log" '^\[bench\] DONE [0-9]+ passed, 0 failed$' "every sanity check passed"
reject_line "$log" '^\[bench\] (FAIL|SKIP)'
if [ "$layout" = bench-wfi-trap ]; then
	expect_line "$log" '^bulkhead:   bench/0 on CPU0: .* [1-9][0-9]* us waiting, ' "its WFI waited in the hypervisor"
else
	expect_line "$log" '^bulkhead:   bench/0 on CPU0: .* WFI native, idle in run time, ' "its WFI ran natively"
fi
