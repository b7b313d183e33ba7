/*
 * The AArch64 state of a vCPU that is not on a CPU: its general registers,
 * PC and PSTATE (as a trap frame), and the EL1 system registers a
 * partition owns. A vCPU that runs keeps these in the hardware.
 */
#ifndef ARCH_VCPU_STATE_H
#define ARCH_VCPU_STATE_H

#include <arch/exception_frame.h>
#include <arch/features.h>
#include <arch/stage2.h>
#include <arch/vgic_state.h>

#include <stdint.h>

struct el1_context {
	uint64_t sctlr, ttbr0, ttbr1, tcr, mair, amair, vbar;
	uint64_t elr, spsr, esr, far, afsr0, afsr1, par;
	uint64_t contextidr, tpidr_el1, tpidr_el0, tpidrro_el0;
	uint64_t sp_el0, sp_el1, cpacr, csselr, cntkctl;
	uint64_t cntv_ctl, cntv_cval;
	uint64_t tpidr2_el0, vdisr;	/* where the CPU has them (SME, RAS) */
};

/* q0-q31 and FPCR/FPSR, saved only when the vCPU leaves a shared CPU. */
struct fpsimd_state {
	uint64_t q[64];
	uint64_t fpcr, fpsr;
} __attribute__((aligned(16)));

struct arch_vcpu {
	struct exception_frame frame;
	struct el1_context el1;
	struct fpsimd_state fpsimd;
	struct vgic_cpu vgic;
	uint64_t vmpidr;
	uint64_t hcr;
};

/* Per partition: its stage-2 tables and virtual distributor. */
struct arch_partition {
	struct stage2 stage2;
	struct vgic_dist vgic;
	struct feature_controls features;
};

#endif
