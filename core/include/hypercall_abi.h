/*
 * The Bulkhead hypercall ABI, shared by the hypervisor and the guests that
 * call it (test guests, bulkheadctl). Calls follow the SMC Calling
 * Convention over HVC #0: function id in x0, arguments in x1-x5, status
 * back in x0 and results in x1-x3. A refused call (a negative status)
 * changes only x0: x1-x3 keep what the caller put there, and no buffer
 * it named is written. Ids sit in the SMCCC range for
 * vendor-specific hypervisor services (owner 6), fast calls, SMC64.
 * docs/hypercalls.md describes each call.
 */
#ifndef HYPERCALL_ABI_H
#define HYPERCALL_ABI_H

#include <stdint.h>

#define BH_HC_BASE		0xc6000000U
#define BH_HC_VERSION		(BH_HC_BASE + 0)	/* -> x1 = major << 16 | minor */
#define BH_HC_PARTITION_ID	(BH_HC_BASE + 1)	/* -> x1 = partition id, x2 = vCPU index */
#define BH_HC_CONSOLE_WRITE	(BH_HC_BASE + 2)	/* x1 = buffer IPA, x2 = length */
#define BH_HC_YIELD		(BH_HC_BASE + 3)	/* give up the rest of this time window */
#define BH_HC_VCPU_STATS	(BH_HC_BASE + 4)	/* x1 = partition id, x2 = vCPU index,
							 * x3 = IPA of a struct bh_vcpu_stats or 0,
							 * x4 = its size -> x1 = run time (ns),
							 * x2 = windows run, x3 = exits; the root may
							 * ask about anyone, others about themselves */
#define BH_HC_CONTROL		(BH_HC_BASE + 5)	/* control_abi.h: x1 = command, x2, x3 =
							 * arguments, x4 = IPA of a buffer for the
							 * data, x5 = its size -> x1, x2 = results,
							 * x3 = data bytes; BH_ERR_DENIED without
							 * control */

#define BH_ABI_VERSION_MAJOR	0
#define BH_ABI_VERSION_MINOR	1

/* Longest text one BH_HC_CONSOLE_WRITE may carry. */
#define BH_CONSOLE_WRITE_MAX	256

/* Why a vCPU left the partition for the hypervisor. */
#define BH_EXIT_HYPERCALL	0	/* HVC */
#define BH_EXIT_FIRMWARE	1	/* SMC: PSCI, SMCCC */
#define BH_EXIT_SYSREG		2	/* trapped system register */
#define BH_EXIT_MEMORY		3	/* stage-2 abort: emulated device or fault */
#define BH_EXIT_WFI		4
#define BH_EXIT_INTERRUPT	5	/* a physical interrupt */
#define BH_EXIT_OTHER		6
#define BH_EXIT_REASONS		7

/* What BH_HC_VCPU_STATS writes into the caller's buffer. */
struct bh_vcpu_stats {
	uint64_t run_ns;		/* running in the partition */
	uint64_t hypervisor_ns;		/* in the hypervisor on its behalf */
	uint64_t windows;		/* schedule windows it ran in */
	uint64_t interrupts_injected;
	uint64_t exits;
	uint64_t exits_by_reason[BH_EXIT_REASONS];
};

/* Status codes in x0; SMCCC's "not supported" is -1 for unknown ids. */
#define BH_OK			0
#define BH_ERR_NOT_SUPPORTED	(-1)
#define BH_ERR_INVALID		(-2)	/* an argument is out of its range */
#define BH_ERR_DENIED		(-3)	/* the caller may not do this */
#define BH_ERR_BAD_ADDRESS	(-4)	/* a buffer is not in the caller's own memory */

#endif
