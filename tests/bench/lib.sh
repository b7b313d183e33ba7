# Shared by the benchmarks: build a layout's appliance in build/bench/NAME.
set -eu
srctree=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$srctree/build}

# bench_appliance NAME LAYOUT: prints the output directory.
bench_appliance() {
	local out=$build/bench/$1
	rm -rf "$out" && mkdir -p "$out"
	make --no-print-directory -C "$srctree" O="$out" qemu-virt_defconfig >/dev/null
	kconfig-tweak --file "$out/.config" --set-str LAYOUT "$2"
	make --no-print-directory -C "$srctree" O="$out" olddefconfig >/dev/null
	make --no-print-directory -C "$srctree" O="$out" appliance >"$out/build.log" 2>&1
	echo "$out"
}
