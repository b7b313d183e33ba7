#!/bin/bash
# A user who is not root and lacks a package gets the exact install
# command and a failure, not a half-finished build.
. "$SRCTREE/tests/lib/common.sh"

# Outside the build tree: the clone may live where "nobody" cannot look.
dir=$(mktemp -d /tmp/bulkhead-deps.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cp "$SRCTREE/tools/setup-deps.sh" "$dir/"
printf 'make  # present\nbulkhead-no-such-package  # missing\n' >"$dir/packages.txt"
chmod 755 "$dir" "$dir/setup-deps.sh"
chmod 644 "$dir/packages.txt"
status=0
runuser -u nobody -- "$dir/setup-deps.sh" --list "$dir/packages.txt" >"$dir/out.log" 2>&1 || status=$?
cat "$dir/out.log"
[ $status -eq 1 ] || fail "expected exit status 1 as non-root with a package missing, got $status"
expect_line "$dir/out.log" "missing Debian packages: bulkhead-no-such-package$"
expect_line "$dir/out.log" "sudo apt-get update && sudo apt-get install -y --no-install-recommends bulkhead-no-such-package$"
reject_line "$dir/out.log" "make( |$)" "a present package must not be listed"
