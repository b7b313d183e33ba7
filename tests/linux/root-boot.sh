#!/bin/bash
# root-boot.sh [cortex-a57|max|rt]: a Debian arm64 kernel boots as the
# root partition (the stock one; rt: the PREEMPT_RT one, chosen by
# CONFIG_ROOT_KERNEL_RT): it reaches /init, starts every CPU at EL1, finds
# no KVM, loads its own modules from the initramfs,
# reads the features its layout hides as absent (and, where they can be
# trapped, gets SIGILL using them), drives the real PL031 RTC and UART,
# reads and writes its disk, a virtio-blk-pci device whose DMA the SMMU
# translates, while seeing no IOMMU itself,
# while a bare-metal partition beats beside it; its poweroff powers the
# machine off.
. "$SRCTREE/tests/lib/common.sh"

flavour=${1:-cortex-a57}
cpu=$flavour
case $flavour in
max)
	out=$(appliance_for linux-root-boot-max "$SRCTREE/tests/layouts/linux-root-max.yaml" QEMU_CPU=max) || exit 1
	hidden="sve pauth sha3 mte el2" present="aes atomics sha2" ;;
rt)
	cpu=cortex-a57
	out=$(appliance_for linux-root-boot-rt "$SRCTREE/tests/layouts/linux-root.yaml" \
		ROOT_KERNEL_STOCK=n ROOT_KERNEL_RT=y) || exit 1
	hidden="pmu crc32 sha1 el2" present="aes sha2" ;;
*)
	out=$(appliance_for linux-root-boot-cortex-a57 "$SRCTREE/tests/layouts/linux-root.yaml") || exit 1
	hidden="pmu crc32 sha1 el2" present="aes sha2" ;;
esac
# The root's disk, a virtio-blk-pci device on the PCIe host the root has by
# default: its DMA goes through the SMMU. A marker of this run's own, so
# that only this boot's read can return it. QEMU's SMMU model logs every
# translation it makes (trace events), which shows the disk's DMA really
# is translated.
disk=$out/disk.img
marker="bulkhead disk marker $(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
head -c 1048576 /dev/zero >"$disk"
printf '%s' "$marker" | dd of="$disk" conv=notrunc status=none
boot "$out/serial.log" "$out/appliance.img" --cpu "$cpu" --disk "$disk" -- \
	-d trace:smmuv3_translate_success,trace:smmuv3_translate_abort,trace:smmuv3_translate_bypass \
	-D "$out/smmu-trace.log"
log=$out/serial.log

expect_line "$log" "Booting Linux on physical CPU 0x0000000000" "Linux starts on vCPU 0"
expect_line "$log" "^init: reached /init of the root partition$"
expect_line "$log" "CPU: All CPU\\(s\\) started at EL1" "the root does not see EL2"
# A kernel with KVM says it found no EL2; one without (Debian's RT
# flavour) says nothing of KVM at all. Either way no /dev/kvm appears.
if [ "$flavour" = rt ]; then
	expect_line "$log" "Linux version [^ ]*-rt-arm64 .* PREEMPT_RT " "the PREEMPT_RT kernel boots"
	reject_line "$log" "kvm \\[[0-9]+\\]: " "the RT kernel has no KVM to print about"
	expect_line "$log" "^init: kernel [^ ]*-rt-arm64, /dev/kvm absent$" "no KVM in the root"
else
	expect_line "$log" "kvm \\[[0-9]+\\]: HYP mode not available" "KVM finds no EL2 in the root"
	expect_line "$log" "^init: kernel [^ ]*-arm64, /dev/kvm absent$" "no KVM in the root"
fi
expect_line "$log" "smp: Brought up 1 node, 2 CPUs"
expect_line "$log" "^init: cpuinfo Features" "cpuinfo read"
for f in $hidden; do
	reject_line "$log" "^init: cpuinfo .*[[:space:]]$f( |$)" "hidden feature $f absent from /proc/cpuinfo"
	expect_line "$log" "^PASS id-hidden-$f$" "ID registers read from EL0 hide $f"
done
for f in $present; do expect_line "$log" "^PASS id-present-$f$" "$f, not hidden, stays"; done
if [ "$cpu" = max ]; then
	# The kernel's own view (it reads the ID registers at EL1, where no
	# one masks for it): none of what the layout hides is detected, SME
	# included, which goes with SVE.
	expect_line "$log" "CPU features: detected: " "the kernel lists the CPU features it found"
	for f in "Scalable Vector Extension" "Scalable Matrix Extension" "Address authentication" \
		"Generic authentication" "Memory Tagging Extension" "Virtualization Host Extensions"; do
		reject_line "$log" "CPU features: detected: $f" "the kernel detected hidden '$f'"
	done
	expect_line "$log" "^PASS sigill-sve$" "an SVE instruction traps when SVE is hidden"
	expect_line "$log" "^PASS sigill-pauth$" "a PAC instruction traps when pointer authentication is hidden"
fi
expect_line "$log" "^init: rtc rtc-pl031 9010000.pl031$" "the root drives the real RTC"
expect_line "$log" "^feature-check: 0 failed$"
expect_line "$log" "ttyAMA0 at MMIO 0x9000000" "the root drives the real UART"
expect_line "$log" "^init: disk vda says '$marker'" "user space reads the marker from its disk"
expect_line "$log" "^init: disk vda is PCI function 0000:00:[0-9a-f]{2}\\.[0-7] \\(0x1af4:" "the disk is a virtio PCI function"
expect_line "$log" "^init: iommus \\[\\], 0 iommu groups, 0 kernel lines naming an SMMU$" "Linux sees no IOMMU"
reject_line "$log" "arm-smmu" "the SMMU is hidden from Linux"
# Its reply, found in the image once QEMU is gone ("init: disk vda: wrote
# the marker back" says it wrote; not matched: the bare-metal partition's
# lines may land inside it).
reply=$(dd if="$disk" bs=512 skip=8 count=1 status=none | tr -d '\0')
[ "$reply" = "bulkhead root read: $marker" ] ||
	fail "the disk image holds '$reply' at 4 KiB, not the root's reply to '$marker' (in $log)"
# Requester id bus:dev.fn is the stream id (docs/dma.md).
function=$(sed -n 's/^init: disk vda is PCI function 0000:\([0-9a-f]*\):\([0-9a-f]*\)\.\([0-7]\) .*/\1 \2 \3/p' "$log")
read -r bus slot fn <<<"$function"
stream=$(printf '0x%x' $((16#$bus << 8 | 16#$slot << 3 | fn)))
expect_line "$out/smmu-trace.log" "smmuv3_translate_success .*sid=$stream " "the SMMU translated none of the disk's DMA (stream $stream)"
reject_line "$out/smmu-trace.log" "smmuv3_translate_(abort|bypass) .*sid=$stream " "the SMMU let the disk's DMA by or aborted it"
reject_line "$log" "its@8080000" "the GIC ITS stays the hypervisor's"
expect_line "$log" "^\\[rt\\] HEARTBEAT 3$" "the bare-metal partition beats beside Linux"
for check in el2-hidden pmu-hidden pmu-trapped debug-raz-wi; do
	expect_line "$log" "^\\[rt\\] PASS features-$check$" "the bare-metal partition's own mask holds"
done
expect_line "$log" "^bulkhead: root partition linux powered off: stopping the machine$"
reject_line "$log" "fault: partition|Kernel panic|Internal error|Oops"
reject_line "$log" "invalid module format|disagrees about version" "the initramfs's modules are the kernel's own"
