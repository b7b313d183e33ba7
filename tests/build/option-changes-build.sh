#!/bin/bash
# Changing Kconfig options changes what the next build does: the CPU count
# and debug logging show in what `make run` boots (make run reads the CPU
# count from the configuration, too), and a layout that needs more CPUs
# than configured is refused at build time.
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir build-option-changes-build)
make_out "$out" qemu-virt_defconfig >/dev/null
# The bare-metal appliance powers itself off; the Linux demo waits at its shell.
set_options "$out" NR_CPUS=3 LOG_LEVEL_INFO=n LOG_LEVEL_DEBUG=y MAX_PARTITIONS=5 \
	"LAYOUT=$SRCTREE/configs/qemu-virt-baremetal.yaml"
# QEMU_ARGS reaches QEMU's command line: its -D log file appears.
make_out "$out" run QEMU_ARGS="-d guest_errors -D $out/qemu-args.log" </dev/null >"$out/serial.log" 2>&1 ||
	fail "make run failed (see $out/serial.log)"
[ -f "$out/qemu-args.log" ] || fail "make run QEMU_ARGS=... did not reach QEMU"
log=$out/serial.log
expect_line "$log" "^bulkhead: CPUs: 3 of 3 online at EL2" "the banner shows the configured 3 CPUs"
expect_line "$log" "^bulkhead: debug: CPU1 online" "debug messages are compiled in"
expect_line "$log" "up to 5 partitions" "MAX_PARTITIONS reaches the code"
expect_line "$log" "log level debug"

set_options "$out" LOG_LEVEL_DEBUG=n LOG_LEVEL_WARN=y
make_out "$out" run </dev/null >"$out/serial-warn.log" 2>&1 || fail "make run failed"
reject_line "$out/serial-warn.log" "^bulkhead: (debug: |CPUs:)" "info and debug messages are compiled out at level warning"

# The default layout pins CPU 2: with two CPUs the layout compiler refuses it.
set_options "$out" NR_CPUS=2
if make_out "$out" appliance >"$out/two.log" 2>&1; then fail "a layout needing CPU 2 built for 2 CPUs"; fi
expect_line "$out/two.log" "qemu-virt-baremetal.yaml:[0-9]+:[0-9]+: error: CPU 2 does not exist: this build has CPUs 0 to 1"
