/* SErrors charged to the vCPU that caused them (serror.c). */
#ifndef ARCH_SERROR_H
#define ARCH_SERROR_H

#include <arch/exception_frame.h>

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* The syndrome the SELFTEST_SERROR_AT_SWITCH condition reports. */
#define ESR_SERROR_SELFTEST	0xbe000000UL

/* Before vcpu leaves this CPU: takes an SError it left pending and applies
 * its partition's policy. Returns whether the vCPU may run again. */
bool serror_sync_leaving(struct vcpu *vcpu, struct exception_frame *frame);

/* The same as a stopped vCPU leaves its CPU: the error is taken, logged and
 * counted to it, with no policy (the partition is stopping already). */
void serror_sync_stopped(struct vcpu *vcpu);

/* The policy for an SError of vcpu (frame: its trap frame); returns whether
 * it continues, with an abort injected. */
bool serror_account(struct vcpu *vcpu, struct exception_frame *frame, uint64_t syndrome,
		    const char *reason);

void exception_panic(const struct exception_frame *frame, unsigned int vector);

#endif
