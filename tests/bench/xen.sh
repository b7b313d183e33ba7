# Xen 4.17 on the benchmarks' machine, for tests/bench/*.sh to source
# after lib.sh. Xen boots as QEMU's -kernel with a device tree that is
# QEMU's own for the same machine plus a /chosen naming Xen's command line
# and the boot modules, which QEMU's loader puts in RAM. One CPU: with
# -smp 2 under -icount Xen 4.17 hangs after its P2M setup.
XEN_CACHE=${XEN_CACHE:-${ARM64_CACHE:-$HOME/.cache/bulkhead/arm64}/xen}
XEN_MACHINE=(-M virt,virtualization=on,gic-version=3 -cpu "$BENCH_CPU" -smp 1 -m 1024)
# Xen's own console on QEMU's PL011; guests' console output shown.
XEN_ARGS="console=dtuart dtuart=/pl011@9000000 guest_loglvl=all"
# Where the modules go: above QEMU's device tree, below Xen's own place
# at the top of RAM.
XEN_MODULE_BASE=0x50000000
XEN_MODULE_ALIGN=0x4000000

# xen_image: Debian's Xen, fetched once into the cache.
xen_image() {
	"$srctree/tools/xen/fetch-xen.sh" "$XEN_CACHE" >&2 || return 1
	ls "$XEN_CACHE"/root/boot/xen-4.17*-arm64 | head -n 1
}

# xen_module KIND FILE INDEX: a /chosen module node (KIND kernel or
# ramdisk) for FILE at the INDEX-th module address.
xen_module() {
	local address=$((XEN_MODULE_BASE + $3 * XEN_MODULE_ALIGN))
	printf '\t\tmodule@%x {\n\t\t\tcompatible = "multiboot,%s", "multiboot,module";\n' "$address" "$1"
	printf '\t\t\treg = <0 %#x 0 %#x>;\n\t\t};\n' "$address" "$(stat -c %s "$2")"
}

# xen_loader FILE INDEX: QEMU's arguments that put FILE at that address.
xen_loader() {
	echo "-device loader,file=$1,addr=$(printf '%#x' $((XEN_MODULE_BASE + $2 * XEN_MODULE_ALIGN))),force-raw=on"
}

# xen_dtb OUT CHOSEN: QEMU's device tree for XEN_MACHINE, with the text
# CHOSEN (Xen's command line and boot modules) added to /chosen.
xen_dtb() {
	seedless_dtb "$1" "$2" "${XEN_MACHINE[@]}"
}

# xen_run LOG PATTERN DTB [QEMU arguments]: boots Xen under -icount until
# PATTERN shows in LOG (Xen keeps running after its guests end).
xen_run() {
	local log=$1 pattern=$2 dtb=$3 xen
	shift 3
	xen=$(xen_image) || return 1
	# shellcheck disable=SC2068
	run_until "$log" "$pattern" 300 qemu-system-aarch64 "${XEN_MACHINE[@]}" -nographic -no-reboot \
		-icount shift=0,sleep=off "${BENCH_RTC[@]}" -kernel "$xen" -dtb "$dtb" $@
}
