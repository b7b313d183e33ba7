# Shared by the benchmarks: build a layout's appliance in build/bench/NAME.
set -eu
srctree=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$srctree/build}

# bench_appliance NAME LAYOUT [SYMBOL=y|n...]: prints the output directory.
bench_appliance() {
	local out=$build/bench/$1 layout=$2 option
	shift 2
	rm -rf "$out" && mkdir -p "$out"
	make --no-print-directory -C "$srctree" O="$out" qemu-virt_defconfig >/dev/null
	kconfig-tweak --file "$out/.config" --set-str LAYOUT "$layout"
	for option in "$@"; do
		case $option in
		*=y) kconfig-tweak --file "$out/.config" --enable "${option%=y}" ;;
		*=n) kconfig-tweak --file "$out/.config" --disable "${option%=n}" ;;
		esac
	done
	make --no-print-directory -C "$srctree" O="$out" olddefconfig >/dev/null
	make --no-print-directory -C "$srctree" O="$out" appliance >"$out/build.log" 2>&1
	echo "$out"
}
