/* SErrors charged to the vCPU that caused them (serror.c). */
#ifndef ARCH_SERROR_H
#define ARCH_SERROR_H

#include <arch/exception_frame.h>
#include <arch/sysregs.h>

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* The syndrome the SELFTEST_SERROR_AT_SWITCH condition reports. */
#define ESR_SERROR_SELFTEST	0xbe000000UL

#define DISR_A			(1UL << 31)	/* an SError was deferred */
#define ISR_A			(1UL << 8)	/* a physical SError is pending */

/* The check on every switch, inline: with RAS an ESB defers a pending
 * SError into DISR_EL1; without, a DSB lets the vCPU's accesses complete
 * and ISR_EL1 shows one pending. */
static inline bool serror_maybe_pending(bool ras)
{
#ifdef CONFIG_SELFTEST_SERROR_AT_SWITCH
	(void)ras;
	return true;
#else
	if (ras) {
		__asm__ volatile("hint #16\n\tisb" ::: "memory");	/* ESB */
		return (sysreg_disr_el1_read() & DISR_A) != 0;
	}
	dsb_sy();
	isb();
	return (sysreg_isr_el1_read() & ISR_A) != 0;
#endif
}

/* Before vcpu leaves this CPU, when serror_maybe_pending() said so: takes
 * the SError it left and applies its partition's policy. Returns whether
 * the vCPU may run again. */
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
