# Static cyclic schedules, measured under -icount shift=0.
run_test sched-shares 180 "$SRCTREE/tests/sched/shares.sh" spin
run_test sched-wfi-gives-time-back 180 "$SRCTREE/tests/sched/shares.sh" wfi
run_test sched-timer-waits-for-window 180 "$SRCTREE/tests/sched/timer.sh"
run_test sched-spread-vcpus 180 "$SRCTREE/tests/sched/spread.sh"
run_test sched-urgent-preempts 180 "$SRCTREE/tests/sched/urgent.sh"
run_test sched-urgent-masked-no-preemption 300 "$SRCTREE/tests/sched/urgent-hog.sh" masked
run_test sched-urgent-budget 300 "$SRCTREE/tests/sched/urgent-hog.sh" storm
run_test sched-self-reset 300 "$SRCTREE/tests/sched/self-reset.sh"
