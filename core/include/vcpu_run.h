/*
 * Life cycle of vCPUs and partitions: a CPU's idle loop starts the vCPUs
 * that became pending on it; PSCI and fault handling move vCPUs and
 * partitions between states. Changes made for another CPU reach it
 * through cpu_kick().
 */
#ifndef VCPU_RUN_H
#define VCPU_RUN_H

#include <partition.h>

enum vcpu_power_result {
	VCPU_POWER_STARTED,
	VCPU_POWER_ALREADY_ON,
	VCPU_POWER_ON_PENDING,
	VCPU_POWER_DENIED,	/* the partition is stopped */
};

/* This CPU's scheduler entry: runs the vCPU that is due here, or waits. */
_Noreturn void cpu_idle(void);

/*
 * A pinned vCPU's trapped WFI, from its exit: returns once it has an
 * interrupt to take or must leave its CPU. Its time meanwhile is waiting,
 * neither running nor the hypervisor's.
 */
void vcpu_wait(struct vcpu *vcpu);

enum vcpu_power_result vcpu_power_on(struct vcpu *vcpu, uint64_t entry, uint64_t context);
void vcpu_power_off(struct vcpu *vcpu);

/* What a restart was for: fault-policy restarts count towards a crash loop. */
enum restart_cause {
	RESTART_BY_FAULT_POLICY,
	RESTART_BY_OWN_RESET,		/* PSCI SYSTEM_RESET */
	RESTART_BY_CONTROL,		/* clears the crash-loop count */
};

/*
 * Life-cycle changes, each refused (false) unless the partition is in the
 * state it applies to: stop and restart a running partition, start a
 * stopped one. While one is loading, every other change is refused. A
 * restart the partition caused itself (its reset, its fault policy)
 * returns once it is LOADING; its home CPU finishes it (core/reload.c).
 */
bool partition_stop(struct partition *p);
bool partition_restart(struct partition *p, enum restart_cause cause);
/* Loads a stopped partition afresh and starts it; clears the crash-loop count. */
bool partition_start(struct partition *p);

/* The root partition powered off: the whole machine stops. */
_Noreturn void machine_power_off(struct partition *root);

#endif
