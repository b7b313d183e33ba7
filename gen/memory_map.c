/* The physical memory map, shared by the text report and the SVG picture. */
#include "memory_map.h"

#include <layout.h>

#include <stdlib.h>

static int by_address(const void *a, const void *b)
{
	const struct map_entry *x = a, *y = b;
	return x->base < y->base ? -1 : x->base > y->base;
}

struct map_entry *memory_map_collect(const struct layout_spec *l, unsigned int *count)
{
	unsigned int capacity = 2 + l->channel_count, n = 0;
	struct map_entry *entries;

	for (unsigned int i = 0; i < l->partition_count; i++)
		capacity += l->partitions[i].region_count;
	entries = calloc(capacity, sizeof(*entries));
	if (entries == NULL)
		return NULL;
	/* The event log is the hypervisor's last 64 KiB, which the root maps read-only. */
	if (l->hv_size > LAYOUT_EVENT_LOG_SIZE) {
		entries[n++] = (struct map_entry){ l->hv_base, l->hv_size - LAYOUT_EVENT_LOG_SIZE, MAP_HYPERVISOR, 0, 0,
						   "hypervisor", "reserved" };
		entries[n++] = (struct map_entry){ LAYOUT_EVENT_LOG_BASE(l->hv_base, l->hv_size), LAYOUT_EVENT_LOG_SIZE,
						   MAP_EVENT_LOG, 0, 0, "hypervisor", "event-log" };
	} else {
		entries[n++] = (struct map_entry){ l->hv_base, l->hv_size, MAP_HYPERVISOR, 0, 0, "hypervisor", "reserved" };
	}
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		for (unsigned int k = 0; k < p->region_count; k++)
			entries[n++] = (struct map_entry){ p->regions[k].pa, p->regions[k].size, MAP_MEMORY, i, k,
							   p->name, "memory" };
	}
	for (unsigned int c = 0; c < l->channel_count; c++)
		entries[n++] = (struct map_entry){ l->channels[c].pa, l->channels[c].size, MAP_CHANNEL, c, 0,
						   l->channels[c].name, "channel" };
	qsort(entries, n, sizeof(*entries), by_address);
	*count = n;
	return entries;
}
