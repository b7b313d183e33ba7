#!/bin/bash
# A guest whose every check is a SKIP proves nothing, and must not pass:
# the bounds guest natively (no hypervisor, nothing to attack) ends with
# "DONE 0 passed, 1 failed", and native-test.sh reports a failure.
. "$SRCTREE/tests/lib/common.sh"

if out=$("$SRCTREE/tests/guests/native-test.sh" bounds); then
	fail "native-test passed a guest that skipped every check: $out"
fi
out=$(echo "$out" | tr -d '\r')
echo "$out"
echo "$out" | grep -q '^SKIP bounds: no hypervisor' || fail "bounds did not skip natively"
echo "$out" | grep -q '^FAIL bounds: no check passed (every one skipped, or none ran)$' ||
	fail "no FAIL line for a run where nothing passed"
echo "$out" | grep -q '^DONE 0 passed, 1 failed$' || fail "DONE does not count the run as failed"
