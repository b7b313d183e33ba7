#!/bin/bash
# doc-example.sh DOC: every ```yaml block of DOC (docs/linux-root.md) is a
# complete layout that compiles as written: `bulkhead check` finds its
# board from its `platform:` and accepts it, and `bulkhead gen` places it
# with stand-in images of the names it gives. Warnings are allowed; an
# error, or a page with no example left, fails.
. "$SRCTREE/tests/gen/lib.sh"

doc=$SRCTREE/$1
name=$(basename "$1" .md)
dir=$(scratch_dir "gen-doc-$name")
awk -v dir="$dir" '
	/^```yaml$/ { n++; file = dir "/example-" n ".yaml"; next }
	/^```$/ { file = ""; next }
	file != "" { print > file }' "$doc"
compgen -G "$dir/example-*.yaml" >/dev/null || fail "no \`\`\`yaml example in $1"
for example in "$dir"/example-*.yaml; do
	"$BULKHEAD_SAN" check "$example" 2>"$example.err" ||
		fail "$1's $(basename "$example" .yaml) does not compile: $(grep -m1 error "$example.err")"
	stand_in_images "$example" "$dir/images"
	"$BULKHEAD_SAN" gen "$example" --board-dtb "$(board_dtb)" --images "$dir/images" -o "$dir/out" \
		2>"$example.gen.err" || fail "$1's $(basename "$example" .yaml) does not place: $(grep -m1 error "$example.gen.err")"
done
echo "$(ls "$dir"/example-*.yaml | wc -l) example(s) of $1 compile"
