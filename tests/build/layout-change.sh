#!/bin/bash
# After a first build, pointing CONFIG_LAYOUT at another layout (an older
# file, as a layout from the clone is) regenerates the tables and repacks:
# the image holds the new partitions and the build prints the new
# layout's reserved memory. Editing an image the layout names repacks it;
# a layout file deleted after the switch breaks nothing; an unchanged
# build does nothing. Building only: no QEMU boot.
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir build-layout-change)
layouts=$out/layouts
mkdir -p "$layouts"
# Images beside the layout are found first, so the test may edit this copy.
cp "$BUILD/guests/heartbeat.bin" "$layouts/heartbeat.bin"
sed -e 's/size: 64M }/size: 80M }/' "$SRCTREE/configs/qemu-virt-baremetal.yaml" >"$layouts/first.yaml"
sed -e 's/size: 64M }/size: 96M }/' -e 's/name: sensor/name: probe/' -e 's/name: actuator/name: motor/' \
	"$SRCTREE/configs/qemu-virt-baremetal.yaml" >"$layouts/second.yaml"
touch -d '1 hour ago' "$layouts/second.yaml"

built() { sed -n 's/^  \(GEN\|PACK\) *\([^ ]*\).*/\1 \2/p' "$1" | tr '\n' ' '; }
# The image's components as packed: kind, partition, where, and digest.
inspect_image() { "$BUILD/host/bulkhead-image" inspect "$out/appliance.img" | grep -E '^[0-9]+ '; }

make_out "$out" qemu-virt_defconfig >/dev/null
set_options "$out" "LAYOUT=$layouts/first.yaml"
make_out "$out" appliance $(shared_build_products) $(shared_guests) >"$out/first.log" 2>&1 ||
	fail "first build failed: $(tail -n 5 "$out/first.log")"
expect_line "$out/first.log" "^  LAYOUT +hypervisor memory reserved by the layout: 80 MiB$" "the first layout's 80 MiB"
grep -q '"sensor"' "$out/gen/tables.c" || fail "the first layout's partition sensor is not in the tables"
inspect_image >"$out/first.components"

set_options "$out" "LAYOUT=$layouts/second.yaml"
make_out "$out" appliance $(shared_build_products) $(shared_guests) >"$out/second.log" 2>&1 ||
	fail "build after changing the layout failed: $(tail -n 5 "$out/second.log")"
expect_line "$out/second.log" "^  GEN +.*/second\\.yaml$" "the tables are regenerated from the new layout (built: $(built "$out/second.log"))"
expect_line "$out/second.log" "^  LAYOUT +hypervisor memory reserved by the layout: 96 MiB$" \
	"the build prints the new layout's 96 MiB, not the old one's"
grep -q '"probe"' "$out/gen/tables.c" && grep -q '"motor"' "$out/gen/tables.c" ||
	fail "the new layout's partitions probe and motor are not in build/gen/tables.c"
grep -q '"sensor"' "$out/gen/tables.c" && fail "the old layout's partition sensor is still in the tables"
inspect_image >"$out/second.components"
cmp -s "$out/first.components" "$out/second.components" && fail "the image still packs the first layout's components"

make_out "$out" appliance $(shared_build_products) $(shared_guests) >"$out/again.log" 2>&1 || fail "third build failed"
[ -z "$(built "$out/again.log")" ] || fail "an unchanged build regenerated or repacked: $(built "$out/again.log")"

# An image's content is an input: editing it repacks the image with it.
printf 'edited' >>"$layouts/heartbeat.bin"
make_out "$out" appliance $(shared_build_products) $(shared_guests) >"$out/image.log" 2>&1 ||
	fail "build after editing an image failed: $(tail -n 5 "$out/image.log")"
expect_line "$out/image.log" "^  PACK +appliance\\.img$" "an edited image repacks the appliance"
edited=$(sha256sum "$layouts/heartbeat.bin" | cut -d' ' -f1)
inspect_image >"$out/image.components"
grep -q " $edited\$" "$out/image.components" || fail "the image does not hold the edited heartbeat.bin (sha256 $edited)"

# A layout renamed, and CONFIG_LAYOUT with it: the name the last
# generation depended on is gone, which must not stop the build.
mv "$layouts/second.yaml" "$layouts/renamed.yaml"
set_options "$out" "LAYOUT=$layouts/renamed.yaml"
make_out "$out" appliance $(shared_build_products) $(shared_guests) >"$out/renamed.log" 2>&1 ||
	fail "a renamed layout broke the build: $(tail -n 3 "$out/renamed.log")"
expect_line "$out/renamed.log" "^  GEN +.*/renamed\\.yaml$" "the renamed layout is compiled"
echo "layout switch: $(built "$out/second.log"); edited image repacked; a renamed layout builds"
