/*
 * How the runtime enters a guest: vCPU 0 runs guest_main(dtb) and then
 * done(); another vCPU, started with start_vcpu() (or psci_cpu_on() of
 * _start), runs the entry registered for it, else guest_secondary(), and
 * then turns itself off.
 */
#ifndef GUEST_ENTRY_H
#define GUEST_ENTRY_H

#include <stdint.h>

/* The image's entry point: every vCPU starts here. */
void _start(void);

void guest_main(uint64_t dtb);
/* Optional (weak default returns at once). */
void guest_secondary(unsigned int vcpu);

/* CNTPCT_EL0 at vCPU 0's first instruction: under -icount shift=0, the
 * instructions from reset until the guest started. */
extern uint64_t runtime_entry_counter;

typedef void (*secondary_entry)(unsigned int vcpu);
/* Registers entry for vCPU "vcpu" (< MAX_VCPUS) and starts it with PSCI
 * CPU_ON; returns the PSCI status. */
int64_t start_vcpu(unsigned int vcpu, secondary_entry entry);

#endif
