#!/bin/bash
# native-test.sh [--heartbeats N] [--timeout S] [--load-addr A] [--icount] [--cpu MODEL] NAME|PATH.elf
#
# Boots a test guest on QEMU without the hypervisor (the guest enters at
# EL1 and QEMU's built-in firmware answers PSCI over HVC), prints its
# serial output, and exits 0 iff the guest passed:
#   - by default, iff a "DONE n passed, 0 failed" line appeared;
#   - with --heartbeats N (the default for the heartbeat guest), iff N
#     "HEARTBEAT" lines appeared; QEMU is stopped as soon as they have.
# Either way QEMU runs at most --timeout seconds (30).
# --load-addr A loads the flat NAME.bin at A instead of the ELF at its link
# address: partitions may load an image elsewhere (a root's RAM), so the
# runtime must not depend on where it was linked.
# --icount runs QEMU with -icount shift=0,sleep=off: guest time counts
# instructions, for a guest whose checks time things (bench); --cpu MODEL
# replaces cortex-a57 (e.g. with cntfrq=1000000000: a tick per instruction).
#
# NAME is looked up in $GUEST_DIR, else $BUILD/guests (the test suite's
# build directory), else build/guests of this source tree.
set -u

usage() {
	echo "usage: $0 [--heartbeats N] [--timeout SECONDS] [--load-addr ADDRESS] [--icount] [--cpu MODEL] NAME|PATH.elf" >&2
	exit 2
}

heartbeats='' limit=30 load_addr='' icount=() cpu=cortex-a57
while [ $# -gt 1 ]; do
	case $1 in
	--icount) icount=(-icount shift=0,sleep=off); shift ;;
	--cpu) cpu=$2; shift 2 ;;
	--heartbeats) heartbeats=$2; shift 2 ;;
	--timeout) limit=$2; shift 2 ;;
	--load-addr) load_addr=$2; shift 2 ;;
	*) usage ;;
	esac
done
[ $# -eq 1 ] || usage

srctree=$(cd "$(dirname "$0")/../.." && pwd)
case $1 in
*.elf) elf=$1; name=$(basename "$1" .elf) ;;
*) name=$1; elf=${GUEST_DIR:-${BUILD:-$srctree/build}/guests}/$name.elf ;;
esac
[ -f "$elf" ] || { echo "native-test: no guest image $elf (make guests?)" >&2; exit 2; }
if [ -z "$heartbeats" ] && [ "$name" = heartbeat ]; then
	heartbeats=3
fi

if [ -n "$load_addr" ]; then
	bin=${elf%.elf}.bin
	[ -f "$bin" ] || { echo "native-test: no flat image $bin" >&2; exit 2; }
	# The generic loader starts CPU 0 at the image, at EL1 as -kernel would.
	image=(-device "loader,file=$bin,addr=$load_addr,force-raw=on" -device "loader,addr=$load_addr,cpu-num=0")
else
	image=(-kernel "$elf")
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# -kernel with an ELF enters it at EL1 (no EL2/EL3 without virtualization=on
# or secure=on), with PSCI over HVC; -no-reboot turns SYSTEM_RESET into an exit.
timeout "$limit" qemu-system-aarch64 -M virt,gic-version=3 -cpu "$cpu" -smp 2 -m 256M \
	-nographic -no-reboot -monitor none -serial "file:$log" "${icount[@]}" "${image[@]}" </dev/null &
qemu=$!

passed() {
	if [ -n "$heartbeats" ]; then
		[ "$(grep -c '^HEARTBEAT [0-9]*\r\?$' "$log")" -ge "$heartbeats" ]
	else
		# Nothing passed is no pass, even with nothing failed.
		grep -Eq '^DONE [1-9][0-9]* passed, 0 failed' "$log"
	fi
}

# Poll: a DONE guest powers QEMU off itself; a heartbeat guest never ends.
while kill -0 "$qemu" 2>/dev/null; do
	if [ -n "$heartbeats" ] && passed; then
		kill "$qemu" 2>/dev/null
		break
	fi
	sleep 0.2
done
wait "$qemu" 2>/dev/null
status=$?

cat "$log"
if passed; then
	echo "native-test: $name passed"
	exit 0
fi
if [ $status -eq 124 ]; then
	echo "native-test: $name timed out after ${limit}s" >&2
elif [ -n "$heartbeats" ]; then
	echo "native-test: $name printed fewer than $heartbeats heartbeats" >&2
else
	echo "native-test: $name did not finish with 0 failed" >&2
fi
exit 1
