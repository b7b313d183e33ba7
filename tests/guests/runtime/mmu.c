/* The identity stage-1 map of mmu.h. Single-vCPU: vCPU 0 sets it up. */
#include <mmu.h>

#define ENTRIES			512
#define VA_BITS			39	/* walks start at level 1 */
#define DESC_BLOCK		0x1UL
#define DESC_TABLE		0x3UL
#define DESC_ATTR_DEVICE	(0UL << 2)
#define DESC_ATTR_NORMAL	(1UL << 2)
#define DESC_INNER_SHAREABLE	(3UL << 8)
#define DESC_AF			(1UL << 10)
#define DESC_XN			((1UL << 53) | (1UL << 54))
#define MAIR_DEVICE_NGNRNE	0x00UL
#define MAIR_NORMAL_WB		0xffUL
#define TCR_T0SZ		(64 - VA_BITS)
#define TCR_WB_INNER_OUTER	((1UL << 8) | (1UL << 10))
#define TCR_SH0_INNER		(3UL << 12)
#define TCR_EPD1		(1UL << 23)	/* no TTBR1 walks */
#define TCR_IPS_40BIT		(2UL << 32)
#define SCTLR_M			(1UL << 0)
#define SCTLR_A			(1UL << 1)
#define SCTLR_C			(1UL << 2)
#define SCTLR_I			(1UL << 12)

static uint64_t level1[ENTRIES] __attribute__((aligned(4096)));

void mmu_enable_identity(void)
{
	uint64_t sctlr;

	level1[0] = 0 | DESC_BLOCK | DESC_ATTR_DEVICE | DESC_AF | DESC_XN;
	level1[1] = MMU_BLOCK_SIZE | DESC_BLOCK | DESC_ATTR_NORMAL | DESC_INNER_SHAREABLE | DESC_AF;
	__asm__ volatile("dsb sy\n\t"
			 "msr mair_el1, %0\n\t"
			 "msr tcr_el1, %1\n\t"
			 "msr ttbr0_el1, %2\n\t"
			 "isb\n\t"
			 "tlbi vmalle1\n\t"
			 "dsb sy\n\t"
			 "isb"
			 : : "r"(MAIR_DEVICE_NGNRNE | MAIR_NORMAL_WB << 8),
			     "r"(TCR_T0SZ | TCR_WB_INNER_OUTER | TCR_SH0_INNER | TCR_EPD1 | TCR_IPS_40BIT),
			     "r"((uintptr_t)level1)
			 : "memory");
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr = (sctlr | SCTLR_M | SCTLR_C | SCTLR_I) & ~SCTLR_A;
	__asm__ volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr) : "memory");
}

void mmu_point_block_at_table(uintptr_t va, uintptr_t table_ipa)
{
	level1[va / MMU_BLOCK_SIZE] = table_ipa | DESC_TABLE;
	__asm__ volatile("dsb sy\n\ttlbi vmalle1\n\tdsb sy\n\tisb" ::: "memory");
}
