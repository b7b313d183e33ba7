# A stock Linux as the root partition (fetches Debian's arm64 kernel once),
# on a plain ARMv8.0 core and on QEMU's "max" CPU with more to hide.
run_test linux-root-boot-cortex-a57 300 "$SRCTREE/tests/linux/root-boot.sh" cortex-a57
run_test linux-root-boot-max 300 "$SRCTREE/tests/linux/root-boot.sh" max
# Debian's PREEMPT_RT flavour (CONFIG_ROOT_KERNEL_RT), its own modules in the initramfs.
run_test linux-root-boot-rt 300 "$SRCTREE/tests/linux/root-boot.sh" rt
run_test linux-control 480 "$SRCTREE/tests/linux/control.sh"
run_test linux-pair 420 "$SRCTREE/tests/linux/pair.sh"
