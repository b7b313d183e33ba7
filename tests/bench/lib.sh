# Shared by the benchmarks: building a layout's appliance in
# build/bench/NAME, and running QEMU until a line shows up. Builds go
# through tests/lib/common.sh, as the tests' do.
set -eu
srctree=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$srctree/build}
SRCTREE=$srctree BUILD=$build
# shellcheck source=../lib/common.sh
. "$srctree/tests/lib/common.sh"

# The CPU model of every benchmark run: the counter at 1 GHz, so that
# under -icount shift=0 (one instruction per nanosecond) one tick is one
# instruction.
BENCH_CPU=cortex-a57,cntfrq=1000000000
# The board's real-time clock on virtual time from a fixed date, not the
# host's clock: Linux reads it as it boots, and its count must repeat.
BENCH_RTC=(-rtc base=2026-01-01T00:00:00,clock=vm)

# bench_key: the key pair (prints its path without .pem) that signs every
# appliance a benchmark builds, made once and kept in build/bench/keys: a
# development key made afresh by each build would change the signature,
# and with it the instructions the hypervisor takes to check it.
bench_key() {
	local keys=$build/bench/keys tool=${BULKHEAD_IMAGE:-$build/host/bulkhead-image}
	if [ ! -f "$keys/bench.pem" ]; then
		[ -x "$tool" ] || { echo "bench: no $tool to make a signing key with (make bench builds it)" >&2; return 1; }
		mkdir -p "$keys" && "$tool" keygen -o "$keys/bench" >/dev/null
	fi
	echo "$keys/bench"
}

# bench_appliance NAME LAYOUT [KEY=VALUE...]: prints the output directory.
# Kconfig options as KEY=VALUE; make variables for the build in the array
# BENCH_MAKE_VARS, if set.
bench_appliance() {
	local out=$build/bench/$1 layout=$2 key
	shift 2
	key=$(bench_key) || return 1
	rm -rf "$out" && mkdir -p "$out"
	make_out "$out" qemu-virt_defconfig >/dev/null
	set_options "$out" "LAYOUT=$layout" "SIGNING_KEY=$key.pub.pem" "$@"
	make_out "$out" SIGNING_PRIVATE_KEY="$key.pem" ${BENCH_MAKE_VARS[@]+"${BENCH_MAKE_VARS[@]}"} appliance \
		>"$out/build.log" 2>&1 ||
		{ echo "bench: building $layout failed (see $out/build.log)" >&2; return 1; }
	echo "$out"
}

# run_until LOG PATTERN SECONDS COMMAND...: runs COMMAND (a QEMU) with its
# output in LOG, CRs dropped, until a line matches the extended regex
# PATTERN or SECONDS pass, then stops it. For machines that do not power
# themselves off, such as Xen's once its guest has finished.
run_until() {
	local log=$1 pattern=$2 limit=$3 waited=0 qemu
	shift 3
	"$@" </dev/null >"$log.raw" 2>&1 &
	qemu=$!
	while kill -0 "$qemu" 2>/dev/null && ! grep -Eq "$pattern" "$log.raw" &&
		[ $waited -lt $((limit * 10)) ]; do
		sleep 0.1
		waited=$((waited + 1))
	done
	kill "$qemu" 2>/dev/null || true
	wait "$qemu" 2>/dev/null || true
	tr -d '\r' <"$log.raw" >"$log"
}

# The line the root's /init prints first (tools/target/bootcount.c), and
# its figure in a log: instructions from reset under -icount shift=0.
REACHED_INIT='^bootcount: .* ns since reset'
bootcount() { sed -n 's/^bootcount: .* = \([0-9]*\) ns since reset.*/\1/p' "$1" | head -n 1; }

# seedless_dtb OUT CHOSEN MACHINE...: QEMU's device tree for the machine
# its arguments MACHINE describe (-M first), with the text CHOSEN added to
# /chosen and without the seeds QEMU randomizes on every boot: the runs
# that boot with it must repeat exactly.
seedless_dtb() {
	local out=$1 chosen=$2
	shift 2
	[ "$1" = -M ] || { echo "seedless_dtb: the machine must start with -M" >&2; return 1; }
	qemu-system-aarch64 -M "$2,dumpdtb=$out.board" "${@:3}" -nographic </dev/null >/dev/null 2>&1 ||
		{ echo "bench: QEMU could not dump its device tree" >&2; return 1; }
	{
		dtc -q -I dtb -O dts "$out.board" | sed '/rng-seed\|kaslr-seed/d'
		printf '/ {\n\tchosen {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n%s\n\t};\n};\n' "$chosen"
	} >"$out.dts"
	dtc -q -I dts -O dtb -o "$out" "$out.dts"
}

# table_row TITLE BULKHEAD XEN NATIVE: a row of the report's table, with
# the ratio Bulkhead / Xen when both figures exist ("-": does not apply).
table_row() {
	awk -v title="$1" -v b="$2" -v x="$3" -v n="$4" 'BEGIN {
		ratio = (b != "-" && x != "-" && x > 0) ? sprintf("%.2f", b / x) : "-"
		printf "| %s | %s | %s | %s | %s |\n", title, b, x, n, ratio
	}'
}
