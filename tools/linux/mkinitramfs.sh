#!/bin/sh
# mkinitramfs.sh OUT.cpio.gz IMAGE MODULES_DIR "MODULE..." BUSYBOX INIT PROGRAM...
#
# The root partition's initramfs: busybox, INIT as /init, the PROGRAMs in
# /bin, and the named modules of IMAGE's own kernel in
# /lib/modules/VERSION, VERSION being what IMAGE says it is ("Linux
# version VERSION", its `uname -r`). The modules come from
# MODULES_DIR/lib/modules/VERSION (a Debian package unpacked, or what
# `make modules_install INSTALL_MOD_PATH=MODULES_DIR` wrote), and each
# must carry VERSION in its vermagic: a module of another kernel fails to
# load ("invalid module format"), so it is refused here, by name. A
# module its modules.builtin lists is built in and left out; an empty
# MODULES_DIR: the kernel has the drivers built in, no modules.
set -eu
[ $# -ge 6 ] || { echo "usage: $0 OUT.cpio.gz IMAGE MODULES_DIR \"MODULE...\" BUSYBOX INIT PROGRAM..." >&2; exit 2; }
out=$1 image=$2 modules_dir=$3 modules=$4 busybox=$5 init=$6
shift 6
me=$(basename "$0" .sh)

# The banner every kernel carries uncompressed in its .rodata.
version=$(grep -ao 'Linux version [^ ]*' "$image" | head -n 1 | cut -d' ' -f3)
[ -n "$version" ] || { echo "$me: $image has no 'Linux version' string: not an uncompressed arm64 Linux Image" >&2; exit 1; }

tree=${out%.cpio.gz}
rm -rf "$tree"
mkdir -p "$tree/bin" "$tree/proc" "$tree/sys" "$tree/dev" "$tree/lib/modules/$version"
cp "$busybox" "$tree/bin/busybox"
install -m 755 "$init" "$tree/init"
install -m 755 "$@" "$tree/bin/"
if [ -n "$modules_dir" ]; then
	from=$modules_dir/lib/modules/$version
	[ -d "$from" ] || { echo "$me: $modules_dir has no lib/modules/$version, the modules of $image" \
		"(it has: $(ls "$modules_dir/lib/modules" 2>/dev/null | tr '\n' ' ')); another kernel's modules fail to load" >&2; exit 1; }
	for m in $modules; do
		ko=$(find "$from" -name "$m.ko" | head -n 1)
		if [ -z "$ko" ] && grep -q "/$m\.ko\$" "$from/modules.builtin" 2>/dev/null; then
			continue	# built into the kernel: nothing to load
		fi
		[ -n "$ko" ] || { echo "$me: no $m.ko under $from, nor in its modules.builtin (uncompressed modules only)" >&2; exit 1; }
		magic=$(grep -ao 'vermagic=[^ ]*' "$ko" | head -n 1 | cut -d= -f2)
		[ "$magic" = "$version" ] || { echo "$me: $ko is built for kernel '$magic', not $image's $version" >&2; exit 1; }
		cp "$ko" "$tree/lib/modules/$version/"
	done
fi
# The same files make the same archive, byte for byte: times, owners and
# inode numbers fixed, names sorted; so a boot's instruction count repeats.
(cd "$tree" && find . -exec touch -h -d @0 {} + &&
	find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 --reproducible | gzip -9n) >"$out.tmp"
mv "$out.tmp" "$out"
