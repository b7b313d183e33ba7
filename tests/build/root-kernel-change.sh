#!/bin/bash
# Choosing the root's kernel (CONFIG_ROOT_KERNEL_*) after a build copies
# the new kernel, rebuilds the initramfs from that kernel's own modules
# and repacks; an unchanged build does nothing. The initramfs's
# /lib/modules/VERSION is the version the Image itself names, and every
# module in it says so in its vermagic; your own kernel with modules of
# another version is refused when building, naming both; a driver it has
# built in (modules.builtin) needs no module. Building only:
# no QEMU boot (linux-root-boot-rt boots the RT kernel).
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir build-root-kernel-change)
cache=${ARM64_CACHE:-$HOME/.cache/bulkhead/arm64}
built() { sed -n 's/^  \(COPY\|CPIO\|GEN\|PACK\) *\([^ ]*\).*/\1 \2/p' "$1" | tr '\n' ' '; }
build() {
	make_out "$out" appliance $(shared_build_products) $(shared_guests) >"$out/$1.log" 2>&1
}
image_version() { grep -ao 'Linux version [^ ]*' "$1" | head -n 1 | cut -d' ' -f3; }
# The initramfs's module directory must be the Image's version, and each
# module's vermagic with it. The modules: those /init loads (tests/linux/init),
# unless given.
all_modules="virtio_blk.ko virtio_mmio.ko virtio_pci.ko virtio_pci_legacy_dev.ko virtio_pci_modern_dev.ko"
check_initramfs() {
	local version=$1 expected=${2:-$all_modules} listing modules ko magic
	rm -rf "$out/unpacked" && mkdir -p "$out/unpacked"
	(cd "$out/unpacked" && gzip -dc "$out/linux/initramfs.cpio.gz" | cpio -id --quiet)
	listing=$(cd "$out/unpacked" && ls lib/modules)
	[ "$listing" = "$version" ] || fail "the initramfs has lib/modules/$listing, the Image is $version"
	modules=$(ls "$out/unpacked/lib/modules/$version")
	[ "$(echo $modules)" = "$expected" ] || fail "the initramfs's modules: $(echo $modules), not $expected"
	for ko in "$out/unpacked/lib/modules/$version"/*.ko; do
		magic=$(grep -ao 'vermagic=[^ ]*' "$ko" | head -n 1 | cut -d= -f2)
		[ "$magic" = "$version" ] || fail "${ko##*/} in the initramfs is built for $magic, the Image is $version"
	done
}

make_out "$out" qemu-virt_defconfig >/dev/null
set_options "$out" "LAYOUT=$SRCTREE/tests/layouts/linux-root.yaml"
build stock || fail "the stock kernel's build failed: $(tail -n 5 "$out/stock.log")"
stock=$(image_version "$out/linux/Image")
case $stock in *-rt-*|"") fail "the default kernel is '$stock', not Debian's stock one" ;; esac
check_initramfs "$stock"
cp "$out/linux/Image" "$out/stock-Image"

set_options "$out" ROOT_KERNEL_STOCK=n ROOT_KERNEL_RT=y
build rt || fail "the RT kernel's build failed: $(tail -n 5 "$out/rt.log")"
rt=$(image_version "$out/linux/Image")
case $rt in *-rt-arm64) ;; *) fail "CONFIG_ROOT_KERNEL_RT built Image $rt (built: $(built "$out/rt.log"))" ;; esac
check_initramfs "$rt"
for step in "COPY linux/Image" "CPIO linux/initramfs.cpio.gz" "PACK appliance.img"; do
	expect_line "$out/rt.log" "^  ${step% *} +${step#* }$" "choosing the RT kernel did not $step (built: $(built "$out/rt.log"))"
done
build again || fail "the unchanged build failed"
[ -z "$(built "$out/again.log")" ] || fail "an unchanged build rebuilt: $(built "$out/again.log")"

# Your own kernel: the stock Image with the RT kernel's modules is refused.
set_options "$out" ROOT_KERNEL_RT=n ROOT_KERNEL_CUSTOM=y "ROOT_KERNEL_IMAGE=$out/stock-Image" \
	"ROOT_KERNEL_MODULES=$cache/rt/root"
if build mismatch; then fail "the stock Image built with the RT kernel's modules"; fi
expect_line "$out/mismatch.log" "mkinitramfs: $cache/rt/root has no lib/modules/$stock, the modules of $out/linux/Image \\(it has: $rt \\)"
# ... and so are modules of another kernel filed under its version.
mkdir -p "$out/mine/lib/modules/$stock/kernel"
cp "$cache/rt/root/lib/modules/$rt/kernel/drivers/virtio/virtio_mmio.ko" \
	"$cache/rt/root/lib/modules/$rt/kernel/drivers/block/virtio_blk.ko" "$out/mine/lib/modules/$stock/kernel/"
set_options "$out" "ROOT_KERNEL_MODULES=$out/mine"
if build relabelled; then fail "modules built for $rt were packed for $stock"; fi
expect_line "$out/relabelled.log" "mkinitramfs: $out/mine/lib/modules/$stock/kernel/virtio_mmio.ko is built for kernel '$rt', not $out/linux/Image's $stock"
# With its own modules it builds, and a rebuilt Image is copied again.
set_options "$out" "ROOT_KERNEL_MODULES=$cache/root"
build custom || fail "your own kernel's build failed: $(tail -n 5 "$out/custom.log")"
[ "$(image_version "$out/linux/Image")" = "$stock" ] || fail "CONFIG_ROOT_KERNEL_IMAGE was not copied"
check_initramfs "$stock"
touch "$out/stock-Image"
build touched || fail "the build after touching your Image failed"
expect_line "$out/touched.log" "^  COPY +linux/Image$" "a newer Image of your own is not copied (built: $(built "$out/touched.log"))"
# A driver your kernel has built in (its modules.builtin says so) needs no module.
mkdir -p "$out/builtin/lib/modules/$stock/kernel"
cp "$cache/root/lib/modules/$stock/kernel/drivers/virtio/virtio_mmio.ko" \
	"$cache/root/lib/modules/$stock/kernel/drivers/block/virtio_blk.ko" "$out/builtin/lib/modules/$stock/kernel/"
printf 'kernel/drivers/virtio/%s.ko\n' virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci \
	>"$out/builtin/lib/modules/$stock/modules.builtin"
set_options "$out" "ROOT_KERNEL_MODULES=$out/builtin"
build builtin || fail "your own kernel with virtio_pci built in did not build: $(tail -n 5 "$out/builtin.log")"
check_initramfs "$stock" "virtio_blk.ko virtio_mmio.ko"
echo "stock $stock -> rt $rt: $(built "$out/rt.log"); mismatched modules refused; your own kernel builds, with drivers built in too"
