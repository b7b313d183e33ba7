#!/bin/bash
# Benchmark, not a test: how long `bulkhead check` takes for a 64-partition
# layout (a root and 63 partitions on the schedules of 7 CPUs). Prints the
# median of five runs.
set -eu
srctree=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$srctree/build}
layout=$(mktemp /tmp/bulkhead-64.XXXXXX.yaml)
trap 'rm -f "$layout"' EXIT
{
	printf 'platform: qemu-virt\nhypervisor:\n  memory: { base: 0x40000000, size: 64M }\npartitions:\n'
	printf '  - name: root\n    root: true\n    cpus: [0]\n    memory: [ { size: 64M } ]\n'
	for i in $(seq 1 63); do
		cpu=$(( 1 + (i - 1) % 7 ))
		printf '  - name: p%d\n    vcpus: [ { schedule: %d } ]\n    memory: [ { size: 8M } ]\n' "$i" "$cpu"
	done
	printf 'schedules:\n'
	for cpu in $(seq 1 7); do
		printf '  - cpu: %d\n    major_frame: 90ms\n    windows:\n' "$cpu"
		slot=0
		for i in $(seq 1 63); do
			[ $(( 1 + (i - 1) % 7 )) -eq "$cpu" ] || continue
			printf '      - { partition: p%d, start: %dms, duration: 10ms }\n' "$i" $(( slot * 10 ))
			slot=$(( slot + 1 ))
		done
	done
} >"$layout"
times=()
for _ in 1 2 3 4 5; do
	start=$(date +%s%N)
	"$build/host/bulkhead" check "$layout" --board "$srctree/platform/qemu-virt/board.yaml" --cpus 8 --ram-size 2G
	times+=($(( ($(date +%s%N) - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "bulkhead check, 64 partitions, 63 scheduled vCPUs on 7 CPUs: median ${median} us of 5 runs"
