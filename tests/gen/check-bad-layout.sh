#!/bin/bash
# check-bad-layout.sh FILE: the layout compiler refuses FILE with exit
# status 1 and prints, as its first diagnostic, exactly the line FILE's
# "# expect:" comment gives. "# args:" adds options; "# image: NAME SIZE
# [KIND ...]" provides an image file of that size in a directory passed
# with --images (KIND: "arm64 IMAGE_SIZE" opens it with an arm64 Image
# header, "elf" with an ELF file's magic; see stand_in_file).
. "$SRCTREE/tests/gen/lib.sh"

layout=${1#"$SRCTREE"/}
cd "$SRCTREE"
expected=$(sed -n '1,5s/^# expect: //p' "$layout")
args=$(sed -n '1,5s/^# args: //p' "$layout")
[ -n "$expected" ] || fail "$layout has no '# expect:' line"
dir=$(scratch_dir "gen-bad-$(basename "$layout" .yaml)")
images=$(sed -n '1,5s/^# image: //p' "$layout")
if [ -n "$images" ]; then
	while read -r name spec; do
		# shellcheck disable=SC2086
		stand_in_file "$dir/$name" $spec
	done <<<"$images"
	args="$args --images $dir"
fi
status=0
# shellcheck disable=SC2086
"$BUILD/host-san/bulkhead" check "$layout" --board platform/qemu-virt/board.yaml --cpus 4 \
	--max-partitions 8 --max-vcpus 16 $args >"$dir/out" 2>&1 || status=$?
cat "$dir/out"
[ $status -eq 1 ] || fail "expected exit status 1, got $status"
first=$(grep -m1 -E '^[^ ]+:[0-9]+:[0-9]+: error: ' "$dir/out")
[ "$first" = "$expected" ] || fail "first error is
  $first
expected
  $expected"
