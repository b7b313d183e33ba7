/*
 * Where a vCPU's time goes: running (its guest code, and the hypervisor
 * on its behalf, which hyp_ticks counts apart), or waiting in a trapped
 * WFI until its wake-up. Written only by the CPU the vCPU runs on, at the
 * moments it enters, waits, wakes and leaves; any CPU may read it
 * (control, hypercalls), through a sequence count that makes its copy
 * whole without stopping the writer.
 */
#ifndef VCPU_ACCOUNT_H
#define VCPU_ACCOUNT_H

#include <partition.h>

#include <stdint.h>

/* No further than this: a pinned vCPU's wait has no end but its wake-up. */
#define ACCOUNT_WAIT_OPEN UINT64_MAX

/* The owning CPU only. `now` is the counter; each ends the current stretch. */
void account_running(struct vcpu *v, uint64_t now);
/* A wait counts until it is woken, but no later than `until` (its window's end). */
void account_waiting(struct vcpu *v, uint64_t now, uint64_t until);
void account_off(struct vcpu *v, uint64_t now);

struct vcpu_times {
	uint64_t run_ticks;
	uint64_t wait_ticks;
};

/* Any CPU: the totals up to now, the current stretch included. */
struct vcpu_times vcpu_times(const struct vcpu *v);

#endif
