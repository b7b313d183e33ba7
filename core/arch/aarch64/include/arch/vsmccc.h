/*
 * Calls a partition makes through the SMC Calling Convention, over HVC or
 * SMC: PSCI (emulated for the partition's own vCPUs), the SMCCC
 * architecture calls, and Bulkhead's hypercalls (HVC only).
 */
#ifndef ARCH_VSMCCC_H
#define ARCH_VSMCCC_H

#include <arch/exception_frame.h>

#include <stdbool.h>

struct vcpu;

enum smccc_conduit {
	SMCCC_CONDUIT_HVC,
	SMCCC_CONDUIT_SMC,
};

/* Returns whether the calling vCPU continues. */
bool smccc_dispatch(struct vcpu *vcpu, struct exception_frame *frame, enum smccc_conduit conduit);

#endif
