/* What the layout's PCIe functions (`pci:`) give each partition, asked by validation and every emitter. */
#ifndef GEN_PCI_H
#define GEN_PCI_H

#include "model.h"

/* Whether partition i sees the host bridge: the root unless `pci: none`, another partition with functions. */
bool pci_partition_has_host(const struct layout_spec *layout, const struct board *board, unsigned int i);

/* Where partition i finds its emulated config space (the board's ECAM address), or 0: no PCI. */
uint64_t pci_ecam_ipa(const struct layout_spec *layout, const struct board *board, unsigned int i);
uint64_t pci_ecam_size(const struct board *board);

/* The IOMMU stream that carries requester id rid's DMA; false when no IOMMU covers it. */
bool pci_stream_of(const struct board *board, unsigned int rid, uint32_t *stream);

/* The partition whose function raises INTx interrupt intid, or -1: the root's, if it has the host. */
int pci_intx_owner(const struct layout_spec *layout, unsigned int intid);

/* Writes "bb:dd.f" for a requester id. */
void pci_format_rid(unsigned int rid, char *text, unsigned int length);

#endif
