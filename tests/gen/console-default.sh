#!/bin/bash
# A non-root partition that names no console gets a ring (kept for
# `bulkheadctl console`, never printed on the UART, which is the root's);
# `console: emulated` still puts its lines on the UART, and the root keeps
# the UART it owns.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-console-default)
gen_layout "$SRCTREE/tests/gen/console/defaults.yaml" "$dir" 2>/dev/null
console_of() {
	sed -n "/^\t\t\.name = \"$1\",\$/,/\.console = /s/^\t\t\.console = \(.*\),\$/\1/p" "$dir/out/tables.c"
}
[ "$(console_of root)" = LAYOUT_CONSOLE_DEVICE ] || fail "root: $(console_of root), not the UART it owns"
[ "$(console_of quiet)" = LAYOUT_CONSOLE_RING ] || fail "quiet (no console named): $(console_of quiet), not a ring"
[ "$(console_of loud)" = LAYOUT_CONSOLE_EMULATED ] || fail "loud (console: emulated): $(console_of loud)"
