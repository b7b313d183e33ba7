# The layout compiler: one test per refused layout (exact position and
# message), the examples compiled and read back, determinism, the board
# description against QEMU, the command line, the JSON Schema, and a
# bounded fuzzing run. All against the ASan + UBSan build.
for layout in "$SRCTREE"/tests/gen/bad/*.yaml; do
	name=${layout##*/}
	run_test "gen-bad-${name%.yaml}" 30 "$SRCTREE/tests/gen/check-bad-layout.sh" "$layout"
done
for layout in "$SRCTREE"/configs/*.yaml; do
	name=${layout##*/}
	name=${name%.yaml}
	run_test "gen-dtb-$name" 60 "$SRCTREE/tests/gen/example-dtbs.sh" "$name"
done
run_test gen-deterministic 60 "$SRCTREE/tests/gen/deterministic.sh"
run_test gen-board-matches-qemu 60 "$SRCTREE/tests/gen/board-matches-qemu.sh"
run_test gen-cli 60 "$SRCTREE/tests/gen/cli.sh"
run_test gen-board-search 30 "$SRCTREE/tests/gen/board-search.sh"
run_test gen-doc-linux-root 30 "$SRCTREE/tests/gen/doc-example.sh" docs/linux-root.md
run_test gen-dma-warning 30 "$SRCTREE/tests/gen/dma-warning.sh"
run_test gen-pci 30 "$SRCTREE/tests/gen/pci.sh"
run_test gen-rules-documented 60 "$SRCTREE/tests/gen/rules.sh"
run_test gen-follow-on 30 "$SRCTREE/tests/gen/follow-on.sh"
run_test gen-json-schema 60 "$SRCTREE/tests/gen/json-schema.sh"
run_test gen-svg 60 "$SRCTREE/tests/gen/svg.sh"
run_test gen-svg-docs 60 "$SRCTREE/tests/gen/svg-docs.sh"
run_test gen-console-default 30 "$SRCTREE/tests/gen/console-default.sh"
run_test gen-diff 30 "$SRCTREE/tests/gen/diff.sh"
run_test gen-fuzz-smoke 120 "$SRCTREE/tests/gen/fuzz-smoke.sh"
