/*
 * The physical memory map of a validated layout in address order: the
 * hypervisor's own memory, the event log at its end, every partition's
 * regions and every channel. The text report and the picture read it.
 */
#ifndef GEN_MEMORY_MAP_H
#define GEN_MEMORY_MAP_H

#include "model.h"

enum map_kind { MAP_HYPERVISOR, MAP_EVENT_LOG, MAP_MEMORY, MAP_CHANNEL };

struct map_entry {
	uint64_t base, size;
	enum map_kind kind;
	unsigned int owner;	/* partition index (MAP_MEMORY) or channel index (MAP_CHANNEL) */
	unsigned int region;	/* region index within the partition (MAP_MEMORY) */
	const char *owner_name;
	const char *what;
};

/* Returns the entries (free() them), sorted by address, and their count; NULL without memory. */
struct map_entry *memory_map_collect(const struct layout_spec *layout, unsigned int *count);

#endif
