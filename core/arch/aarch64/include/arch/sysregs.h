/*
 * AArch64 system registers: accessors and the register fields the
 * hypervisor uses, named once here instead of as magic numbers in code.
 */
#ifndef ARCH_SYSREGS_H
#define ARCH_SYSREGS_H

#define CURRENTEL_EL_SHIFT	2
#define CURRENTEL_EL2		(2 << CURRENTEL_EL_SHIFT)

/* SCTLR_EL2 for the non-VHE (E2H=0) layout: RES1 bits only, MMU and caches off. */
#define SCTLR_EL2_RES1		0x30c50830
#define SCTLR_EL2_I		(1 << 12)

#define MPIDR_AFFINITY_MASK	0xff00ffffffUL

#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		0x3fU
#define ESR_IL			(1U << 25)
#define ESR_ISS_MASK		0x1ffffffU
#define ESR_FSC_MASK		0x3fU		/* fault status code of aborts */
#define ESR_WNR			(1U << 6)	/* data abort caused by a write */

#ifndef __ASSEMBLY__
#include <stdint.h>

#define SYSREG_ACCESSORS(name)						\
	static inline uint64_t sysreg_##name##_read(void)		\
	{								\
		uint64_t value;						\
		__asm__ volatile("mrs %0, " #name : "=r"(value));	\
		return value;						\
	}								\
	static inline void sysreg_##name##_write(uint64_t value)	\
	{								\
		__asm__ volatile("msr " #name ", %0" : : "r"(value));	\
	}

SYSREG_ACCESSORS(currentel)
SYSREG_ACCESSORS(mpidr_el1)
SYSREG_ACCESSORS(midr_el1)
SYSREG_ACCESSORS(tpidr_el2)
SYSREG_ACCESSORS(esr_el2)
SYSREG_ACCESSORS(far_el2)
SYSREG_ACCESSORS(elr_el2)
SYSREG_ACCESSORS(spsr_el2)
SYSREG_ACCESSORS(cntfrq_el0)
SYSREG_ACCESSORS(cntpct_el0)
SYSREG_ACCESSORS(mair_el2)
SYSREG_ACCESSORS(tcr_el2)
SYSREG_ACCESSORS(ttbr0_el2)
SYSREG_ACCESSORS(sctlr_el2)

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb_sy(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
#endif

#endif
