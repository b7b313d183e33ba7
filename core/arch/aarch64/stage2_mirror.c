/*
 * Copying a stage-2 tree into stage-1 format. Table descriptors keep their
 * shape; a leaf keeps its output address, and its S2AP and MemAttr become
 * AP and an AttrIndx of MIRROR_MAIR_VALUE. Stage 1 cannot say "write but
 * not read": such a leaf is left out (a device then gets neither), never
 * widened. The device never fetches instructions, so every leaf is XN.
 */
#include <arch/pgtable.h>
#include <arch/stage2_mirror.h>
#include <log.h>

#include <stddef.h>

/* Room for the mirrors of two partitions' stage 2 (the stage-2 pool's share of each) and their roots. */
#define MIRROR_POOL_PAGES	(2 * 64 + 2)

static uint64_t pool[MIRROR_POOL_PAGES][PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static size_t pool_used;

#define S1_AP_EL0		(1UL << 6)	/* AP[1]: unprivileged transactions too */
#define S1_PXN			(1UL << 53)
#define S1_UXN			(1UL << 54)
#define S2_MEMATTR_MASK		(0xfUL << 2)
#define S2_SH_MASK		(3UL << 8)

static uint64_t *take_page(void)
{
	uint64_t *page;

	if (pool_used == MIRROR_POOL_PAGES) {
		log_error("SMMU: stage-1 mirror pool exhausted (%u pages)", MIRROR_POOL_PAGES);
		return NULL;
	}
	page = pool[pool_used++];
	for (size_t i = 0; i < PT_ENTRIES; i++)
		page[i] = 0;
	return page;
}

static uint64_t stage1_leaf(uint64_t s2, bool page)
{
	uint64_t s1 = (s2 & PTE_ADDR_MASK) | PTE_VALID | (page ? PTE_TABLE : PTE_BLOCK) | PTE_AF |
		      S1_AP_EL0 | S1_PXN | S1_UXN;

	if (!(s2 & S2_AP_READ))
		return 0;
	if (!(s2 & S2_AP_WRITE))
		s1 |= PTE_AP_READ_ONLY;
	if ((s2 & S2_MEMATTR_MASK) == S2_MEMATTR_DEVICE_NGNRE)
		s1 |= PTE_ATTR_INDEX(MIRROR_MAIR_DEVICE);
	else
		s1 |= PTE_ATTR_INDEX(MIRROR_MAIR_NORMAL) | (s2 & S2_SH_MASK);
	return s1;
}

/* The stage-1 copy of one stage-2 table at `level`, or NULL. */
static uint64_t *copy_table(const uint64_t *s2, unsigned int level)
{
	uint64_t *s1 = take_page();

	if (s1 == NULL)
		return NULL;
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		uint64_t entry = s2[i];

		if (!(entry & PTE_VALID))
			continue;
		if (level < 3 && (entry & PTE_TABLE)) {
			uint64_t *next = copy_table((const uint64_t *)(uintptr_t)(entry & PTE_ADDR_MASK), level + 1);
			if (next == NULL)
				return NULL;
			s1[i] = ((uint64_t)(uintptr_t)next & PTE_ADDR_MASK) | PTE_VALID | PTE_TABLE;
		} else {
			s1[i] = stage1_leaf(entry, level == 3);
		}
	}
	return s1;
}

uint64_t stage2_mirror_build(const struct stage2 *s2)
{
	/* Stage 2 starts at level 1 over two concatenated tables; stage 1
	 * cannot concatenate, so a level-0 table points at the two copies. */
	uint64_t *root = take_page();

	if (root == NULL)
		return 0;
	for (unsigned int half = 0; half < 2; half++) {
		uint64_t *level1 = copy_table(s2->root + half * PT_ENTRIES, 1);
		if (level1 == NULL)
			return 0;
		root[half] = ((uint64_t)(uintptr_t)level1 & PTE_ADDR_MASK) | PTE_VALID | PTE_TABLE;
	}
	return (uint64_t)(uintptr_t)root;
}
