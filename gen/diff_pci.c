/*
 * bulkhead diff for PCIe functions (docs/pci.md), matched by name: added,
 * removed, given to another partition, moved to another bus:dev.fn, their
 * windows placed elsewhere or resized, their INTx line changed.
 */
#include "diff.h"
#include "pci.h"
#include "units.h"

#include <string.h>

/* The function named name in l, and its partition, or NULL. */
static const struct pci_function_spec *find_function(const struct layout_spec *l, const char *name,
						     const struct partition_spec **owner)
{
	for (unsigned int i = 0; i < l->partition_count; i++)
		for (unsigned int k = 0; k < l->partitions[i].pci_count; k++)
			if (strcmp(l->partitions[i].pci[k].name, name) == 0) {
				*owner = &l->partitions[i];
				return &l->partitions[i].pci[k];
			}
	return NULL;
}

static void window_text(const struct pci_window_spec *w, char *text, size_t length)
{
	char size[32];

	if (w->size == 0) {
		snprintf(text, length, "none");
		return;
	}
	units_format_size(w->size, size, sizeof(size));
	snprintf(text, length, "%#llx %s", (unsigned long long)w->base, size);
}

static void intx_text(unsigned int intid, char *text, size_t length)
{
	if (intid == 0)
		snprintf(text, length, "none");
	else
		snprintf(text, length, "%u", intid);
}

static void summary(const struct pci_function_spec *f, const struct partition_spec *p, char *text, size_t length)
{
	char rid[16], window[64], intx[16];

	pci_format_rid(f->rid, rid, sizeof(rid));
	window_text(&f->mmio, window, sizeof(window));
	intx_text(f->intx_intid, intx, sizeof(intx));
	snprintf(text, length, "%s, %s, window %s, INTx %s", p->name, rid, window, intx);
}

static unsigned int changed(FILE *out, const char *name, const char *what, const char *from, const char *to)
{
	if (strcmp(from, to) == 0)
		return 0;
	fprintf(out, "function %s: %s%s -> %s\n", name, what, from, to);
	return 1;
}

/* One line per change of a function both layouts have. */
static unsigned int diff_function(FILE *out, const struct pci_function_spec *a, const struct partition_spec *pa,
				  const struct pci_function_spec *b, const struct partition_spec *pb)
{
	unsigned int changes = changed(out, a->name, "", pa->name, pb->name);
	char from[64], to[64];

	pci_format_rid(a->rid, from, sizeof(from));
	pci_format_rid(b->rid, to, sizeof(to));
	changes += changed(out, a->name, "", from, to);
	window_text(&a->mmio, from, sizeof(from));
	window_text(&b->mmio, to, sizeof(to));
	changes += changed(out, a->name, "window ", from, to);
	window_text(&a->mmio64, from, sizeof(from));
	window_text(&b->mmio64, to, sizeof(to));
	changes += changed(out, a->name, "window64 ", from, to);
	intx_text(a->intx_intid, from, sizeof(from));
	intx_text(b->intx_intid, to, sizeof(to));
	return changes + changed(out, a->name, "INTx ", from, to);
}

unsigned int diff_pci(FILE *out, const struct layout_spec *old, const struct layout_spec *new)
{
	unsigned int changes = 0;
	char text[160];

	for (unsigned int i = 0; i < old->partition_count; i++) {
		for (unsigned int k = 0; k < old->partitions[i].pci_count; k++) {
			const struct pci_function_spec *a = &old->partitions[i].pci[k], *b;
			const struct partition_spec *owner;

			if ((b = find_function(new, a->name, &owner)) != NULL) {
				changes += diff_function(out, a, &old->partitions[i], b, owner);
				continue;
			}
			summary(a, &old->partitions[i], text, sizeof(text));
			fprintf(out, "function %s: removed (was %s)\n", a->name, text);
			changes++;
		}
	}
	for (unsigned int i = 0; i < new->partition_count; i++) {
		for (unsigned int k = 0; k < new->partitions[i].pci_count; k++) {
			const struct pci_function_spec *b = &new->partitions[i].pci[k];
			const struct partition_spec *owner;

			if (find_function(old, b->name, &owner) != NULL)
				continue;
			summary(b, &new->partitions[i], text, sizeof(text));
			fprintf(out, "function %s: added (%s)\n", b->name, text);
			changes++;
		}
	}
	return changes;
}
