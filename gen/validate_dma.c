/*
 * Devices that master DMA no IOMMU checks (`dma: unprotected` in the
 * board description) reach all physical memory, the hypervisor's
 * included, whatever stage 2 says. No partition gets one unless its
 * layout says so twice: the device under `devices:` and again under
 * `unprotected_dma:`, the acknowledgment a reviewer reads. The root's
 * default share (every device nobody else has) leaves them out
 * (partition_has_device). An acknowledged device is still warned about,
 * here, in the picture and in the boot log.
 */
#include "diag.h"
#include "emit.h"
#include "pci.h"
#include "validate_internal.h"

#include <stdio.h>
#include <string.h>

#define DMA_HINT "SECURITY.md (DMA) says what this gives away"

static const struct device_ref *acknowledgment(const struct partition_spec *p, int board_index)
{
	for (unsigned int k = 0; k < p->dma_acknowledged_count; k++)
		if (p->dma_acknowledged[k].board_index == board_index)
			return &p->dma_acknowledged[k];
	return NULL;
}

static bool gives(const struct partition_spec *p, int board_index)
{
	for (unsigned int k = 0; k < p->device_count; k++)
		if (p->devices[k].board_index == board_index)
			return true;
	return false;
}

/* A PCI function of the partition's, named in `unprotected_dma:`: its DMA must be unchecked. */
static void acknowledge_function(const struct board *b, const struct device_ref *ack, struct pci_function_spec *f)
{
	uint32_t stream;

	if (!f->rid_valid)
		return;	/* refused as such */
	if (pci_stream_of(b, f->rid, &stream))
		diag_error(ack->at, "unprotected_dma lists only functions and devices whose DMA no IOMMU checks",
			   "PCI function '%s' is behind the IOMMU (stream %u): there is nothing to acknowledge", ack->name,
			   stream);
	else if (f->dma_acknowledged)
		diag_error(ack->at, NULL, "PCI function '%s' is acknowledged twice", ack->name);
	else
		f->dma_acknowledged = true;
}

/* Each entry of `unprotected_dma:` names a device of the partition's that needs it. */
static void resolve_acknowledgments(struct partition_spec *p, const struct board *b)
{
	const char *name = p->name ? p->name : "?";

	for (unsigned int k = 0; k < p->dma_acknowledged_count; k++) {
		struct device_ref *ack = &p->dma_acknowledged[k];
		struct pci_function_spec *function = NULL;
		int index;

		for (unsigned int f = 0; f < p->pci_count; f++)
			if (p->pci[f].name != NULL && strcmp(p->pci[f].name, ack->name) == 0)
				function = &p->pci[f];
		if (function != NULL) {
			acknowledge_function(b, ack, function);
			continue;
		}
		if ((index = find_named_device(b, ack)) < 0)
			continue;
		if (!b->devices[index].dma_unprotected)
			diag_error(ack->at, "unprotected_dma lists only devices the board marks 'dma: unprotected'",
				   "device '%s' masters no DMA that goes unchecked: there is nothing to acknowledge",
				   ack->name);
		else if (!gives(p, index))
			diag_error(ack->at, "the acknowledgment does not give the device: list it under devices too",
				   "partition '%s' acknowledges DMA through '%s' but does not have the device", name,
				   ack->name);
		else if (acknowledgment(p, index) != NULL)	/* an earlier entry */
			diag_error(ack->at, NULL, "device '%s' is acknowledged twice", ack->name);
		else
			ack->board_index = index;
	}
}

void check_unprotected_dma(struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		const char *name = p->name ? p->name : "?";

		resolve_acknowledgments(p, b);
		for (unsigned int k = 0; k < p->device_count; k++) {
			const struct device_ref *ref = &p->devices[k];
			char hint[256];

			if (ref->board_index < 0 || !b->devices[ref->board_index].dma_unprotected ||
			    b->devices[ref->board_index].owner != (int)i)
				continue;
			if (acknowledgment(p, ref->board_index) != NULL) {
				diag_warning(ref->at, DMA_HINT "; acknowledged by the partition's unprotected_dma",
					     "device '%s' masters DMA that no IOMMU checks: partition '%s' can read "
					     "and write all physical memory through it, the hypervisor's included",
					     ref->name, name);
				continue;
			}
			snprintf(hint, sizeof(hint), "to give it anyway, acknowledge it: unprotected_dma: [%s] (%s)",
				 ref->name, "SECURITY.md, DMA");
			diag_error(ref->at, hint,
				   "device '%s' masters DMA that no IOMMU checks: partition '%s' could read and write "
				   "all physical memory through it, the hypervisor's included",
				   ref->name, name);
		}
	}
}

/* The first region whose guest address is not its physical one, or NULL. */
static const struct region_spec *translated_region(const struct partition_spec *p)
{
	for (unsigned int r = 0; r < p->region_count; r++)
		if (p->regions[r].ipa != p->regions[r].pa)
			return &p->regions[r];
	return NULL;
}

void warn_dma_not_identity_mapped(const struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		const struct region_spec *r = translated_region(p);

		for (unsigned int k = 0; r != NULL && k < p->dma_acknowledged_count; k++) {
			const struct device_ref *ack = &p->dma_acknowledged[k];

			if (ack->board_index < 0 || b->devices[ack->board_index].owner != (int)i)
				continue;
			diag_warning(ack->at, "a device that masters DMA needs identity-mapped memory: give each region an 'ipa' equal to its 'base'",
				     "device '%s' cannot DMA into the memory of partition '%s': the device uses physical "
				     "addresses, and the partition's guest %#llx is physical %#llx", ack->name,
				     p->name ? p->name : "?", (unsigned long long)r->ipa, (unsigned long long)r->pa);
		}
	}
}
