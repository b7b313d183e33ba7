/*
 * Preparing partition memory: zeroing it fast, and making what the
 * hypervisor wrote visible to a partition that starts with its MMU and
 * caches off (it reads memory non-cacheable, so our writes must be cleaned
 * to the point of coherency first) and that will execute it.
 */
#include <arch.h>
#include <arch/sysregs.h>
#include <string.h>

#define DCZID_PROHIBITED	(1U << 4)
#define DCZID_BLOCK_SIZE(d)	(4UL << ((d) & 0xfU))
#define CTR_DMINLINE(c)		(4UL << (((c) >> 16) & 0xfU))

static uint64_t dczid(void)
{
	uint64_t value;

	__asm__ volatile("mrs %0, dczid_el0" : "=r"(value));
	return value;
}

static uint64_t data_cache_line(void)
{
	uint64_t ctr;

	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	return CTR_DMINLINE(ctr);
}

void arch_memory_clean(const void *start, uint64_t size)
{
	uint64_t line = data_cache_line();
	uintptr_t address = (uintptr_t)start & ~(line - 1);
	uintptr_t end = (uintptr_t)start + size;

	for (; address < end; address += line)
		__asm__ volatile("dc cvac, %0" : : "r"(address) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
}

void arch_memory_zero(void *start, uint64_t size)
{
	uint64_t id = dczid(), block = DCZID_BLOCK_SIZE(id);
	uint8_t *p = start, *end = p + size;

	if (id & DCZID_PROHIBITED) {
		memset(start, 0, size);
	} else {
		while (p < end && (uintptr_t)p % block != 0)
			*p++ = 0;
		for (; (uint64_t)(end - p) >= block; p += block)
			__asm__ volatile("dc zva, %0" : : "r"(p) : "memory");
		while (p < end)
			*p++ = 0;
	}
	arch_memory_clean(start, size);
}

void arch_memory_sync_for_execution(void)
{
	__asm__ volatile("dsb ish\n\tic ialluis\n\tdsb ish\n\tisb" ::: "memory");
}
