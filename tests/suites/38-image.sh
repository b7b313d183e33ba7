# Signed and measured boot images (tests/image/).
run_test image-measured-boot 240 "$SRCTREE/tests/image/measured-boot.sh"
run_test image-tamper 600 "$SRCTREE/tests/image/tamper.sh"
