/*
 * VMSAv8-64 translation table descriptors, 4 KiB granule: the bits both the
 * EL2 stage-1 tables (mmu.c) and the partitions' stage-2 tables use.
 */
#ifndef ARCH_PGTABLE_H
#define ARCH_PGTABLE_H

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PT_ENTRIES		512
#define PT_LEVEL_SHIFT(level)	(PAGE_SHIFT + 9 * (3 - (level)))	/* 30, 21, 12 for 1..3 */
#define PT_BLOCK_SIZE(level)	(1UL << PT_LEVEL_SHIFT(level))

#define PTE_VALID		(1UL << 0)
#define PTE_TABLE		(1UL << 1)	/* with VALID: table (levels 0-2) or page (level 3) */
#define PTE_BLOCK		0UL		/* with VALID at levels 1-2 */
#define PTE_ADDR_MASK		0x0000fffffffff000UL

/* Stage 1, EL2 regime. */
#define PTE_ATTR_INDEX(i)	((unsigned long)(i) << 2)
#define PTE_AP_RES1		(1UL << 6)	/* AP[1] is RES1 at EL2 */
#define PTE_AP_READ_ONLY	(1UL << 7)	/* AP[2] */
#define PTE_SH_INNER		(3UL << 8)
#define PTE_AF			(1UL << 10)
#define PTE_XN			(1UL << 54)

/* MAIR_EL2 slots, indexed by PTE_ATTR_INDEX. */
#define MAIR_DEVICE_NGNRNE	0
#define MAIR_NORMAL_WB		1
#define MAIR_EL2_VALUE		((0x00UL << (8 * MAIR_DEVICE_NGNRNE)) | \
				 (0xffUL << (8 * MAIR_NORMAL_WB)))

/* TCR_EL2 (non-VHE): 39-bit VA (lookup starts at level 1), 4 KiB granule,
 * inner-shareable write-back walks, 40-bit PA. */
#define TCR_EL2_RES1		((1UL << 31) | (1UL << 23))
#define TCR_T0SZ(va_bits)	(64UL - (va_bits))
#define TCR_IRGN0_WBWA		(1UL << 8)
#define TCR_ORGN0_WBWA		(1UL << 10)
#define TCR_SH0_INNER		(3UL << 12)
#define TCR_TG0_4K		(0UL << 14)
#define TCR_PS_40BIT		(2UL << 16)
#define HV_VA_BITS		39

#define SCTLR_EL2_M		(1UL << 0)
#define SCTLR_EL2_C		(1UL << 2)
#define SCTLR_EL2_SA		(1UL << 3)
#define SCTLR_EL2_WXN		(1UL << 19)

#endif
