/*
 * What the picture flags in red, from the validated model: the devices
 * whose DMA no IOMMU checks (the compiler's `dma: unprotected`
 * warnings, gen/validate_dma.c), and such a device in a partition whose
 * memory is not identity-mapped, where its DMA cannot even work (the
 * device takes the guest's addresses as physical ones).
 */
#include "emit.h"
#include "svg.h"

#include <stdio.h>
#include <string.h>

static bool explicitly_given(const struct partition_spec *p, unsigned int d)
{
	for (unsigned int k = 0; k < p->device_count; k++)
		if (p->devices[k].board_index == (int)d)
			return true;
	return false;
}

static bool identity_mapped(const struct partition_spec *p)
{
	for (unsigned int k = 0; k < p->region_count; k++)
		if (p->regions[k].ipa != p->regions[k].pa)
			return false;
	return true;
}

unsigned int svg_partition_warnings(const struct layout_spec *l, const struct board *b, unsigned int i,
				    char (*lines)[SVG_WARNING_LENGTH], unsigned int max)
{
	const struct partition_spec *p = &l->partitions[i];
	unsigned int given = 0, by_default = 0, n = 0;

	for (unsigned int d = 0; d < b->device_count; d++) {
		if (!b->devices[d].dma_unprotected || !partition_has_device(l, b, i, d))
			continue;
		if (explicitly_given(p, d))
			given++;
		else
			by_default++;
	}
	if (given > 0 && n < max)
		snprintf(lines[n++], SVG_WARNING_LENGTH,
			 "%u device%s given here master%s DMA no IOMMU checks: reaches all memory",
			 given, given == 1 ? "" : "s", given == 1 ? "s" : "");
	if (by_default > 0 && n < max)
		snprintf(lines[n++], SVG_WARNING_LENGTH,
			 "%u device%s had by default master%s DMA no IOMMU checks: reaches all memory",
			 by_default, by_default == 1 ? "" : "s", by_default == 1 ? "s" : "");
	if (given + by_default > 0 && !identity_mapped(p) && n < max)
		snprintf(lines[n++], SVG_WARNING_LENGTH,
			 "memory not identity-mapped: its DMA devices take guest addresses as physical");
	return n;
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
		if (!has)
			continue;
		int n = snprintf(names + used, length - used, "%s%s", count ? ", " : "", l->partitions[i].name);
		if (n > 0 && (size_t)n < length - used)
			used += (size_t)n;
		count++;
	}
	return count;
}
