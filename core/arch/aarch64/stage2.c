/*
 * Building a partition's stage-2 tables. Tables come from a pool sized at
 * build time and are only ever handed out at boot; a layout that needs more
 * than the pool is refused at boot with the count it needed.
 */
#include <arch/pgtable.h>
#include <arch/stage2.h>
#include <arch/sysregs.h>
#include <log.h>

#include <stddef.h>

/* Two root pages per partition plus room for 2 MiB/4 KiB granularity. */
#define STAGE2_POOL_PAGES	(CONFIG_MAX_PARTITIONS * 64)

static uint64_t pool[STAGE2_POOL_PAGES][PT_ENTRIES] __attribute__((aligned(2 * PAGE_SIZE)));
static size_t pool_used;

static uint64_t *take_pages(size_t count)
{
	uint64_t *pages;

	/* Concatenated roots need an alignment of their own size. */
	if (count == 2 && pool_used % 2 != 0)
		pool_used++;
	if (pool_used + count > STAGE2_POOL_PAGES) {
		log_error("stage-2 page-table pool exhausted (%u pages)", STAGE2_POOL_PAGES);
		return NULL;
	}
	pages = pool[pool_used];
	pool_used += count;
	for (size_t i = 0; i < count * PT_ENTRIES; i++)
		pages[i] = 0;
	return pages;
}

bool stage2_init(struct stage2 *s2, uint16_t vmid)
{
	s2->root = take_pages(2);
	s2->vmid = vmid;
	return s2->root != NULL;
}

static uint64_t leaf_attributes(unsigned int access, enum stage2_memory memory)
{
	uint64_t attr = S2_AF;

	if (memory == STAGE2_DEVICE)
		attr |= S2_MEMATTR_DEVICE_NGNRE;
	else
		attr |= S2_MEMATTR_NORMAL_WB | S2_SH_INNER;
	if (access & STAGE2_READ)
		attr |= S2_AP_READ;
	if (access & STAGE2_WRITE)
		attr |= S2_AP_WRITE;
	if (!(access & STAGE2_EXEC) || memory == STAGE2_DEVICE)
		attr |= S2_XN;
	return attr;
}

/* The table one level down from *entry, created if absent. */
static uint64_t *next_table(uint64_t *entry)
{
	uint64_t *table;

	if (*entry & PTE_VALID)
		return (uint64_t *)(uintptr_t)(*entry & PTE_ADDR_MASK);
	table = take_pages(1);
	if (table == NULL)
		return NULL;
	*entry = ((uint64_t)(uintptr_t)table & PTE_ADDR_MASK) | PTE_VALID | PTE_TABLE;
	return table;
}

static bool map_one(struct stage2 *s2, uint64_t ipa, uint64_t pa, unsigned int level,
		    uint64_t attributes)
{
	/* The level-1 index spans both concatenated root tables. */
	uint64_t *table = s2->root;
	unsigned int index = (unsigned int)(ipa >> PT_LEVEL_SHIFT(1));

	for (unsigned int l = 1; l < level; l++) {
		table = next_table(&table[index]);
		if (table == NULL)
			return false;
		index = (unsigned int)(ipa >> PT_LEVEL_SHIFT(l + 1)) & (PT_ENTRIES - 1);
	}
	table[index] = (pa & PTE_ADDR_MASK) | PTE_VALID | (level == 3 ? PTE_TABLE : PTE_BLOCK) |
		       attributes;
	return true;
}

bool stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size,
		unsigned int access, enum stage2_memory memory)
{
	uint64_t attributes = leaf_attributes(access, memory);

	while (size > 0) {
		unsigned int level = 3;

		for (unsigned int l = 1; l < 3; l++) {
			uint64_t block = PT_BLOCK_SIZE(l);
			if (ipa % block == 0 && pa % block == 0 && size >= block) {
				level = l;
				break;
			}
		}
		if (!map_one(s2, ipa, pa, level, attributes))
			return false;
		ipa += PT_BLOCK_SIZE(level);
		pa += PT_BLOCK_SIZE(level);
		size -= PT_BLOCK_SIZE(level);
	}
	dsb_sy();
	return true;
}

uint64_t stage2_vttbr(const struct stage2 *s2)
{
	return ((uint64_t)s2->vmid << VTTBR_VMID_SHIFT) | ((uint64_t)(uintptr_t)s2->root);
}

void stage2_flush_tlb(const struct stage2 *s2)
{
	uint64_t saved = sysreg_vttbr_el2_read();

	/* TLBI VMALLS12E1IS acts on the VMID in VTTBR_EL2. */
	sysreg_vttbr_el2_write(stage2_vttbr(s2));
	isb();
	__asm__ volatile("tlbi vmalls12e1is\n\tdsb ish" ::: "memory");
	sysreg_vttbr_el2_write(saved);
	isb();
}
