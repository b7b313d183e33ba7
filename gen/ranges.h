/* Address ranges with overflow-safe arithmetic. */
#ifndef GEN_RANGES_H
#define GEN_RANGES_H

#include <stdbool.h>
#include <stdint.h>

#define PAGE_SIZE_4K	0x1000ULL
#define BLOCK_SIZE_2M	0x200000ULL

/* base + size - 1 without wrapping; false if the range wraps past 2^64. */
static inline bool range_last(uint64_t base, uint64_t size, uint64_t *last)
{
	if (size == 0 || base > UINT64_MAX - (size - 1))
		return false;
	*last = base + (size - 1);
	return true;
}

static inline bool ranges_overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	uint64_t a_last, b_last;

	if (!range_last(a, a_size, &a_last) || !range_last(b, b_size, &b_last))
		return false;
	return a <= b_last && b <= a_last;
}

static inline bool range_within(uint64_t inner, uint64_t inner_size, uint64_t outer, uint64_t outer_size)
{
	uint64_t inner_last, outer_last;

	if (!range_last(inner, inner_size, &inner_last) || !range_last(outer, outer_size, &outer_last))
		return false;
	return inner >= outer && inner_last <= outer_last;
}

static inline uint64_t align_down(uint64_t value, uint64_t alignment)
{
	return value & ~(alignment - 1);
}

/* False on overflow. */
static inline bool align_up(uint64_t value, uint64_t alignment, uint64_t *result)
{
	if (value > UINT64_MAX - (alignment - 1))
		return false;
	*result = (value + alignment - 1) & ~(alignment - 1);
	return true;
}

#endif
