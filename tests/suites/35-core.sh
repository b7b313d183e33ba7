run_test core-checks 240 "$SRCTREE/tests/core/checks.sh"
