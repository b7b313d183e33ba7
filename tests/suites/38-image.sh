# Signed and measured boot images (tests/image/).
run_test image-measured-boot 240 "$SRCTREE/tests/image/measured-boot.sh"
run_test image-log-flood 300 "$SRCTREE/tests/image/log-flood.sh"
run_test image-tamper 600 "$SRCTREE/tests/image/tamper.sh"
run_test image-fuzz-smoke 120 bash -c '
	corpus=$BUILD/tests/work/fuzz-image-corpus
	rm -rf "$corpus" && mkdir -p "$corpus"
	python3 "$SRCTREE/tests/fuzz/image_seeds.py" "$corpus"
	"$BUILD/host-fuzz/fuzz-image" -max_total_time=20 -max_len=20000 -artifact_prefix="$BUILD/tests/work/" "$corpus"'
run_test image-cli 240 "$SRCTREE/tests/image/cli.sh"
run_test image-release-key 300 "$SRCTREE/tests/image/release-key.sh"
