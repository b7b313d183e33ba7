# QEMU boot tests of the hypervisor image (each bounded by its timeout).
run_test boot-banner 60 "$SRCTREE/tests/boot/banner.sh"
run_test boot-panic-path 120 "$SRCTREE/tests/boot/panic.sh"
run_test boot-run-image 120 "$SRCTREE/tests/boot/run-image.sh"
