/*
 * Instruction counts from the generic counter. Under QEMU's -icount
 * shift=0 one nanosecond of guest time is one instruction, so a count of
 * ticks converted to nanoseconds is a count of instructions (exact when
 * CNTFRQ is 1 GHz, as `make bench` sets it).
 */
#ifndef BENCH_MEASURE_H
#define BENCH_MEASURE_H

#include <stdint.h>

/* Instructions from counter value "from" to "to". */
uint64_t instructions_between(uint64_t from, uint64_t to);

/* The cost of one call of "operation", in instructions: "repeats" calls
 * timed together, less as many calls of a function that does nothing. */
uint64_t cost_per_call(void (*operation)(void), unsigned int repeats);

#endif
