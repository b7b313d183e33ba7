/* Timing loops for the bench guest (measure.h). */
#include <guest.h>

#include "measure.h"

uint64_t instructions_between(uint64_t from, uint64_t to)
{
	return ns_from_ticks(to - from);
}

/* Not inlined: the baseline must cost what a call to an operation costs. */
static __attribute__((noinline)) void nothing(void)
{
	__asm__ volatile("" ::: "memory");
}

static uint64_t time_calls(void (*operation)(void), unsigned int repeats)
{
	uint64_t start = counter_read();

	for (unsigned int i = 0; i < repeats; i++)
		operation();
	return instructions_between(start, counter_read());
}

uint64_t cost_per_call(void (*operation)(void), unsigned int repeats)
{
	uint64_t total = time_calls(operation, repeats), baseline = time_calls(nothing, repeats);

	return total > baseline ? (total - baseline) / repeats : 0;
}
