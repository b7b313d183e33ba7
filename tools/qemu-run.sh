#!/bin/bash
# qemu-run.sh [options] IMAGE [-- extra QEMU arguments]
#
# Boots a Bulkhead boot artifact on QEMU virt at EL2. `make run` and every
# QEMU test use this one command line, so what a test boots is what a user
# boots.
#
#   --cpus N       physical CPUs (-smp), default 4
#   --ram MB       board memory (-m), default 1024
#   --cpu MODEL    -cpu model, default cortex-a57
#   --icount       count instructions as time (-icount shift=0,sleep=off), for
#                  deterministic figures
#   --disk FILE    a raw disk image as a virtio-blk-pci device, on PCIe and so
#                  behind the SMMU (the first in slot 00:02.0, after QEMU's
#                  NIC; the next 00:03.0); repeatable
#   --print        print the QEMU command line instead of running it
#
# The console is this terminal; the machine ends when the hypervisor powers
# it off, or with Ctrl-A X.
set -eu

cpus=4 ram=1024 cpu=cortex-a57 icount= print= disks=()
while [ $# -gt 0 ]; do
	case $1 in
	--cpus) cpus=$2; shift 2 ;;
	--ram) ram=$2; shift 2 ;;
	--cpu) cpu=$2; shift 2 ;;
	--icount) icount=1; shift ;;
	--disk)
		[ -f "$2" ] || { echo "qemu-run.sh: disk image '$2' does not exist" >&2; exit 2; }
		# QEMU reads a comma in a file name as two.
		disks+=(-drive "if=none,file=${2//,/,,},format=raw,id=disk$((${#disks[@]} / 4))"
			-device "virtio-blk-pci,drive=disk$((${#disks[@]} / 4))")
		shift 2 ;;
	--print) print=1; shift ;;
	-h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	--) shift; break ;;
	-*) echo "qemu-run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || { echo "qemu-run.sh: no image given (see --help)" >&2; exit 2; }
image=$1
shift
[ "${1:-}" = "--" ] && shift
[ -f "$image" ] || { echo "qemu-run.sh: image '$image' does not exist" >&2; exit 2; }

# QEMU's virtio-pci devices bypass its SMMU unless they are modern only
# (disable-legacy) and say VIRTIO_F_ACCESS_PLATFORM (iommu_platform): so
# for the board's own NIC (00:01.0) and every virtio-blk-pci disk, or a
# partition could DMA anywhere through them (docs/dma.md).
virtio_behind_smmu=()
for device in virtio-net-pci virtio-blk-pci; do
	virtio_behind_smmu+=(-global "$device.disable-legacy=on" -global "$device.iommu_platform=on")
done
set -- qemu-system-aarch64 \
	-M virt,virtualization=on,gic-version=3,iommu=smmuv3 -cpu "$cpu" -smp "$cpus" -m "$ram" \
	-nographic -no-reboot "${virtio_behind_smmu[@]}" \
	${icount:+-icount shift=0,sleep=off} \
	-kernel "$image" "${disks[@]}" "$@"
if [ -n "$print" ]; then
	echo "$@"
	exit 0
fi
exec "$@"
