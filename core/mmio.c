/* The per-partition table of emulated MMIO ranges. */
#include <mmio.h>

#include <stddef.h>

bool mmio_register(struct mmio_map *map, const struct mmio_region *region)
{
	if (map->count >= MMIO_REGIONS_PER_PARTITION)
		return false;
	map->regions[map->count++] = *region;
	return true;
}

const struct mmio_region *mmio_find(const struct mmio_map *map, uint64_t address)
{
	for (unsigned int i = 0; i < map->count; i++) {
		const struct mmio_region *r = &map->regions[i];
		if (address >= r->base && address - r->base < r->size)
			return r;
	}
	return NULL;
}
