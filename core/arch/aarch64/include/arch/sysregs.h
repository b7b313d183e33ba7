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
#define MPIDR_RES1		(1UL << 31)

/* HCR_EL2: what a partition's EL1 may do without the hypervisor. */
#define HCR_VM			(1UL << 0)	/* stage-2 translation on */
#define HCR_SWIO		(1UL << 1)
#define HCR_FMO			(1UL << 3)	/* physical FIQs to EL2 */
#define HCR_IMO			(1UL << 4)	/* physical IRQs to EL2 */
#define HCR_AMO			(1UL << 5)	/* SErrors to EL2 */
#define HCR_FB			(1UL << 9)
#define HCR_BSU_INNER		(1UL << 10)
#define HCR_TWI			(1UL << 13)	/* trap WFI */
#define HCR_TWE			(1UL << 14)	/* trap WFE */
#define HCR_TID3		(1UL << 18)	/* trap ID registers */
#define HCR_TSC			(1UL << 19)	/* trap SMC */
#define HCR_TIDCP		(1UL << 20)	/* trap IMPLEMENTATION DEFINED registers */
#define HCR_TACR		(1UL << 21)
#define HCR_TSW			(1UL << 22)	/* trap data cache set/way maintenance */
#define HCR_TLOR		(1UL << 35)	/* trap LORegion registers */
#define HCR_TERR		(1UL << 36)	/* trap RAS error record registers */
#define HCR_RW			(1UL << 31)	/* EL1 is AArch64 */
#define HCR_APK			(1UL << 40)
#define HCR_API			(1UL << 41)
#define HCR_TID5		(1UL << 58)	/* trap GMID_EL1 */

/* SPSR: the state a partition starts in (EL1h, all exceptions masked). */
#define SPSR_EL1H		0x5UL
#define SPSR_DAIF		(0xfUL << 6)
#define SPSR_MODE_MASK		0xfUL
#define SPSR_EL1T		0x4UL
#define SPSR_EL0T		0x0UL

/* SCTLR_EL1 at reset: RES1 bits, MMU and caches off. */
#define SCTLR_EL1_RES1		0x30d00800UL

/* CPTR_EL2 (non-VHE): RES1 bits; TFP traps FP/SIMD, TZ traps SVE. */
#define CPTR_EL2_RES1		0x33ffUL
#define CPTR_EL2_TZ		(1UL << 8)
#define CPTR_EL2_TFP		(1UL << 10)
#define CPTR_EL2_TSM		(1UL << 12)	/* traps SME */
#define CPTR_EL2_TTA		(1UL << 20)
#define CPTR_EL2_TAM		(1UL << 30)
#define CPTR_EL2_TCPAC		(1UL << 31)

/* CNTHCTL_EL2 (non-VHE): EL1 may read the physical counter, not use the
 * physical timer, which belongs to the hypervisor. */
#define CNTHCTL_EL1PCTEN	(1UL << 0)
#define CNTHCTL_EL1PCEN		(1UL << 1)

/* Exception classes (ESR_ELx.EC). */
#define EC_UNKNOWN		0x00U
#define EC_WFX			0x01U
#define EC_FP_ACCESS		0x07U
#define EC_ILLEGAL_STATE	0x0eU
#define EC_SVC64		0x15U
#define EC_HVC64		0x16U
#define EC_SMC64		0x17U
#define EC_SYSREG		0x18U
#define EC_SVE			0x19U
#define EC_IABT_LOWER		0x20U
#define EC_IABT_CURRENT		0x21U
#define EC_PC_ALIGN		0x22U
#define EC_DABT_LOWER		0x24U
#define EC_DABT_CURRENT		0x25U
#define EC_SP_ALIGN		0x26U
#define EC_SERROR		0x2fU
#define EC_BRK64		0x3cU
#define EC_COUNT		64U

/* Data abort ISS (valid when ISV is set). */
#define DABT_ISV		(1U << 24)
#define DABT_SAS_SHIFT		22
#define DABT_SAS_MASK		3U
#define DABT_SSE		(1U << 21)
#define DABT_SRT_SHIFT		16
#define DABT_SRT_MASK		0x1fU
#define DABT_SF			(1U << 15)
#define DABT_S1PTW		(1U << 7)

#define HPFAR_FIPA_SHIFT	4	/* HPFAR_EL2[43:4] hold IPA[51:12] */
#define HPFAR_FIPA_MASK		0x00000ffffffffff0UL

#define ESR_EC_SHIFT		26
#define ESR_EC(esr)		((unsigned int)((esr) >> ESR_EC_SHIFT) & ESR_EC_MASK)
#define ESR_EC_MASK		0x3fU
#define ESR_IL			(1U << 25)
#define ESR_ISS_MASK		0x1ffffffU
#define ESR_FSC_MASK		0x3fU		/* fault status code of aborts */
#define ESR_FSC_PERMISSION(fsc)	(((fsc) & 0x3cU) == 0x0cU)	/* permission fault, levels 0-3 */
#define ESR_WNR			(1U << 6)	/* data abort caused by a write */

#ifndef __ASSEMBLY__
#include <stdint.h>

/* sysreg_<name>_read() and sysreg_<name>_write(), by name or by encoding. */
#define SYSREG_ENCODED_ACCESSORS(name, encoding)				\
	static inline uint64_t sysreg_##name##_read(void)		\
	{								\
		uint64_t value;						\
		__asm__ volatile("mrs %0, " encoding : "=r"(value));	\
		return value;						\
	}								\
	static inline void sysreg_##name##_write(uint64_t value)	\
	{								\
		__asm__ volatile("msr " encoding ", %0" : : "r"(value));	\
	}
#define SYSREG_ACCESSORS(name) SYSREG_ENCODED_ACCESSORS(name, #name)

SYSREG_ACCESSORS(currentel)
SYSREG_ACCESSORS(mpidr_el1)
SYSREG_ACCESSORS(id_aa64isar0_el1)
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
SYSREG_ACCESSORS(hcr_el2)
SYSREG_ACCESSORS(vtcr_el2)
SYSREG_ACCESSORS(vttbr_el2)
SYSREG_ACCESSORS(vmpidr_el2)
SYSREG_ACCESSORS(vpidr_el2)
SYSREG_ACCESSORS(cptr_el2)
SYSREG_ACCESSORS(mdcr_el2)
SYSREG_ACCESSORS(cnthctl_el2)
SYSREG_ACCESSORS(cntvoff_el2)
SYSREG_ACCESSORS(hpfar_el2)
SYSREG_ACCESSORS(sctlr_el1)
SYSREG_ACCESSORS(ttbr0_el1)
SYSREG_ACCESSORS(ttbr1_el1)
SYSREG_ACCESSORS(tcr_el1)
SYSREG_ACCESSORS(mair_el1)
SYSREG_ACCESSORS(amair_el1)
SYSREG_ACCESSORS(vbar_el1)
SYSREG_ACCESSORS(elr_el1)
SYSREG_ACCESSORS(spsr_el1)
SYSREG_ACCESSORS(esr_el1)
SYSREG_ACCESSORS(far_el1)
SYSREG_ACCESSORS(afsr0_el1)
SYSREG_ACCESSORS(afsr1_el1)
SYSREG_ACCESSORS(par_el1)
SYSREG_ACCESSORS(contextidr_el1)
SYSREG_ACCESSORS(tpidr_el1)
SYSREG_ACCESSORS(tpidr_el0)
SYSREG_ACCESSORS(tpidrro_el0)
SYSREG_ACCESSORS(sp_el0)
SYSREG_ACCESSORS(sp_el1)
SYSREG_ACCESSORS(cpacr_el1)
SYSREG_ACCESSORS(csselr_el1)
SYSREG_ACCESSORS(cntkctl_el1)
SYSREG_ACCESSORS(cntv_ctl_el0)
SYSREG_ACCESSORS(cntv_cval_el0)
SYSREG_ACCESSORS(cnthp_cval_el2)
SYSREG_ACCESSORS(cnthp_ctl_el2)
SYSREG_ACCESSORS(icc_sre_el2)
SYSREG_ACCESSORS(icc_pmr_el1)
SYSREG_ACCESSORS(icc_bpr1_el1)
SYSREG_ACCESSORS(icc_ctlr_el1)
SYSREG_ACCESSORS(icc_igrpen1_el1)
SYSREG_ACCESSORS(icc_iar1_el1)
SYSREG_ACCESSORS(icc_eoir1_el1)
SYSREG_ACCESSORS(icc_dir_el1)
SYSREG_ACCESSORS(icc_sgi1r_el1)
SYSREG_ACCESSORS(ich_hcr_el2)
SYSREG_ACCESSORS(ich_vtr_el2)
SYSREG_ACCESSORS(ich_misr_el2)
SYSREG_ACCESSORS(ich_elrsr_el2)
SYSREG_ACCESSORS(ich_vmcr_el2)
SYSREG_ACCESSORS(ich_lr0_el2)
SYSREG_ACCESSORS(ich_lr1_el2)
SYSREG_ACCESSORS(ich_lr2_el2)
SYSREG_ACCESSORS(ich_lr3_el2)
SYSREG_ACCESSORS(ich_lr4_el2)
SYSREG_ACCESSORS(ich_lr5_el2)
SYSREG_ACCESSORS(ich_lr6_el2)
SYSREG_ACCESSORS(ich_lr7_el2)
SYSREG_ACCESSORS(ich_lr8_el2)
SYSREG_ACCESSORS(ich_lr9_el2)
SYSREG_ACCESSORS(ich_lr10_el2)
SYSREG_ACCESSORS(ich_lr11_el2)
SYSREG_ACCESSORS(ich_lr12_el2)
SYSREG_ACCESSORS(ich_lr13_el2)
SYSREG_ACCESSORS(ich_lr14_el2)
SYSREG_ACCESSORS(ich_lr15_el2)
SYSREG_ACCESSORS(ich_ap0r0_el2)
SYSREG_ACCESSORS(ich_ap1r0_el2)
SYSREG_ACCESSORS(ich_ap0r1_el2)
SYSREG_ACCESSORS(ich_ap0r2_el2)
SYSREG_ACCESSORS(ich_ap0r3_el2)
SYSREG_ACCESSORS(ich_ap1r1_el2)
SYSREG_ACCESSORS(ich_ap1r2_el2)
SYSREG_ACCESSORS(ich_ap1r3_el2)
SYSREG_ACCESSORS(isr_el1)

/* Registers of later architecture versions, named by encoding so that any
 * assembler takes them; use each only where its ID register field says so. */
SYSREG_ENCODED_ACCESSORS(hcrx_el2, "s3_4_c1_c2_2")
SYSREG_ENCODED_ACCESSORS(hfgrtr_el2, "s3_4_c1_c1_4")
SYSREG_ENCODED_ACCESSORS(hfgwtr_el2, "s3_4_c1_c1_5")
SYSREG_ENCODED_ACCESSORS(hfgitr_el2, "s3_4_c1_c1_6")
SYSREG_ENCODED_ACCESSORS(hdfgrtr_el2, "s3_4_c3_c1_4")
SYSREG_ENCODED_ACCESSORS(hdfgwtr_el2, "s3_4_c3_c1_5")
SYSREG_ENCODED_ACCESSORS(zcr_el2, "s3_4_c1_c2_0")
SYSREG_ENCODED_ACCESSORS(smcr_el2, "s3_4_c1_c2_6")
SYSREG_ENCODED_ACCESSORS(zcr_el1, "s3_0_c1_c2_0")
SYSREG_ENCODED_ACCESSORS(smcr_el1, "s3_0_c1_c2_6")
SYSREG_ENCODED_ACCESSORS(smpri_el1, "s3_0_c1_c2_4")
SYSREG_ENCODED_ACCESSORS(svcr, "s3_3_c4_c2_2")
SYSREG_ENCODED_ACCESSORS(tpidr2_el0, "s3_3_c13_c0_5")
SYSREG_ENCODED_ACCESSORS(vdisr_el2, "s3_4_c12_c1_1")
SYSREG_ENCODED_ACCESSORS(disr_el1, "s3_0_c12_c1_1")

static inline void irq_unmask(void) { __asm__ volatile("msr daifclr, #2" ::: "memory"); }
static inline void irq_mask(void) { __asm__ volatile("msr daifset, #2" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb_sy(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
#endif

#endif
