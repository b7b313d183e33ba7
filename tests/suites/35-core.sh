run_test core-checks 240 "$SRCTREE/tests/core/checks.sh"
run_test core-attacks 180 "$SRCTREE/tests/core/attacks.sh"
run_test core-console 240 "$SRCTREE/tests/core/console.sh"
run_test core-storm 180 "$SRCTREE/tests/core/storm.sh"
run_test runtime-guests 240 "$SRCTREE/tests/core/runtime-guests.sh"
run_test vgic-attacks 300 "$SRCTREE/tests/core/vgic-attacks.sh"
run_test core-cpu-state 180 "$SRCTREE/tests/core/cpu-state.sh"
run_test core-dma-attack 300 "$SRCTREE/tests/core/dma-attack.sh"
run_test core-bench-guest 120 "$SRCTREE/tests/core/bench-guest.sh"
run_test core-bench-guest-wfi-trap 120 "$SRCTREE/tests/core/bench-guest.sh" bench-wfi-trap
# The same guests without the hypervisor: the runtime itself is right.
for guest in smoke psci hypercalls heartbeat; do
	run_test "guest-native-$guest" 60 "$SRCTREE/tests/guests/native-test.sh" "$guest"
done
# As make bench runs it: -icount and the counter at 1 GHz, so that its
# figures are instruction counts, a few natively, never the host's timing.
run_test guest-native-bench 60 "$SRCTREE/tests/guests/native-test.sh" --icount \
	--cpu cortex-a57,cntfrq=1000000000 bench
run_test guest-native-all-skipped-fails 60 "$SRCTREE/tests/core/all-skipped-fails.sh"
run_test guest-native-smoke-relocated 60 "$SRCTREE/tests/guests/native-test.sh" --load-addr 0x48000000 smoke
