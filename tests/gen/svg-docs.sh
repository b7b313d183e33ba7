#!/bin/bash
# The pictures in docs/ are what bulkhead draws from the example layouts
# today (the build redraws them; see gen/gen.mk), they are committed as
# redrawn, and docs/config.md shows the default layout's picture (the
# layout CONFIG_LAYOUT names by default, the one `make run` boots).
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-svg-docs)
in_git=
git -C "$SRCTREE" rev-parse --git-dir >/dev/null 2>&1 && in_git=1
for layout in "$SRCTREE"/configs/qemu-virt-*.yaml; do
	name=$(basename "$layout" .yaml)
	name=${name#qemu-virt-}
	picture=docs/layout-$name.svg
	"$BULKHEAD_SAN" layout "$layout" --board "$BOARD_YAML" --svg "$dir/$name.svg" >/dev/null 2>&1 ||
		fail "layout $name"
	cmp "$dir/$name.svg" "$SRCTREE/$picture" || fail "$picture is not what bulkhead draws: make redraws it"
	if [ -n "$in_git" ]; then
		git -C "$SRCTREE" ls-files --error-unmatch "$picture" >/dev/null 2>&1 || fail "$picture is not committed"
		git -C "$SRCTREE" diff --quiet -- "$picture" || fail "$picture was redrawn: commit it"
	fi
done
default=$(sed -n '/^config LAYOUT$/,/^config /s/^\tdefault "configs\/qemu-virt-\(.*\)\.yaml"$/\1/p' "$SRCTREE/Kconfig")
[ -n "$default" ] || fail "no default layout found in Kconfig"
grep -qF "(layout-$default.svg)" "$SRCTREE/docs/config.md" || fail "docs/config.md does not show layout-$default.svg"
