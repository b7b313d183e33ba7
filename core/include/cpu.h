/*
 * Physical CPUs as the core sees them: one struct per CPU, reached
 * through cpu_this(), sized by CONFIG_NR_CPUS.
 */
#ifndef CPU_H
#define CPU_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct layout_schedule;

struct cpu {
	unsigned int index;
	uint64_t hwid;		/* the architecture's CPU identifier (MPIDR on AArch64) */
	bool online;
	struct vcpu *vcpu;	/* the vCPU on this CPU now, or NULL while idle */
	const struct layout_schedule *schedule;	/* NULL: one pinned vCPU, no tick */
	uint64_t frame_ticks;	/* the schedule's major frame in counter ticks */
	bool preempt;		/* the current window has ended */
	uint64_t exit_at;	/* counter when the current exit began: the vCPU's hypervisor time from here */
	/* Urgent preemption's budget in the current frame (core/sched.c); this CPU's only. */
	uint64_t urgent_frame;	/* the frame urgent_left belongs to */
	uint64_t urgent_left;	/* counter ticks urgent vCPUs may still take from other windows */
	uint64_t urgent_since;	/* counter when an urgent vCPU took over, or 0 */
};

/* Starts every other CPU; returns how many CPUs are online, this one included.
 * The others wait in the hypervisor until cpus_release(). */
unsigned int cpus_bring_up(void);
void cpus_release(void);

struct cpu *cpu_this(void);
/* CPU number index (below CONFIG_NR_CPUS). */
struct cpu *cpu_get(unsigned int index);

/* Makes a CPU look at its vCPUs again (a vCPU became pending, or must stop). */
void cpu_kick(unsigned int index);

#endif
