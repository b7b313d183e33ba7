/*
 * Calls through the SMC Calling Convention, and wrappers for the Bulkhead
 * hypercalls of core/include/hypercall_abi.h.
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <hypercall_abi.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* BH_HC_VERSION's x1: major << 16 | minor. */
#define BH_VERSION_MAJOR_SHIFT	16

/* SMCCC: status (or result) in x0, results in x1-x3. */
struct smccc_result {
	int64_t x0;
	uint64_t x1, x2, x3;
};

struct smccc_result hvc_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3);
struct smccc_result hvc_call4(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4);
struct smccc_result hvc_call5(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			      uint64_t a5);
struct smccc_result smc_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3);

/* True iff BH_HC_VERSION answers BH_OK: natively, QEMU's firmware says -1.
 * Asks once; the answer is kept. */
bool bulkhead_present(void);

/* Each returns the status in x0. */
int64_t bh_version(uint32_t *version);		/* major << 16 | minor */
int64_t bh_partition_id(uint64_t *partition, uint64_t *vcpu);
int64_t bh_console_write(const void *buffer, size_t length);
int64_t bh_yield(void);

#endif
