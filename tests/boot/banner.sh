#!/bin/bash
# The bare-metal appliance boots at EL2, brings up every configured CPU
# through PSCI, prints the banner with version, revision and configuration,
# runs its three partitions side by side, and powers off when the root does.
. "$SRCTREE/tests/lib/common.sh"

out=$(appliance_for boot-banner "$SRCTREE/configs/qemu-virt-baremetal.yaml") || exit 1
cpus=$(config_value "$out" NR_CPUS)
log=$out/serial.log
boot "$log" "$out/appliance.img" --cpus "$cpus"

rev=$(git -C "$SRCTREE" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
version=$(sed -n 's/^BULKHEAD_VERSION := //p' "$SRCTREE/Makefile")
expect_line "$log" "^bulkhead: Bulkhead hypervisor $version \\(git $rev(-dirty)?\\), platform qemu-virt" \
	"banner with version $version and git revision $rev"
expect_line "$log" "^bulkhead: CPUs: $cpus of $cpus online at EL2, PSCI 1\\.[0-9]+" "all $cpus CPUs online at EL2"
expect_line "$log" "^bulkhead: config: layout [^ ]+\\.yaml, up to [0-9]+ partitions and [0-9]+ vCPUs, log level info"
for p in control sensor actuator; do
	expect_line "$log" "^bulkhead: partition $p: 1 vCPU, entry 0x" "partition $p started"
	expect_line "$log" "^\\[$p\\] HEARTBEAT 3$" "partition $p keeps beating"
done
expect_line "$log" "^bulkhead: root partition control powered off: stopping the machine"
reject_line "$log" "PANIC|warning|error"
