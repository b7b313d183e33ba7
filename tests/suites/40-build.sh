# The Kconfig build behaves the way Linux and Zephyr users expect.
run_test build-option-changes-build 180 "$SRCTREE/tests/build/option-changes-build.sh"
run_test build-layout-change 180 "$SRCTREE/tests/build/layout-change.sh"
run_test build-incremental 180 "$SRCTREE/tests/build/incremental.sh"
run_test build-out-of-tree 180 "$SRCTREE/tests/build/out-of-tree.sh"
run_test build-savedefconfig 120 "$SRCTREE/tests/build/savedefconfig.sh"
run_test build-clean 120 "$SRCTREE/tests/build/clean.sh"
run_test build-menuconfig 60 "$SRCTREE/tests/build/menuconfig.sh"
run_test image-pack 60 "$SRCTREE/tests/build/image-pack.sh"
