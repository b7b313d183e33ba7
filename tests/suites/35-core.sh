run_test core-checks 240 "$SRCTREE/tests/core/checks.sh"
run_test runtime-guests 240 "$SRCTREE/tests/core/runtime-guests.sh"
run_test core-bench-guest 120 "$SRCTREE/tests/core/bench-guest.sh"
# The same guests without the hypervisor: the runtime itself is right.
for guest in smoke psci hypercalls heartbeat bench; do
	run_test "guest-native-$guest" 60 "$SRCTREE/tests/guests/native-test.sh" "$guest"
done
run_test guest-native-smoke-relocated 60 "$SRCTREE/tests/guests/native-test.sh" --load-addr 0x48000000 smoke
