/*
 * The generic counter's ticks and nanoseconds, converted exactly and
 * without overflow for any 64-bit count (ticks * 10^9 would wrap after
 * 295 s at 62.5 MHz).
 */
#ifndef COUNTER_H
#define COUNTER_H

#include <arch.h>

#include <stdint.h>

#define NS_PER_SECOND 1000000000ULL

static inline uint64_t counter_ticks_to_ns(uint64_t ticks)
{
	uint64_t frequency = arch_counter_frequency();

	return ticks / frequency * NS_PER_SECOND + ticks % frequency * NS_PER_SECOND / frequency;
}

static inline uint64_t counter_ns_to_ticks(uint64_t ns)
{
	uint64_t frequency = arch_counter_frequency();

	return ns / NS_PER_SECOND * frequency + ns % NS_PER_SECOND * frequency / NS_PER_SECOND;
}

#endif
