/*
 * Devices that master DMA no IOMMU checks (`dma: unprotected` in the
 * board description) reach all physical memory, the hypervisor's
 * included, whatever stage 2 says. Giving one to a partition is allowed
 * today, with a warning: at each explicit assignment, and once for the
 * root's default share (every device nobody else has). A later version
 * will refuse either unless the layout acknowledges it.
 */
#include "diag.h"
#include "emit.h"
#include "validate_internal.h"

#include <stdio.h>
#include <string.h>

#define DMA_HINT "SECURITY.md (DMA) says what this gives away; a later version will require " \
		 "the layout to acknowledge it"

/* "virtio" for "virtio12", with its number; false for a name without one. */
static bool numbered(const char *name, size_t *stem, unsigned long *number)
{
	size_t end = strlen(name), digits = end;

	while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9')
		digits--;
	if (digits == end || digits == 0 || end - digits > 6)
		return false;
	*stem = digits;
	*number = 0;
	for (size_t i = digits; i < end; i++)
		*number = *number * 10 + (unsigned long)(name[i] - '0');
	return true;
}

/* Whether b follows a in one numbered series: virtio3 after virtio2. */
static bool next_in_series(const char *a, const char *b)
{
	size_t stem_a, stem_b;
	unsigned long n_a, n_b;

	return numbered(a, &stem_a, &n_a) && numbered(b, &stem_b, &n_b) && stem_a == stem_b &&
	       strncmp(a, b, stem_a) == 0 && n_b == n_a + 1;
}

/*
 * Appends the names of `count` devices to `text`, a numbered series
 * written as its ends: "fw-cfg, virtio0..virtio31, pcie-ecam".
 */
static void list_names(char *text, size_t size, const char *const *names, unsigned int count)
{
	size_t used = 0;
	unsigned int last;

	text[0] = '\0';
	for (unsigned int i = 0; i < count; i = last + 1) {
		int n;

		last = i;
		while (last + 1 < count && next_in_series(names[last], names[last + 1]))
			last++;
		if (last < i + 2)	/* two in a row are just two names */
			last = i;
		if (last > i)
			n = snprintf(text + used, size - used, "%s%s..%s", i ? ", " : "", names[i], names[last]);
		else
			n = snprintf(text + used, size - used, "%s%s", i ? ", " : "", names[i]);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
}

void warn_unprotected_dma(const struct layout_spec *l, const struct board *b)
{
	const char *names[256];
	char text[2048];
	unsigned int roots_seen = 0;

	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		unsigned int count = 0;

		for (unsigned int k = 0; k < p->device_count; k++) {
			const struct device_ref *ref = &p->devices[k];
			if (ref->board_index >= 0 && b->devices[ref->board_index].dma_unprotected &&
			    b->devices[ref->board_index].owner == (int)i)
				diag_warning(ref->at, DMA_HINT,
					     "device '%s' masters DMA that no IOMMU checks: partition '%s' can read "
					     "and write all physical memory through it, the hypervisor's included",
					     ref->name, p->name ? p->name : "?");
		}
		/* A second root is refused: only the first gets the default share. */
		if (!p->root || roots_seen++ > 0)
			continue;
		for (unsigned int d = 0; d < b->device_count && count < sizeof(names) / sizeof(names[0]); d++)
			if (b->devices[d].dma_unprotected && b->devices[d].owner < 0 && partition_has_device(l, b, i, d))
				names[count++] = b->devices[d].name;
		if (count == 0)
			continue;
		list_names(text, sizeof(text), names, count);
		diag_warning(p->root_at, DMA_HINT,
			     "root partition '%s' gets %u device%s that master DMA no IOMMU checks, by default (%s): "
			     "through them it can read and write all physical memory, the hypervisor's included",
			     p->name ? p->name : "?", count, count == 1 ? "" : "s", text);
	}
}
