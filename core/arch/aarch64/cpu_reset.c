/*
 * What a vCPU's start clears beyond its EL1 context and FP/SIMD registers:
 * the CPU state a partition may own on a CPU it has to itself and that
 * would otherwise survive into its next run — pointer-authentication keys,
 * SVE and SME registers, the debug and PMU controls. A partition never
 * owns this state on a shared CPU (the layout compiler hides and traps it
 * there), so only what the partition is allowed is cleared, once per start:
 * nothing here runs on a trap or a switch.
 */
#include <arch/cpu_reset.h>
#include <arch/sysregs.h>

void arch_sve_zero(void);

#define PMCR_P			(1UL << 1)	/* event counters to zero */
#define PMCR_C			(1UL << 2)	/* cycle counter to zero */
#define PMCR_N(pmcr)		(((pmcr) >> 11) & 0x1fUL)
#define ALL_COUNTERS		0xffffffffUL
#define VECTOR_LEN_MAX		0x1ffUL

static void pauth_keys_zero(void)
{
	__asm__ volatile("msr s3_0_c2_c1_0, xzr\n\tmsr s3_0_c2_c1_1, xzr\n\t"	/* APIAKey */
			 "msr s3_0_c2_c1_2, xzr\n\tmsr s3_0_c2_c1_3, xzr\n\t"	/* APIBKey */
			 "msr s3_0_c2_c2_0, xzr\n\tmsr s3_0_c2_c2_1, xzr\n\t"	/* APDAKey */
			 "msr s3_0_c2_c2_2, xzr\n\tmsr s3_0_c2_c2_3, xzr\n\t"	/* APDBKey */
			 "msr s3_0_c2_c3_0, xzr\n\tmsr s3_0_c2_c3_1, xzr");	/* APGAKey */
}

/* SVE's Z, P and FFR registers, SME's mode and ZA (off, so zero when next
 * turned on) and TPIDR2 is in the EL1 context. Both are trapped at EL2 by
 * CPTR_EL2.TZ and TSM, opened for the time it takes; the vCPU's own
 * CPTR_EL2 is written after this, as it is loaded. */
static void vector_state_zero(const struct cpu_implements *has)
{
	sysreg_cptr_el2_write(CPTR_EL2_RES1 & ~(CPTR_EL2_TZ | CPTR_EL2_TSM));
	isb();
	if (has->sme) {
		sysreg_svcr_write(0);	/* out of streaming mode, ZA off */
		sysreg_smcr_el1_write(VECTOR_LEN_MAX);
		sysreg_smpri_el1_write(0);
	}
	if (has->sve) {
		sysreg_zcr_el1_write(VECTOR_LEN_MAX);
		isb();
		arch_sve_zero();
	}
	isb();
}

/* The msr needs the register number in the instruction: one case each,
 * breakpoint n at 2n, watchpoint n at 2n + 1. */
#define DEBUG_PAIR_ZERO(n)							\
	case 2 * (n): __asm__ volatile("msr dbgbcr" #n "_el1, xzr\n\tmsr dbgbvr" #n "_el1, xzr"); break; \
	case 2 * (n) + 1: __asm__ volatile("msr dbgwcr" #n "_el1, xzr\n\tmsr dbgwvr" #n "_el1, xzr"); break;

static void debug_pair_zero(unsigned int index)
{
	switch (index) {
	DEBUG_PAIR_ZERO(0) DEBUG_PAIR_ZERO(1) DEBUG_PAIR_ZERO(2) DEBUG_PAIR_ZERO(3)
	DEBUG_PAIR_ZERO(4) DEBUG_PAIR_ZERO(5) DEBUG_PAIR_ZERO(6) DEBUG_PAIR_ZERO(7)
	DEBUG_PAIR_ZERO(8) DEBUG_PAIR_ZERO(9) DEBUG_PAIR_ZERO(10) DEBUG_PAIR_ZERO(11)
	DEBUG_PAIR_ZERO(12) DEBUG_PAIR_ZERO(13) DEBUG_PAIR_ZERO(14) DEBUG_PAIR_ZERO(15)
	default: break;
	}
}

/* Debug as at a cold reset, except the OS lock, left unlocked as KVM does.
 * (The claim tags are left: DBGCLAIM is not on every CPU, QEMU's included.) */
static void debug_reset(const struct cpu_implements *has)
{
	__asm__ volatile("msr osdlr_el1, xzr\n\tmsr oslar_el1, xzr\n\tisb\n\t"
			 "msr mdscr_el1, xzr\n\tmsr mdccint_el1, xzr");
	for (unsigned int n = 0; n < has->breakpoints; n++)
		debug_pair_zero(2 * n);
	for (unsigned int n = 0; n < has->watchpoints; n++)
		debug_pair_zero(2 * n + 1);
	isb();
}

/* Counters stopped and zeroed, nothing enabled, no event chosen, EL0 denied. */
static void pmu_reset(void)
{
	uint64_t pmcr;

	__asm__ volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
	__asm__ volatile("msr pmcntenclr_el0, %0\n\tmsr pmintenclr_el1, %0\n\tmsr pmovsclr_el0, %0\n\t"
			 "msr pmuserenr_el0, xzr\n\tmsr pmccfiltr_el0, xzr\n\tisb\n\tmsr pmcr_el0, %1"
			 : : "r"(ALL_COUNTERS), "r"(PMCR_P | PMCR_C));
	for (uint64_t n = 0; n < PMCR_N(pmcr); n++)
		__asm__ volatile("msr pmselr_el0, %0\n\tisb\n\tmsr pmxevtyper_el0, xzr" : : "r"(n));
	__asm__ volatile("msr pmselr_el0, xzr\n\tisb");
}

void cpu_state_reset(const struct feature_controls *c)
{
	const struct cpu_implements *has = &c->has;

	if (has->pauth)
		pauth_keys_zero();
	if (has->sve || has->sme)
		vector_state_zero(has);
	if (!c->debug_raz_wi)
		debug_reset(has);
	if (c->pmu_allowed)
		pmu_reset();
	if (c->amu_allowed)
		__asm__ volatile("msr s3_3_c13_c2_3, xzr");	/* AMUSERENR_EL0: EL0 denied */
}
