# The dependency script finds everything installed, is idempotent, and
# tells a non-root user exactly what to install.
run_test deps-setup-idempotent 120 bash -c '
	"$SRCTREE/tools/setup-deps.sh" --check || exit 1
	out=$("$SRCTREE/tools/setup-deps.sh" 2>&1) || exit 1
	[ -z "$out" ] || { echo "a second run did something: $out"; exit 1; }'
run_test deps-non-root-told-what-to-install 60 "$SRCTREE/tests/build/deps-non-root.sh"
