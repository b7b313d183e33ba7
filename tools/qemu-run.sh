#!/bin/sh
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
#   --print        print the QEMU command line instead of running it
#
# The console is this terminal; the machine ends when the hypervisor powers
# it off, or with Ctrl-A X.
set -eu

cpus=4 ram=1024 cpu=cortex-a57 icount= print=
while [ $# -gt 0 ]; do
	case $1 in
	--cpus) cpus=$2; shift 2 ;;
	--ram) ram=$2; shift 2 ;;
	--cpu) cpu=$2; shift 2 ;;
	--icount) icount=1; shift ;;
	--print) print=1; shift ;;
	-h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

set -- qemu-system-aarch64 \
	-M virt,virtualization=on,gic-version=3,iommu=smmuv3 -cpu "$cpu" -smp "$cpus" -m "$ram" \
	-nographic -no-reboot \
	${icount:+-icount shift=0,sleep=off} \
	-kernel "$image" "$@"
if [ -n "$print" ]; then
	echo "$@"
	exit 0
fi
exec "$@"
