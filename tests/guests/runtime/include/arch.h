/*
 * AArch64 helpers for the test-guest runtime: system-register accessors,
 * MMIO accessors and the register fields more than one module needs.
 * Safe to include from assembly.
 */
#ifndef GUEST_ARCH_H
#define GUEST_ARCH_H

/* MPIDR_EL1: a vCPU's index is its Aff0 (partitions number vCPUs from 0). */
#define MPIDR_AFF0_MASK		0xffUL

/* CurrentEL holds the exception level in bits [3:2]. */
#define CURRENTEL_EL_SHIFT	2
#define CURRENTEL_EL_MASK	0x3UL

/* The arm64 Image header: little-endian, 4 KiB pages, anywhere in RAM. */
#define IMAGE_HEADER_MAGIC	0x644d5241	/* "ARM\x64" */
#define IMAGE_HEADER_FLAGS	0xa

/* DAIF bits as the DAIFSet/DAIFClr immediates name them. */
#define DAIF_IRQ_BIT		0x2
#define DAIF_ALL_BITS		0xf

#ifndef __ASSEMBLER__

#include <stdint.h>

/*
 * sysreg_<name>_read() and sysreg_<name>_write(): one place for mrs/msr.
 * GICv3 registers go by their encodings, which the assembler knows
 * without being told the CPU has a GICv3 CPU interface.
 */
#define SYSREG_ACCESSORS(name, encoding)					\
	static inline uint64_t sysreg_##name##_read(void)			\
	{									\
		uint64_t value;							\
		__asm__ volatile("mrs %0, " encoding : "=r"(value));		\
		return value;							\
	}									\
	static inline void sysreg_##name##_write(uint64_t value)		\
	{									\
		__asm__ volatile("msr " encoding ", %0" : : "r"(value) : "memory"); \
	}

SYSREG_ACCESSORS(mpidr_el1, "mpidr_el1")
SYSREG_ACCESSORS(currentel, "CurrentEL")
SYSREG_ACCESSORS(esr_el1, "esr_el1")
SYSREG_ACCESSORS(far_el1, "far_el1")
SYSREG_ACCESSORS(cntfrq_el0, "cntfrq_el0")
SYSREG_ACCESSORS(cntvct_el0, "cntvct_el0")
SYSREG_ACCESSORS(cntpct_el0, "cntpct_el0")
SYSREG_ACCESSORS(cntv_ctl_el0, "cntv_ctl_el0")
SYSREG_ACCESSORS(cntv_cval_el0, "cntv_cval_el0")
SYSREG_ACCESSORS(cntv_tval_el0, "cntv_tval_el0")
SYSREG_ACCESSORS(icc_pmr_el1, "S3_0_C4_C6_0")
SYSREG_ACCESSORS(icc_iar1_el1, "S3_0_C12_C12_0")
SYSREG_ACCESSORS(icc_eoir1_el1, "S3_0_C12_C12_1")
SYSREG_ACCESSORS(icc_sgi1r_el1, "S3_0_C12_C11_5")
SYSREG_ACCESSORS(icc_sre_el1, "S3_0_C12_C12_5")
SYSREG_ACCESSORS(icc_igrpen1_el1, "S3_0_C12_C12_7")

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void wait_for_interrupt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

static inline uint32_t mmio_read32(uintptr_t address)
{
	return *(volatile uint32_t *)address;
}

static inline void mmio_write32(uintptr_t address, uint32_t value)
{
	*(volatile uint32_t *)address = value;
}

static inline void mmio_write64(uintptr_t address, uint64_t value)
{
	*(volatile uint64_t *)address = value;
}

/* This vCPU's index. */
static inline unsigned int this_vcpu(void)
{
	return (unsigned int)(sysreg_mpidr_el1_read() & MPIDR_AFF0_MASK);
}

static inline unsigned int current_el(void)
{
	return (unsigned int)((sysreg_currentel_read() >> CURRENTEL_EL_SHIFT) & CURRENTEL_EL_MASK);
}

#endif /* __ASSEMBLER__ */
#endif
