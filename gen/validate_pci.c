/*
 * PCIe functions given by the layout (`pci:`, docs/pci.md): each named
 * once, at a bus:dev.fn the hypervisor enumerates, with slices of the
 * host's memory windows that overlap nothing (placed here, naturally
 * aligned, unless the layout fixes a base), an INTx line no other
 * partition has, and DMA an IOMMU checks (or the layout acknowledges that
 * none does). The root's part of each window is the largest gap left.
 */
#include "emit.h"
#include "pci.h"
#include "units.h"
#include "validate_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCI_DEFAULT_WINDOW	0x100000ULL	/* 1 MiB of the 32-bit window, unless `window:` says */

static bool hex_digits(const char **s, unsigned int max_digits, unsigned int *value)
{
	unsigned int n = 0;

	*value = 0;
	for (; n < max_digits; n++, (*s)++) {
		char c = **s;
		unsigned int digit = c >= '0' && c <= '9' ? (unsigned int)(c - '0') :
				     c >= 'a' && c <= 'f' ? (unsigned int)(c - 'a' + 10) :
				     c >= 'A' && c <= 'F' ? (unsigned int)(c - 'A' + 10) : 16;
		if (digit == 16)
			break;
		*value = *value * 16 + digit;
	}
	return n > 0;
}

/* "bus:dev.fn" in hexadecimal, as lspci prints it: "00:03.0". */
bool parse_pci_rid(const char *text, unsigned int *rid)
{
	unsigned int bus, dev, fn;
	const char *s = text;

	if (!hex_digits(&s, 2, &bus) || *s++ != ':' || !hex_digits(&s, 2, &dev) || *s++ != '.' ||
	    !hex_digits(&s, 1, &fn) || *s != '\0' || dev > 0x1f || fn > 7)
		return false;
	*rid = bus << 8 | dev << 3 | fn;
	return true;
}

/* The function named `name` before function `before` of partition `owner`, in layout order. */
static const struct pci_function_spec *earlier_function(const struct layout_spec *l, unsigned int owner,
							 const struct pci_function_spec *before, const char *name,
							 unsigned int rid, unsigned int *partition)
{
	for (unsigned int i = 0; i <= owner; i++) {
		const struct partition_spec *p = &l->partitions[i];
		for (unsigned int k = 0; k < p->pci_count; k++) {
			const struct pci_function_spec *f = &p->pci[k];
			if (f == before)
				return NULL;
			if (name != NULL ? f->name != NULL && strcmp(f->name, name) == 0 : f->rid_valid && f->rid == rid) {
				*partition = i;
				return f;
			}
		}
	}
	return NULL;
}

static void check_function(const struct layout_spec *l, const struct board *b, unsigned int i,
			   struct pci_function_spec *f)
{
	const struct pci_function_spec *other;
	unsigned int owner, dev;
	char rid[16];

	if (board_find_device(b, f->name) >= 0)
		diag_error(f->name_at, "rename the function: names are the layout's, in every message",
			   "PCI function name '%s' is the name of a board device", f->name);
	else if ((other = earlier_function(l, i, f, f->name, 0, &owner)) != NULL)
		diag_error(f->name_at, NULL, "PCI function name '%s' is taken (line %u)", f->name, other->name_at.line);
	if (!parse_pci_rid(f->address, &f->rid)) {
		diag_error(f->address_at, "bus:device.function in hexadecimal, as lspci prints it: \"00:03.0\" "
			   "(device up to 1f, function up to 7)", "bad PCI function '%s'", f->address);
		return;
	}
	pci_format_rid(f->rid, rid, sizeof(rid));
	if (f->rid >> 8 >= b->pci.bus_count) {
		diag_error(f->address_at, "the board's pci-host says how many buses the hypervisor enumerates",
			   "function %s is on bus %u, but board %s enumerates %u bus(es) from 0", rid, f->rid >> 8,
			   b->name, b->pci.bus_count);
		return;
	}
	if (f->rid == 0) {
		diag_error(f->address_at, "the root keeps the host bridge; give the functions behind it",
			   "function 00:00.0 is the host bridge itself");
		return;
	}
	if ((other = earlier_function(l, i, f, NULL, f->rid, &owner)) != NULL) {
		diag_error(f->address_at, "a function has one owner", "function %s is given twice (also as '%s' to '%s', line %u)",
			   rid, other->name, l->partitions[owner].name ? l->partitions[owner].name : "?",
			   other->address_at.line);
		return;
	}
	f->rid_valid = true;
	dev = (f->rid >> 3) & 0x1f;
	f->intx_intid = f->intx_pin != 0 ? b->pci.intx[(dev + f->intx_pin - 1) % 4] : 0;
}

void check_pci_functions(struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		const char *name = p->name ? p->name : "?";

		if (p->pci_none && !p->root)
			diag_error(p->pci_at, "a partition without functions has no PCI: leave out pci:",
				   "only the root can say 'pci: none'");
		if (p->root && p->pci_count > 0) {
			diag_error(p->pci_at, "give functions to other partitions; 'pci: none' gives the root no PCI at all",
				   "the root partition lists no PCI functions: it has every function no other partition is given");
			continue;
		}
		if (p->pci_count > 0 && !b->pci.present) {
			diag_error(p->pci_at, "the board description's pci-host: names it",
				   "partition '%s' has PCI functions, but board %s has no PCIe host", name, b->name);
			continue;
		}
		for (unsigned int k = 0; k < p->pci_count; k++)
			check_function(l, b, i, &p->pci[k]);
	}
}

/* A slice of a window, for placement: its owner's function, or the window's own bounds. */
struct slice {
	uint64_t base, size;
	const struct pci_function_spec *function;
	unsigned int partition;
};

static const struct slice *overlapping_slice(const struct slice *slices, unsigned int count, uint64_t base, uint64_t size)
{
	for (unsigned int s = 0; s < count; s++)
		if (ranges_overlap(base, size, slices[s].base, slices[s].size))
			return &slices[s];
	return NULL;
}

/* The lowest base, aligned to size, where size bytes of the window overlap no slice; false: none. */
static bool place_slice(const struct slice *slices, unsigned int count, uint64_t window, uint64_t window_size,
			uint64_t size, uint64_t *base)
{
	uint64_t candidate;
	const struct slice *other;

	if (!align_up(window, size, &candidate))
		return false;
	while (range_within(candidate, size, window, window_size)) {
		if ((other = overlapping_slice(slices, count, candidate, size)) == NULL) {
			*base = candidate;
			return true;
		}
		if (!align_up(other->base + other->size, size, &candidate))
			return false;
	}
	return false;
}

static int by_base(const void *a, const void *b)
{
	const struct slice *x = a, *y = b;
	return x->base < y->base ? -1 : x->base > y->base;
}

/* The largest gap the slices leave in the window (the lowest of equals); size 0: none. */
static void largest_gap(struct slice *slices, unsigned int count, uint64_t window, uint64_t window_size,
			uint64_t *base, uint64_t *size)
{
	uint64_t at = window, end = window + window_size;

	*base = *size = 0;
	qsort(slices, count, sizeof(*slices), by_base);
	for (unsigned int s = 0; s <= count; s++) {
		uint64_t next = s < count ? slices[s].base : end;
		if (next > at && next - at > *size) {
			*base = at;
			*size = next - at;
		}
		if (s < count && slices[s].base + slices[s].size > at)
			at = slices[s].base + slices[s].size;
	}
}

static struct pci_window_spec *window_of(struct pci_function_spec *f, bool wide)
{
	return wide ? &f->mmio64 : &f->mmio;
}

/*
 * Fixed slices first (checked against the window and each other), then
 * the others in layout order at the lowest naturally aligned place left.
 */
static void place_window(struct layout_spec *l, const struct board *b, bool wide)
{
	const char *kind = wide ? "64-bit" : "32-bit", *key = wide ? "window64" : "window";
	int device = wide ? b->pci.mmio64 : b->pci.mmio;
	uint64_t window = device >= 0 ? b->devices[device].base : 0, window_size = device >= 0 ? b->devices[device].size : 0;
	struct slice *slices;
	unsigned int count = 0, total = 0;
	bool root = false;

	for (unsigned int i = 0; i < l->partition_count; i++) {
		total += l->partitions[i].pci_count;
		root = root || (l->partitions[i].root && pci_partition_has_host(l, b, i));
	}
	if ((slices = calloc(total ? total : 1, sizeof(*slices))) == NULL)
		return;
	for (int fixed = 1; fixed >= 0; fixed--) {
		for (unsigned int i = 0; i < l->partition_count; i++) {
			for (unsigned int k = 0; k < l->partitions[i].pci_count; k++) {
				struct pci_function_spec *f = &l->partitions[i].pci[k];
				struct pci_window_spec *w = window_of(f, wide);
				const struct slice *other;
				char size[32];

				if (!f->rid_valid || w->has_base != (fixed == 1))
					continue;
				if (!w->given && !wide && !w->has_base)
					w->size = PCI_DEFAULT_WINDOW;
				else if (!w->given)
					continue;
				units_format_size(w->size, size, sizeof(size));
				if (device < 0) {
					diag_error(w->at, "leave out window64", "board %s's PCIe host has no %s window for function '%s'",
						   b->name, kind, f->name);
					continue;
				}
				if (fixed && (w->base % PAGE_SIZE_4K != 0 || w->size % PAGE_SIZE_4K != 0)) {
					diag_error(w->at, "stage 2 maps whole 4 KiB pages", "%s of function '%s' at %#llx, %s, is not "
						   "in whole 4 KiB pages", key, f->name, (unsigned long long)w->base, size);
					continue;
				}
				if (!fixed && (w->size < PAGE_SIZE_4K || (w->size & (w->size - 1)) != 0)) {
					diag_error(w->at, "BARs are powers of two; a placed window is aligned to its size",
						   "%s of function '%s' is %s, not a power of two of at least 4K", key, f->name, size);
					continue;
				}
				if (fixed && !range_within(w->base, w->size, window, window_size)) {
					diag_error(w->at, NULL, "%s of function '%s' at %#llx, %s, leaves the host's %s window "
						   "%#llx-%#llx", key, f->name, (unsigned long long)w->base, size, kind,
						   (unsigned long long)window, (unsigned long long)(window + window_size - 1));
					continue;
				}
				if (fixed && (other = overlapping_slice(slices, count, w->base, w->size)) != NULL) {
					diag_error(w->at, "each function's window is its own", "%s of function '%s' overlaps "
						   "that of '%s' (line %u)", key, f->name, other->function->name,
						   window_of((struct pci_function_spec *)other->function, wide)->at.line);
					continue;
				}
				if (!fixed && !place_slice(slices, count, window, window_size, w->size, &w->base)) {
					diag_error(w->at, "make it or the other functions' windows smaller",
						   "no room for %s of function '%s' (%s) in the host's %s window", key,
						   f->name, size, kind);
					continue;
				}
				slices[count++] = (struct slice){ w->base, w->size, f, i };
			}
		}
	}
	if (root && device >= 0) {
		uint64_t *base = wide ? &l->root_mmio64_base : &l->root_mmio_base;
		uint64_t *size = wide ? &l->root_mmio64_size : &l->root_mmio_size;
		largest_gap(slices, count, window, window_size, base, size);
	}
	free(slices);
}

/* What of partition i's guest-physical space covers base..size: a region or a channel end, or NULL. */
static const struct source_position *guest_range_used(const struct layout_spec *l, unsigned int i, uint64_t base,
						       uint64_t size, const char **what)
{
	const struct partition_spec *p = &l->partitions[i];

	for (unsigned int r = 0; r < p->region_count; r++) {
		if (ranges_overlap(base, size, p->regions[r].ipa, p->regions[r].size)) {
			*what = "memory region";
			return p->regions[r].ipa_at.line ? &p->regions[r].ipa_at : &p->regions[r].at;
		}
	}
	for (unsigned int c = 0; c < l->channel_count; c++) {
		for (unsigned int e = 0; e < l->channels[c].endpoint_count; e++) {
			const struct endpoint_spec *ep = &l->channels[c].endpoints[e];
			if (ep->partition_index == (int)i && ranges_overlap(base, size, ep->ipa, l->channels[c].size)) {
				*what = "channel end";
				return &ep->at;
			}
		}
	}
	return NULL;
}

/* A non-root partition's slices and emulated config space take guest-physical addresses of their own. */
static void check_guest_addresses(const struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		const struct source_position *at;
		const char *what;

		if (p->root || !pci_partition_has_host(l, b, i))
			continue;
		if ((at = guest_range_used(l, i, pci_ecam_ipa(l, b, i), pci_ecam_size(b), &what)) != NULL)
			diag_error(*at, "move it: the emulated config space sits where the board's ECAM is",
				   "%s of partition '%s' covers its emulated PCI config space at %#llx", what,
				   p->name, (unsigned long long)pci_ecam_ipa(l, b, i));
		for (unsigned int k = 0; k < p->pci_count; k++) {
			const struct pci_function_spec *f = &p->pci[k];
			for (int wide = 0; wide <= 1; wide++) {
				const struct pci_window_spec *w = wide ? &f->mmio64 : &f->mmio;
				if (f->rid_valid && w->size != 0 &&
				    (at = guest_range_used(l, i, w->base, w->size, &what)) != NULL)
					diag_error(*at, "a function's window is mapped at its own address: move the region's ipa",
						   "%s of partition '%s' covers the window of its PCI function '%s' at %#llx",
						   what, p->name, f->name, (unsigned long long)w->base);
			}
		}
	}
}

/* An INTx line goes to one partition: the functions' owner, never also another's function or device. */
static void check_intx(const struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		for (unsigned int k = 0; k < l->partitions[i].pci_count; k++) {
			const struct pci_function_spec *f = &l->partitions[i].pci[k];
			int owner;

			if (f->intx_intid == 0)
				continue;
			owner = pci_intx_owner(l, f->intx_intid);
			if (owner >= 0 && owner != (int)i) {
				const struct pci_function_spec *first = NULL;
				for (unsigned int o = 0; first == NULL && o < l->partitions[owner].pci_count; o++)
					if (l->partitions[owner].pci[o].intx_intid == f->intx_intid)
						first = &l->partitions[owner].pci[o];
				diag_error(f->intx_at.line ? f->intx_at : f->address_at,
					   "an interrupt line goes to one partition: give one of them another slot or 'intx: none'",
					   "PCI functions '%s' of '%s' (line %u) and '%s' of '%s' both raise INTx interrupt %u",
					   first->name, l->partitions[owner].name, first->address_at.line, f->name,
					   l->partitions[i].name, f->intx_intid);
				continue;
			}
			for (unsigned int d = 0; d < b->device_count; d++) {
				const struct board_device *dev = &b->devices[d];
				for (unsigned int n = 0; n < dev->interrupt_count; n++) {
					for (unsigned int q = 0; dev->interrupts[n] == f->intx_intid && q < l->partition_count; q++) {
						if (q != i && partition_has_device(l, b, q, d))
							diag_error(f->intx_at.line ? f->intx_at : f->address_at,
								   "an interrupt line goes to one partition: give the function 'intx: none' or the device to the same partition",
								   "PCI function '%s' of '%s' raises INTx interrupt %u, the interrupt of device '%s' of '%s'",
								   f->name, l->partitions[i].name, f->intx_intid, dev->name,
								   l->partitions[q].name);
					}
				}
			}
		}
	}
}

/* DMA no IOMMU checks reaches all memory: only with the layout's acknowledgment (validate_dma.c). */
static void check_pci_dma(const struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		for (unsigned int k = 0; k < l->partitions[i].pci_count; k++) {
			const struct pci_function_spec *f = &l->partitions[i].pci[k];
			uint32_t stream;
			char hint[256];

			if (!f->rid_valid || pci_stream_of(b, f->rid, &stream))
				continue;
			if (pci_host_dma_checked(b)) {
				diag_error(f->address_at, "the board's iommu: stream-table says how many stream ids the hypervisor's table covers",
					   "PCI function '%s' is beyond the IOMMU's stream table (%u streams): its DMA would abort",
					   f->name, b->iommu.stream_table);
				continue;
			}
			if (f->dma_acknowledged) {
				const struct partition_spec *p = &l->partitions[i];
				diag_warning(f->name_at, "SECURITY.md (DMA) says what this gives away; acknowledged by the "
					     "partition's unprotected_dma", "PCI function '%s' masters DMA that no IOMMU checks: "
					     "partition '%s' can read and write all physical memory through it, the "
					     "hypervisor's included", f->name, p->name);
				/* Untranslated, it takes the guest's addresses as physical ones. */
				for (unsigned int r = 0; r < p->region_count; r++) {
					if (p->regions[r].ipa == p->regions[r].pa)
						continue;
					diag_warning(f->name_at, "a device that masters DMA needs identity-mapped memory: give each region an 'ipa' equal to its 'base'",
						     "PCI function '%s' cannot DMA into the memory of partition '%s': no IOMMU "
						     "translates its addresses, and the partition's guest %#llx is physical %#llx",
						     f->name, p->name, (unsigned long long)p->regions[r].ipa,
						     (unsigned long long)p->regions[r].pa);
					break;
				}
				continue;
			}
			snprintf(hint, sizeof(hint), "to give it anyway, acknowledge it: unprotected_dma: [%s] (SECURITY.md, DMA)",
				 f->name);
			diag_error(f->name_at, hint, "PCI function '%s' masters DMA that no IOMMU checks: partition '%s' "
				   "could read and write all physical memory through it, the hypervisor's included",
				   f->name, l->partitions[i].name);
		}
	}
}

/* The root on a host no IOMMU covers: said, whether it takes the host or goes without. */
static void warn_root_unchecked(const struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		const char *ecam = b->devices[b->pci.ecam].name;

		if (!p->root || p->pci_none || pci_host_dma_checked(b))
			continue;
		if (p->pci_host_acknowledged)
			diag_warning(p->pci_host_acknowledged_at, "SECURITY.md (DMA) says what this gives away",
				     "no IOMMU checks the DMA of the PCIe host's functions: partition '%s' can read and write "
				     "all physical memory through them, the hypervisor's included", p->name);
		else {
			char hint[160];
			snprintf(hint, sizeof(hint), "to give it the host anyway, acknowledge it: unprotected_dma: [%s]; "
				 "or say pci: none", ecam);
			diag_warning(p->at, hint, "root partition '%s' gets no PCIe host: no IOMMU checks its functions' DMA",
				     p->name ? p->name : "?");
		}
	}
}

void place_pci(struct layout_spec *l, const struct board *b)
{
	if (!b->pci.present)
		return;
	warn_root_unchecked(l, b);
	place_window(l, b, false);
	place_window(l, b, true);
	check_guest_addresses(l, b);
	check_intx(l, b);
	check_pci_dma(l, b);
}
