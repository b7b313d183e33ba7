# A stock Linux as the root partition (fetches Debian's arm64 kernel once).
run_test linux-root-boot 300 "$SRCTREE/tests/linux/root-boot.sh"
