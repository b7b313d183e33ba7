# Host unit tests of core/ code (built with ASan and UBSan by tests/tests.mk).
for t in "$BUILD"/host-san/tests/unit/test_*; do
	[ -x "$t" ] || continue
	name=${t##*/test_}
	run_test "unit-${name//_/-}" 60 "$t"
done
