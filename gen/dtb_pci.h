/* The PCIe host in a partition's device tree (docs/pci.md, Device trees). */
#ifndef GEN_DTB_PCI_H
#define GEN_DTB_PCI_H

#include "model.h"

/*
 * The root's host node (the board's, kept) shrinks to the enumerated
 * buses, its own windows and the INTx lines it has; a non-root partition
 * with functions gets a generic ECAM host of its own at its emulated
 * config space; both keep the BARs the hypervisor placed
 * (linux,pci-probe-only). Returns 0 or a libfdt error.
 */
int dtb_set_pci(void *fdt, const struct layout_spec *layout, const struct board *board, unsigned int i);

#endif
