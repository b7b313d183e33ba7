#!/bin/bash
# The same layout compiles to byte-identical output, wherever it is built.
. "$SRCTREE/tests/gen/lib.sh"

for name in qemu-virt-appliance qemu-virt-linux-baremetal; do
	a=$(scratch_dir "gen-det-a-$name")
	b=$(scratch_dir "gen-det-b-$name")
	gen_layout "$SRCTREE/configs/$name.yaml" "$a"
	gen_layout "$SRCTREE/configs/$name.yaml" "$b"
	for f in "$a"/out/*.dtb "$a"/out/tables.c; do
		cmp "$f" "$b/out/$(basename "$f")" || fail "$(basename "$f") of $name differs between two runs"
	done
	! grep -q "$a" "$a/out/tables.c" || fail "tables.c of $name contains a build path"
done
