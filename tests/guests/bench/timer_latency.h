/*
 * From a virtual-timer deadline to the first instructions of the guest's
 * IRQ handler, in instructions, with the vCPU busy (spinning) or idle
 * (in WFI, which a hypervisor may turn into a deschedule and a wake-up).
 */
#ifndef BENCH_TIMER_LATENCY_H
#define BENCH_TIMER_LATENCY_H

#include <stdbool.h>
#include <stdint.h>

/* Needs the GIC initialized. The mean over "samples" deadlines, or 0 if
 * an interrupt did not come. */
uint64_t timer_latency(bool waiting_in_wfi, unsigned int samples);

#endif
