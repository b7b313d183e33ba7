#!/bin/bash
# The default build boots at EL2, brings up every configured CPU through
# PSCI, prints the banner with version, revision and configuration, and
# powers the machine off by itself.
. "$SRCTREE/tests/lib/common.sh"

conf=$BUILD/include/config/auto.conf
cpus=$(sed -n 's/^CONFIG_NR_CPUS=//p' "$conf")
log=$(scratch_dir boot-banner)/serial.log
boot "$log" "$BUILD/bulkhead.elf" --cpus "$cpus"

rev=$(git -C "$SRCTREE" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
version=$(sed -n 's/^BULKHEAD_VERSION := //p' "$SRCTREE/Makefile")
expect_line "$log" "^bulkhead: Bulkhead hypervisor $version \\(git $rev(-dirty)?\\), platform qemu-virt" \
	"banner with version $version and git revision $rev"
expect_line "$log" "^bulkhead: CPUs: $cpus of $cpus online at EL2, PSCI 1\\.[0-9]+" "all $cpus CPUs online at EL2"
expect_line "$log" "^bulkhead: config: layout [^ ]+\\.yaml, up to [0-9]+ partitions and [0-9]+ vCPUs, log level info"
expect_line "$log" "powering off"
reject_line "$log" "PANIC|warning|error"
