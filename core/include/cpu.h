/*
 * Physical CPUs as the core sees them: one struct per CPU, reached
 * through cpu_this(), sized by CONFIG_NR_CPUS.
 */
#ifndef CPU_H
#define CPU_H

#include <stdbool.h>
#include <stdint.h>

struct cpu {
	unsigned int index;
	uint64_t hwid;		/* the architecture's CPU identifier (MPIDR on AArch64) */
	bool online;
};

/* Starts every other CPU; returns how many CPUs are online, this one included. */
unsigned int cpus_bring_up(void);

struct cpu *cpu_this(void);

#endif
