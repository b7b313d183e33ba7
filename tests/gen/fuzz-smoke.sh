#!/bin/bash
# A bounded libFuzzer run over the whole layout compiler (ASan, UBSan):
# parse, validate, resolve images and generate the tables and every
# partition's device tree (tests/fuzz/fuzz_layout.c), seeded with every
# layout in the tree (configs/, tests/layouts/, tests/gen/bad/), each
# image they name present as a stand-in. FUZZ_SECONDS makes it longer.
. "$SRCTREE/tests/gen/lib.sh"

work=$(scratch_dir gen-fuzz-smoke)
corpus=$work/corpus images=$work/images output=$work/out
mkdir -p "$corpus" "$images" "$output"
layouts=("$SRCTREE"/configs/*.yaml "$SRCTREE"/tests/layouts/*.yaml "$SRCTREE"/tests/gen/bad/*.yaml)
cp "${layouts[@]}" "$corpus"/	# their names differ across the three folders
# One stand-in per image name, however many layouts name it.
cat "${layouts[@]}" >"$work/all-layouts.yaml"
stand_in_images "$work/all-layouts.yaml" "$images"
rm "$work/all-layouts.yaml"
FUZZ_IMAGES=$images FUZZ_BOARD_DTB=$(board_dtb) FUZZ_OUTPUT=$output "$BUILD/host-fuzz/fuzz-layout" -max_total_time="${FUZZ_SECONDS:-30}" \
	-artifact_prefix="$work/" "$corpus" 2>"$work/fuzz.log" ||
	{ tail -n 30 "$work/fuzz.log"; fail "the layout fuzzer found a crash (see $work/fuzz.log)"; }
grep -E '^(#[0-9]+.*DONE|Done [0-9]+ runs)' "$work/fuzz.log" | tail -n 1
