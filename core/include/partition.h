/*
 * Partitions and vCPUs at run time: what state each is in, where its
 * vCPUs run, what it may touch. Everything here is created at boot from
 * the layout tables; nothing is allocated after.
 */
#ifndef PARTITION_H
#define PARTITION_H

#include <arch/vcpu_state.h>
#include <hypercall_abi.h>
#include <layout.h>
#include <mmio.h>
#include <reload.h>
#include <spinlock.h>
#include <vuart.h>

#include <stdbool.h>
#include <stdint.h>

enum partition_state {
	PARTITION_STOPPED,
	PARTITION_RUNNING,
	PARTITION_LOADING,	/* being cleared and loaded by a start or restart: nothing else applies */
};

enum fault_policy {
	FAULT_INJECT,		/* deliver an abort to the partition */
	FAULT_STOP,		/* stop the partition */
	FAULT_RESTART,		/* restart the partition from its image */
};

enum vcpu_state {
	VCPU_OFF,		/* not started, or stopped with CPU_OFF */
	VCPU_PENDING,		/* started by CPU_ON, not yet entered */
	VCPU_RUNNING,
};

struct partition;

enum account_stretch { ACCOUNT_NONE, ACCOUNT_RUNNING, ACCOUNT_WAITING };

/* A vCPU's run and wait time (vcpu_account.h): its CPU writes, anyone reads. */
struct vcpu_account {
	uint32_t seq;			/* odd while its CPU updates the rest */
	enum account_stretch stretch;	/* what it is doing since `since` */
	uint64_t since;			/* counter when the current stretch began */
	uint64_t wait_until;		/* a wait counts no later than this */
	uint64_t run_ticks;		/* stretches ended, running (hypervisor time included) */
	uint64_t wait_ticks;		/* stretches ended, waiting in a trapped WFI */
};

struct vcpu {
	struct partition *partition;
	unsigned int index;		/* within its partition, numbered from 0 */
	unsigned int cpu;		/* the physical CPU it runs on */
	enum vcpu_state state;
	uint64_t start_pc;		/* where the next start enters, and its x0 */
	uint64_t start_arg;
	struct arch_vcpu arch;
	uint64_t injected_at;		/* where the last injected exception entered, or 0 */

	/* Scheduling, for vCPUs on a CPU's schedule. */
	bool scheduled;
	bool urgent;			/* an interrupt for it preempts the current window */
	bool wfi_native;		/* pinned, and its WFI does not trap (layout `wfi: native`) */
	bool saved;			/* its state is in arch, not in the hardware */
	bool waiting;			/* saved when it gave its window back with WFI */
	uint64_t yielded_in;		/* the window (serial + 1) it gave up with WFI, or 0 */

	/* Accounting. */
	uint64_t exits;
	uint64_t exits_by_reason[BH_EXIT_REASONS];
	uint64_t hyp_ticks;		/* counter ticks in the hypervisor on its behalf; its CPU writes */
	uint64_t injected;		/* virtual interrupts made pending for it */
	uint64_t windows;		/* schedule windows it has run in */
	struct vcpu_account account;
	uint64_t last_window;		/* serial + 1 of the last window counted */
};

struct partition {
	struct spinlock lock;		/* state and vCPU state changes */
	unsigned int id;
	const char *name;
	bool is_root;
	enum partition_state state;
	enum fault_policy on_fault;
	unsigned int restarts;		/* times its images were loaded again, for any reason */
	unsigned int fault_restarts;	/* by its fault policy since it was last started or
					 * restarted by control: the crash-loop count */
	unsigned int faults;		/* in this run; restarts reset it */
	uint64_t loaded_at;		/* counter when a reload last finished, or 0 */
	struct reload reload;		/* a start or restart in progress (reload.h) */

	struct vcpu *vcpus;
	unsigned int vcpu_count;

	const struct layout_partition *layout;

	struct arch_partition arch;
	struct mmio_map mmio;
	struct vuart uart;
};

/* The vCPU of partition p with index i, or NULL. */
struct vcpu *partition_vcpu(struct partition *p, unsigned int index);

/*
 * Translates a guest buffer to the hypervisor's view, or NULL unless all of
 * [ipa, ipa + len) lies in one region of the partition's own RAM with the
 * needed access. Hypercalls use this and nothing else to touch guest memory.
 */
void *partition_guest_buffer(const struct partition *p, uint64_t ipa, uint64_t len, bool write);

#endif
