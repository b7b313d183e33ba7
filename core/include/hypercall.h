/* Hypercalls (core/include/hypercall_abi.h): the core's side of HVC. */
#ifndef HYPERCALL_H
#define HYPERCALL_H

#include <stdint.h>

struct vcpu;

#define HYPERCALL_ARGS		6	/* function id and five arguments */
#define HYPERCALL_RESULTS	4	/* status and three values */

/* A refused call (results[0] not BH_OK) performed nothing: its caller
 * leaves the partition's result registers other than the status as they were. */
void hypercall_handle(struct vcpu *vcpu, const uint64_t args[HYPERCALL_ARGS],
		      uint64_t results[HYPERCALL_RESULTS]);

#endif
