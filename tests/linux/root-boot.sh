#!/bin/bash
# A stock Debian arm64 kernel boots as the root partition: it reaches
# /init, starts every CPU at EL1, finds no KVM, does not list the features
# its layout hides, drives the real PL031 RTC and UART, while a bare-metal
# partition beats beside it; its poweroff powers the machine off.
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir linux-root-boot)
make_out "$out" qemu-virt_defconfig >/dev/null
set_options "$out" "LAYOUT=$SRCTREE/tests/layouts/linux-root.yaml"
make_out "$out" appliance >"$out/build.log" 2>&1 || fail "build failed: $(tail -n 5 "$out/build.log")"
boot "$out/serial.log" "$out/appliance.img"
log=$out/serial.log

expect_line "$log" "Booting Linux on physical CPU 0x0000000000" "Linux starts on vCPU 0"
expect_line "$log" "^init: reached /init of the root partition$"
expect_line "$log" "CPU: All CPU\\(s\\) started at EL1" "the root does not see EL2"
expect_line "$log" "kvm \\[[0-9]+\\]: HYP mode not available" "no KVM in the root"
expect_line "$log" "smp: Brought up 1 node, 2 CPUs"
expect_line "$log" "^init: cpuinfo Features" "cpuinfo read"
reject_line "$log" "^init: cpuinfo .* (crc32|sha1)( |$)" "hidden features absent from /proc/cpuinfo"
expect_line "$log" "^init: cpuinfo .* aes " "features that are not hidden stay"
expect_line "$log" "^init: rtc rtc-pl031 9010000.pl031$" "the root drives the real RTC"
expect_line "$log" "ttyAMA0 at MMIO 0x9000000" "the root drives the real UART"
reject_line "$log" "its@8080000" "the GIC ITS stays the hypervisor's"
expect_line "$log" "^\\[rt\\] HEARTBEAT 3$" "the bare-metal partition beats beside Linux"
expect_line "$log" "^bulkhead: root partition linux powered off: stopping the machine$"
reject_line "$log" "fault: partition|Kernel panic|Internal error|Oops"
