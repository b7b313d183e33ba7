# The dependency script finds everything installed and is idempotent.
run_test deps-setup-idempotent 120 bash -c '
	"$SRCTREE/tools/setup-deps.sh" --check || exit 1
	out=$("$SRCTREE/tools/setup-deps.sh" 2>&1) || exit 1
	[ -z "$out" ] || { echo "a second run did something: $out"; exit 1; }'
