#!/bin/bash
# check, gen and layout find the board from the layout's `platform:` when
# no --board is given: --board-dir folders first, then BULKHEAD_BOARD_PATH,
# then the installed and the source tree's platform/ folders; --board
# still overrides, and a platform found nowhere is an error at the
# `platform:` line naming every path tried.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-board-search)
cd "$dir"	# nothing found relative to the working directory by accident

"$BULKHEAD_SAN" check "$SRCTREE/configs/qemu-virt-appliance.yaml" 2>"$dir/found.err" ||
	fail "check without --board did not find platform/qemu-virt: $(grep error "$dir/found.err")"
"$BULKHEAD_SAN" layout "$SRCTREE/configs/qemu-virt-shared-cpu.yaml" >"$dir/report.txt" ||
	fail "layout without --board failed"
grep -qF "Schedule of CPU 3" "$dir/report.txt" || fail "the report without --board lacks the schedule"
stand_in_images "$SRCTREE/configs/qemu-virt-baremetal.yaml" "$dir/images"
"$BULKHEAD_SAN" gen "$SRCTREE/configs/qemu-virt-baremetal.yaml" --images "$dir/images" -o "$dir/gen" ||
	fail "gen without --board failed"
grep -qF "$SRCTREE/platform/qemu-virt/board.yaml" "$dir/gen/tables.d" ||
	fail "gen did not depend on the board it found (tables.d: $(head -c 300 "$dir/gen/tables.d"))"

# A board of one's own, under the name its layout gives.
mkdir -p "$dir/mine/myboard" "$dir/broken/myboard"
sed 's/^board: qemu-virt$/board: myboard/' "$BOARD_YAML" >"$dir/mine/myboard/board.yaml"
echo "board: myboard" >"$dir/broken/myboard/board.yaml"
sed 's/^platform: qemu-virt$/platform: myboard/' "$SRCTREE/configs/qemu-virt-baremetal.yaml" >"$dir/mine.yaml"
BULKHEAD_BOARD_PATH="$dir/nowhere:$dir/mine" "$BULKHEAD_SAN" check "$dir/mine.yaml" ||
	fail "BULKHEAD_BOARD_PATH's second folder was not searched"
"$BULKHEAD_SAN" check "$dir/mine.yaml" --board-dir "$dir/nowhere" --board-dir "$dir/mine" ||
	fail "the second --board-dir was not searched"
# --board-dir comes before the environment: the broken board is not reached.
BULKHEAD_BOARD_PATH="$dir/broken" "$BULKHEAD_SAN" check "$dir/mine.yaml" --board-dir "$dir/mine" ||
	fail "BULKHEAD_BOARD_PATH was searched before --board-dir"
if BULKHEAD_BOARD_PATH="$dir/broken:$dir/mine" "$BULKHEAD_SAN" check "$dir/mine.yaml" 2>"$dir/broken.err"; then
	fail "the first board found was not the one used"
fi
grep -q "broken/myboard/board.yaml.*incomplete board description" "$dir/broken.err" ||
	fail "the broken board found first is not the one reported: $(head -n 2 "$dir/broken.err")"

# --board overrides the search: the mismatch with the layout is then reported.
if BULKHEAD_BOARD_PATH="$dir/mine" "$BULKHEAD_SAN" check "$dir/mine.yaml" --board "$BOARD_YAML" 2>"$dir/override.err"; then
	fail "--board did not override the search"
fi
grep -q "mine.yaml:4:11: error: layout is for platform 'myboard' but this build's board is 'qemu-virt'" \
	"$dir/override.err" || fail "--board did not override: $(head -n 1 "$dir/override.err")"

# Found nowhere: the platform's line, the platform, every path tried, and how to fix it.
sed 's/^platform: qemu-virt$/platform: nosuch/' "$SRCTREE/configs/qemu-virt-baremetal.yaml" >"$dir/nosuch.yaml"
if BULKHEAD_BOARD_PATH="$dir/env" "$BULKHEAD_SAN" check "$dir/nosuch.yaml" --board-dir "$dir/flag" 2>"$dir/nosuch.err"; then
	fail "a platform without a board description was accepted"
fi
want="nosuch.yaml:4:11: error: no board description for platform 'nosuch': tried $dir/flag/nosuch/board.yaml, $dir/env/nosuch/board.yaml, $BUILD/share/bulkhead/platform/nosuch/board.yaml, $SRCTREE/platform/nosuch/board.yaml"
grep -qF "$want" "$dir/nosuch.err" || fail "expected '$want', got: $(head -n 1 "$dir/nosuch.err")"
grep -qF "hint: give --board FILE, --board-dir DIR or BULKHEAD_BOARD_PATH=DIR[:DIR...]" "$dir/nosuch.err" ||
	fail "the error does not say how to give the board"
