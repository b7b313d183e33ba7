/*
 * Static cyclic scheduling of the CPUs the layout shares between vCPUs
 * (ARINC 653 style): each such CPU repeats a major frame of windows, each
 * window belonging to one vCPU. Window boundaries are measured on the
 * generic counter from one epoch common to all CPUs, and enforced with the
 * hypervisor's own timer, so a vCPU cannot overrun its window whatever it
 * masks. A CPU with a single pinned vCPU has no schedule and no tick.
 */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;
struct vcpu;

/* What a scheduled CPU should do now. */
struct sched_slot {
	struct vcpu *vcpu;	/* the window's vCPU, or NULL in a gap */
	uint64_t serial;	/* counts windows since the epoch: window identity */
	uint64_t frame;		/* counts major frames since the epoch */
	uint64_t end;		/* counter value where this slot ends */
};

/* The primary fixes the epoch once, before any CPU runs a schedule. */
void sched_set_epoch(uint64_t counter);

/* Attaches the CPU's schedule from the layout; false if it has none. */
bool sched_cpu_init(struct cpu *cpu);

struct sched_slot sched_slot_at(const struct cpu *cpu, uint64_t now);

/* The running vCPU's window is over, or it gave its time back: leave it. */
_Noreturn void sched_switch_out(struct vcpu *vcpu, void *trap_frame, bool yielded);

/* Whether an urgent vCPU of this CPU has an interrupt and should take over from current. */
bool sched_urgent_pending(const struct vcpu *current);

/* The scheduled CPU's loop: run the window's vCPU, or idle until the next boundary. */
_Noreturn void sched_run(struct cpu *cpu);

#endif
