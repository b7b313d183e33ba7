#!/bin/bash
# CPU state and feature masking at EL1 on QEMU's "max" CPU, as
# tests/layouts/cpu-state.yaml carves it: a partition that resets itself
# finds every register it set (watchpoint, breakpoint, PMU, PAuth keys,
# SVE predicates and FFR, SME mode, TPIDR2, ZCR) at its reset value; a
# partition sharing a CPU with one that set them all sees none of it; a
# bare-metal partition with everything hidden finds every advertising ID
# register field absent and every hidden feature undefined at EL1; an
# SError pending as a vCPU leaves a shared CPU is charged to it.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for cpu-state "$SRCTREE/tests/layouts/cpu-state.yaml" QEMU_CPU=max \
	SELFTEST_NONE=n SELFTEST_SERROR_AT_SWITCH=y) || exit 1
boot "$out/serial.log" "$out/appliance.img" --cpu max
log=$out/serial.log

# Restarted: checked in its second run, every register accessible.
expect_line "$log" "^\\[restarted\\] cpustate: first run" "the restart partition set its registers"
expect_line "$log" "^bulkhead: partition restarted asked for a reset$"
expect_line "$log" "^\\[restarted\\] cpustate: second run$" "the restart partition ran again"
expect_line "$log" "^\\[restarted\\] DONE 20 passed, 0 failed$" "every register at its reset value after SYSTEM_RESET"
# Shared CPU: the spy sees nothing the leak left.
expect_line "$log" "^\\[leak\\] cpustate: registers set$"
expect_line "$log" "^\\[spy\\] DONE 20 passed, 0 failed$" "nothing of the leak's state reaches the spy"
for reg in dbgwcr0 dbgwvr0 dbgbcr0 mdscr pmcr-e pmcntenset tpidr2 sve-p0-ffr; do
	expect_line "$log" "^\\[spy\\] PASS $reg$"
	expect_line "$log" "^\\[restarted\\] PASS $reg$"
done
# An SError pending as the leak leaves the CPU (injected: QEMU raises none)
# is the leak's, by its policy (stop), before the spy runs; never the spy's.
expect_line "$log" "fault: partition leak vCPU0 SError near .*taken as it left its CPU.*partition stopped$" \
	"the SError pending at the switch is charged to the vCPU that left"
reject_line "$log" "fault: partition (spy|root|restarted|masked)"
# Masked: every check at EL1 passes.
expect_line "$log" "^\\[masked\\] features: checks done, 0 failed$" "feature masking holds at EL1"
reject_line "$log" "^\\[[a-z]+\\] FAIL"
for check in el2 aarch32-el2 lor mops sve sve-zfr0 sme sme-smfr0 pmu aarch32-pmu trace aarch32-trace amu \
	aarch32-amu mte pauth-apa pauth-gpa aes sha1 sha2 sha3 crc32 atomics dotprod rng fp16 fhm \
	aarch32-crypto aarch32-sha1 aarch32-sha2 aarch32-crc32 aarch32-dotprod aarch32-fhm aarch32-fp16; do
	expect_line "$log" "^\\[masked\\] PASS features-$check-hidden$"
done
for check in sve sme pmu amu lor pauth; do
	expect_line "$log" "^\\[masked\\] PASS features-$check-trapped$"
done
for check in debug-raz-wi ras-records-none icc-sre-stays-on set-way-emulated; do
	expect_line "$log" "^\\[masked\\] PASS features-$check$"
done
grep -q "warning: partition 'leak' shares a CPU, so sve, sme, pauth, pmu, debug, trace, amu, spe are hidden" \
	"$out/build.log" || fail "the compiler did not hide the unswitched features on the shared CPU"
reject_line "$log" "unhandled|panic"
expect_line "$log" "^bulkhead: root partition root powered off: stopping the machine$"
