# QEMU boot tests of the hypervisor image (each bounded by its timeout).
run_test boot-untangle-console 10 "$SRCTREE/tests/boot/untangle-console.sh"
run_test boot-banner 60 "$SRCTREE/tests/boot/banner.sh"
for kind in unmapped write-text exec-data exec-boot-code; do
	run_test "boot-panic-$kind" 120 "$SRCTREE/tests/boot/panic.sh" "$kind"
done
run_test boot-run-image 120 "$SRCTREE/tests/boot/run-image.sh"
run_test boot-make-run-shell 240 "$SRCTREE/tests/boot/make-run-shell.sh"
