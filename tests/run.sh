#!/bin/bash
# run.sh SRCTREE BUILD [GLOB]
#
# Runs every test suite in tests/suites/ (in name order). A suite is a bash
# file that calls `run_test NAME TIMEOUT_SECONDS COMMAND...` once per test.
# Each test's output goes to BUILD/tests/logs/NAME.log; a failing test's log
# tail is shown. Prints one line per test and, last, "N passed, N failed".
# GLOB (a shell pattern) runs only the tests whose names match.
set -u

SRCTREE=$1
BUILD=$2
TEST_FILTER=${3:-*}
export SRCTREE BUILD
LOG_DIR=$BUILD/tests/logs
mkdir -p "$LOG_DIR"

passed=0 failed=0 skipped=0
failed_names=()

# Exit status 77 means "skipped", as in automake.
run_test() {
	local name=$1 limit=$2
	shift 2
	# shellcheck disable=SC2053
	[[ $name == $TEST_FILTER ]] || return 0
	local log=$LOG_DIR/$name.log start end status elapsed
	start=$(date +%s%N)
	timeout --kill-after=10 "$limit" "$@" >"$log" 2>&1 </dev/null
	status=$?
	end=$(date +%s%N)
	elapsed=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1fs", ns / 1e9 }')
	if [ $status -eq 0 ]; then
		passed=$((passed + 1))
		printf 'PASS %-44s %7s\n' "$name" "$elapsed"
	elif [ $status -eq 77 ]; then
		skipped=$((skipped + 1))
		printf 'SKIP %-44s %7s  %s\n' "$name" "$elapsed" "$(tail -n 1 "$log")"
	else
		failed=$((failed + 1))
		failed_names+=("$name")
		if [ $status -eq 124 ] || [ $status -eq 137 ]; then
			printf 'FAIL %-44s %7s  timed out after %ss\n' "$name" "$elapsed" "$limit"
		else
			printf 'FAIL %-44s %7s  exit %d\n' "$name" "$elapsed" "$status"
		fi
		tail -n 15 "$log" | sed 's/^/    | /'
		echo "    full log: $log"
	fi
}

for suite in "$SRCTREE"/tests/suites/*.sh; do
	# shellcheck source=/dev/null
	source "$suite"
done

if [ ${#failed_names[@]} -gt 0 ]; then
	echo "failed: ${failed_names[*]}"
fi
summary="$passed passed, $failed failed"
[ $skipped -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ $failed -eq 0 ] && [ $((passed + skipped)) -gt 0 ]
