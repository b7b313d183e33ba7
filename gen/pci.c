/*
 * The PCIe host's share-out (docs/pci.md): the root has the host bridge
 * and every function nobody else is given, unless it says `pci: none`; a
 * non-root partition has its `pci:` functions, each with its own slices
 * of the host's windows, its INTx line and its IOMMU stream. No partition
 * maps the real config space: each one with PCI sees an emulated one,
 * where the board's ECAM is.
 */
#include "pci.h"

#include <stdio.h>

bool pci_partition_has_host(const struct layout_spec *l, const struct board *b, unsigned int i)
{
	const struct partition_spec *p = &l->partitions[i];

	if (!b->pci.present)
		return false;
	return p->root ? !p->pci_none : p->pci_count > 0;
}

uint64_t pci_ecam_ipa(const struct layout_spec *l, const struct board *b, unsigned int i)
{
	return pci_partition_has_host(l, b, i) ? b->devices[b->pci.ecam].base : 0;
}

uint64_t pci_ecam_size(const struct board *b)
{
	return (uint64_t)b->pci.bus_count << 20;
}

bool pci_stream_of(const struct board *b, unsigned int rid, uint32_t *stream)
{
	const struct board_device *ecam;
	uint64_t id;

	if (!b->pci.present || b->iommu.device < 0)
		return false;
	ecam = &b->devices[b->pci.ecam];
	if (!ecam->dma_iommu || !ecam->has_iommu_map || rid < ecam->rid_base || rid - ecam->rid_base >= ecam->stream_count)
		return false;
	id = ecam->stream_base + (rid - ecam->rid_base);
	if (id >= b->iommu.stream_table)
		return false;
	*stream = (uint32_t)id;
	return true;
}

int pci_intx_owner(const struct layout_spec *l, unsigned int intid)
{
	for (unsigned int i = 0; i < l->partition_count; i++)
		for (unsigned int f = 0; f < l->partitions[i].pci_count; f++)
			if (intid != 0 && l->partitions[i].pci[f].intx_intid == intid)
				return (int)i;
	return -1;
}

void pci_format_rid(unsigned int rid, char *text, unsigned int length)
{
	snprintf(text, length, "%02x:%02x.%x", (rid >> 8) & 0xff, (rid >> 3) & 0x1f, rid & 7);
}
