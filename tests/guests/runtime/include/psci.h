/*
 * PSCI, through the conduit this guest runs under: SMC under Bulkhead (as
 * partitions' device trees say), HVC natively on QEMU (no EL2 there, so
 * QEMU's built-in firmware answers HVC). psci_init() picks it once.
 */
#ifndef GUEST_PSCI_H
#define GUEST_PSCI_H

#include <stdint.h>

#define PSCI_VERSION		0x84000000U
#define PSCI_CPU_OFF		0x84000002U
#define PSCI_CPU_ON_64		0xc4000003U
#define PSCI_AFFINITY_INFO_64	0xc4000004U
#define PSCI_SYSTEM_OFF		0x84000008U
#define PSCI_SYSTEM_RESET	0x84000009U
#define PSCI_FEATURES		0x8400000aU

#define PSCI_VERSION_MAJOR_SHIFT	16
#define PSCI_VERSION_MINOR_MASK		0xffffU
#define PSCI_VERSION_0_2		0x00002	/* the first with fixed function ids */
#define PSCI_VERSION_1_0		0x10000	/* adds PSCI_FEATURES */

/* Status codes. */
#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)

/* AFFINITY_INFO answers. */
#define PSCI_AFFINITY_ON	0
#define PSCI_AFFINITY_OFF	1
#define PSCI_AFFINITY_ON_PENDING 2

void psci_init(void);
int64_t psci_call(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3);
int64_t psci_version(void);
int64_t psci_features(uint32_t function);
int64_t psci_cpu_on(uint64_t mpidr, void (*entry)(void), uint64_t context);
int64_t psci_affinity_info(uint64_t mpidr);
_Noreturn void psci_cpu_off(void);
_Noreturn void psci_system_off(void);
_Noreturn void psci_system_reset(void);

#endif
