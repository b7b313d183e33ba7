/*
 * What the picture flags in red: every warning the compiler gave about
 * the layout (diag.h records them), on the card of the partition it
 * points into (the partition whose entry starts last before the warning's
 * position) or, for the rest, under the heading.
 */
#include "emit.h"
#include "pci.h"
#include "svg.h"

#include <stdio.h>
#include <string.h>

static bool before(struct source_position a, struct source_position b)
{
	return a.line < b.line || (a.line == b.line && a.column <= b.column);
}

/* The partition a warning at `at` is about, or -1. */
static int warned_partition(const struct layout_spec *l, struct source_position at)
{
	struct source_position best = { NULL, 0, 0 };
	int partition = -1;

	if (at.file == NULL || l->file == NULL || strcmp(at.file, l->file) != 0 || at.line == 0)
		return -1;
	for (unsigned int i = 0; i < l->partition_count; i++)
		if (before(l->partitions[i].at, at) && before(best, l->partitions[i].at)) {
			best = l->partitions[i].at;
			partition = (int)i;
		}
	/* A schedule or channel entry after the partition's start ends it. */
	for (unsigned int s = 0; s < l->schedule_count; s++)
		if (before(l->schedules[s].at, at) && before(best, l->schedules[s].at))
			best = l->schedules[s].at, partition = -1;
	for (unsigned int c = 0; c < l->channel_count; c++)
		if (before(l->channels[c].at, at) && before(best, l->channels[c].at))
			best = l->channels[c].at, partition = -1;
	return partition;
}

bool svg_next_warning(const struct layout_spec *l, int partition, unsigned int *cursor, char *text, size_t length)
{
	unsigned int recorded = diag_warning_records();

	while (*cursor < recorded) {
		struct source_position at;
		const char *message = diag_warning_record((*cursor)++, &at);
		if (warned_partition(l, at) != partition)
			continue;
		if (at.line > 0)
			snprintf(text, length, "line %u:%u: %s", at.line, at.column, message);
		else
			snprintf(text, length, "%s", message);
		return true;
	}
	return false;
}

unsigned int svg_dma_partitions(const struct layout_spec *l, const struct board *b, char *names, unsigned int length)
{
	unsigned int count = 0;
	size_t used = 0;

	names[0] = '\0';
	for (unsigned int i = 0; i < l->partition_count; i++) {
		bool has = false;
		for (unsigned int d = 0; d < b->device_count && !has; d++)
			has = b->devices[d].dma_unprotected && partition_has_device(l, b, i, d);
		/* A PCI function is listed only where its host's DMA goes unchecked (validate_pci.c). */
		has = has || (l->partitions[i].pci_count > 0 && !pci_host_dma_checked(b));
		if (!has)
			continue;
		int n = snprintf(names + used, length - used, "%s%s", count ? ", " : "", l->partitions[i].name);
		if (n > 0 && (size_t)n < length - used)
			used += (size_t)n;
		count++;
	}
	return count;
}
