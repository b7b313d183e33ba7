#!/bin/bash
# No warning after an error contradicts it: a partition whose image is
# refused ("exactly one of kernel and baremetal") is not also told it has
# no image, while a partition that really has none still is.
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
echo "no contradicting follow-on warning"
