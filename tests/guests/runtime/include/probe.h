/*
 * Probes: one access that may abort, with the abort caught and described
 * instead of ending the guest. For checks that an access is forbidden.
 */
#ifndef GUEST_PROBE_H
#define GUEST_PROBE_H

#include <stdbool.h>
#include <stdint.h>

struct probe_result {
	bool aborted;
	uint64_t esr, far;	/* valid when aborted */
};

struct probe_result probe_read(uintptr_t address);
struct probe_result probe_write(uintptr_t address, uint64_t value);
/* Branches to address; a "ret" there returns at once if execution is allowed. */
struct probe_result probe_execute(uintptr_t address);

#endif
