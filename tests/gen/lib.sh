# Helpers for the layout-compiler tests: run bulkhead the way the build
# does, with stand-in image files so that gen can resolve every image.
. "$SRCTREE/tests/lib/common.sh"

BULKHEAD_SAN=$BUILD/host-san/bulkhead
BOARD_YAML=$SRCTREE/platform/qemu-virt/board.yaml

# QEMU's device tree for 4 CPUs and 1 GiB, dumped once per test run.
board_dtb() {
	local dtb=$BUILD/tests/work/board-4cpu.dtb
	if [ ! -s "$dtb" ]; then
		mkdir -p "$(dirname "$dtb")"
		qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,dumpdtb="$dtb" -cpu cortex-a57 \
			-smp 4 -m 1024 -nographic >/dev/null 2>&1 </dev/null || fail "QEMU could not dump its device tree"
	fi
	echo "$dtb"
}

# stand_in_images LAYOUT DIR: a small file for every image the layout names.
stand_in_images() {
	local name
	mkdir -p "$2"
	for name in $(sed -n 's/.*\(baremetal\|kernel\|initrd\): *\([A-Za-z0-9._-]*\).*/\2/p' "$1" | sort -u); do
		head -c 65536 /dev/zero >"$2/$name"
	done
}

# gen_layout LAYOUT OUTDIR: bulkhead gen with stand-in images.
gen_layout() {
	stand_in_images "$1" "$2/images"
	"$BULKHEAD_SAN" gen "$1" --board "$BOARD_YAML" --board-dtb "$(board_dtb)" --images "$2/images" \
		--cpus 4 --ram-size 1G -o "$2/out" || fail "bulkhead gen $1 failed"
}
