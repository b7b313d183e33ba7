#!/bin/bash
# No warning after an error contradicts it: a partition whose image is
# refused ("exactly one of kernel and baremetal") is not also told it has
# no image, while a partition that really has none still is; a refused
# scheduled root is not warned as a partition sharing a CPU; a device
# refused for its unchecked DMA is not also warned about as given.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-follow-on)
mkdir -p "$dir/images"
cat >"$dir/layout.yaml" <<'YAML'
platform: qemu-virt
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  - name: linux
    root: true
    cpus: [0]
    image: { kernel: Image, baremetal: app.bin }
  - name: idle
    cpus: [1]
    memory: [ { size: 16M } ]
YAML
"$BULKHEAD_SAN" check "$dir/layout.yaml" --board "$BOARD_YAML" --cpus 4 --images "$dir/images" \
	>"$dir/out" 2>&1 && fail "the layout was accepted"
cat "$dir/out"
grep -qxF "$dir/layout.yaml:7:12: error: an image needs exactly one of kernel and baremetal" "$dir/out" ||
	fail "not refused for its image"
grep -q "partition 'linux' has no image" "$dir/out" && fail "a warning contradicts the error it follows"
grep -qxF "$dir/layout.yaml:8:5: warning: partition 'idle' has no image and will not start" "$dir/out" ||
	fail "the partition without an image was not warned about"

# A scheduled root is refused: it is not also told what sharing a CPU hides.
cat >"$dir/scheduled-root.yaml" <<'YAML'
platform: qemu-virt
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  - { name: linux, root: true, vcpus: [ { schedule: 0 } ] }
  - { name: rt, vcpus: [ { schedule: 0 } ], memory: [ { size: 16M } ] }
schedules:
  - { cpu: 0, major_frame: 10ms, windows: [ { partition: linux, start: 0ms, duration: 5ms },
                                           { partition: rt, start: 5ms, duration: 5ms } ] }
YAML
"$BULKHEAD_SAN" check "$dir/scheduled-root.yaml" --board "$BOARD_YAML" --cpus 4 >"$dir/scheduled.out" 2>&1 &&
	fail "a scheduled root was accepted"
cat "$dir/scheduled.out"
grep -q "error: the root partition's vCPUs must be pinned, not scheduled" "$dir/scheduled.out" ||
	fail "not refused for a scheduled root"
grep -q "partition 'rt' shares a CPU" "$dir/scheduled.out" || fail "the scheduled non-root is not told"
grep -q "partition 'linux' shares a CPU" "$dir/scheduled.out" && fail "the refused root is told it shares a CPU"
# A device refused for DMA no IOMMU checks: no warning follows as if the
# partition had it (the one given with the acknowledgment still gets hers).
cat >"$dir/dma.yaml" <<'YAML'
platform: qemu-virt
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  - { name: linux, root: true, cpus: [0] }
  - { name: disk, cpus: [1], memory: [ { size: 16M } ], devices: [virtio3] }
  - { name: net, cpus: [2], memory: [ { size: 16M } ], devices: [virtio8], unprotected_dma: [virtio8] }
YAML
"$BULKHEAD_SAN" check "$dir/dma.yaml" --board "$BOARD_YAML" --cpus 4 >"$dir/dma.out" 2>&1 &&
	fail "a DMA device without acknowledgment was accepted"
cat "$dir/dma.out"
grep -q "error: device 'virtio3' masters DMA that no IOMMU checks" "$dir/dma.out" || fail "virtio3 not refused"
[ "$(grep -cE ": (error|warning): .*'virtio3'" "$dir/dma.out")" = 1 ] || fail "more than the error names virtio3"
grep -q "warning: device 'virtio8' masters DMA" "$dir/dma.out" || fail "the acknowledged virtio8 is not warned about"
echo "no contradicting follow-on warning"
