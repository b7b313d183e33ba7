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
		qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,iommu=smmuv3,dumpdtb="$dtb" -cpu cortex-a57 \
			-smp 4 -m 1024 -nographic >/dev/null 2>&1 </dev/null || fail "QEMU could not dump its device tree"
	fi
	echo "$dtb"
}

# stand_in_file FILE SIZE [arm64 IMAGE_SIZE [TEXT_OFFSET] | elf]: SIZE
# (16M, 4096) zero bytes, opening with an arm64 Image header that gives
# IMAGE_SIZE (bytes in memory once loaded) and TEXT_OFFSET (default 0), or
# with an ELF file's magic.
stand_in_file() {
	truncate -s 0 "$1" && truncate -s "$2" "$1"
	case ${3:-} in
	arm64) /usr/bin/python3 -c '
import struct, sys
with open(sys.argv[1], "r+b") as f:
    f.seek(8); f.write(struct.pack("<QQ", int(sys.argv[3], 0), int(sys.argv[2])))
    f.seek(56); f.write(b"ARM\x64")' "$1" "$(numfmt --from=iec "$4")" "${5:-0}" ;;
	elf) printf '\177ELF\002\001\001' | dd of="$1" conv=notrunc status=none ;;
	esac
}

# stand_in_images LAYOUT DIR: a small file for every image the layout
# names, kernels with an arm64 Image header.
stand_in_images() {
	local kind name
	mkdir -p "$2"
	sed -n 's/.*\(baremetal\|kernel\|initrd\): *\([A-Za-z0-9._-]*\).*/\1 \2/p' "$1" | sort -u | while read -r kind name; do
		if [ "$kind" = kernel ]; then
			stand_in_file "$2/$name" 64K arm64 64K
		else
			stand_in_file "$2/$name" 64K
		fi
	done
}

# gen_layout LAYOUT OUTDIR: bulkhead gen with stand-in images.
gen_layout() {
	stand_in_images "$1" "$2/images"
	"$BULKHEAD_SAN" gen "$1" --board "$BOARD_YAML" --board-dtb "$(board_dtb)" --images "$2/images" \
		--cpus 4 --ram-size 1G -o "$2/out" || fail "bulkhead gen $1 failed"
}
