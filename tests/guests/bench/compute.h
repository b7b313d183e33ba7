/*
 * Fixed work whose cost, in instructions, is the same on any hypervisor
 * except for what the hypervisor takes while it runs (its ticks, its
 * traps): a CoreMark-like kernel (list walking, a small matrix product,
 * a parsing state machine and a CRC, the four parts of CoreMark) and a
 * loop that touches a buffer larger than the TLB reach of a Cortex-A57
 * (1024 entries of 4 KiB), page after page.
 */
#ifndef BENCH_COMPUTE_H
#define BENCH_COMPUTE_H

#include <stdint.h>

/* Both return a checksum of what they computed, the same on every run. */
uint32_t compute_kernel(unsigned int iterations);
uint32_t memory_walk(unsigned int passes);

#endif
