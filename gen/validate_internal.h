/* The parts of layout validation, in the order validate_layout() runs them. */
#ifndef GEN_VALIDATE_INTERNAL_H
#define GEN_VALIDATE_INTERNAL_H

#include "board.h"
#include "model.h"
#include "ranges.h"

/* The board's device a layout names, or -1 after an error (with "did you mean"). */
int find_named_device(const struct board *board, const struct device_ref *ref);
/* A device that masters unchecked DMA goes only where the layout acknowledges it. */
void check_unprotected_dma(struct layout_spec *layout, const struct board *board);
void validate_schedules(struct layout_spec *layout, const struct board *board);
void validate_channels(struct layout_spec *layout, const struct board *board);
/* Reads each kernel's arm64 Image header; refuses a file that has none. */
void read_kernel_headers(struct layout_spec *layout);
/* Once guest addresses are known: a kernel's base must be 2 MiB aligned. */
void check_kernel_base(const struct partition_spec *partition);
/* Checks and places memory: partitions' regions, channels, images. */
void validate_memory(struct layout_spec *layout, const struct board *board);
/* Once memory is placed: DMA a device does with guest addresses cannot land in them. */
void warn_dma_not_identity_mapped(const struct layout_spec *layout, const struct board *board);

/* PCI functions (`pci:`): names, bus:dev.fn, owners, INTx pins, before DMA acknowledgments are read. */
void check_pci_functions(struct layout_spec *layout, const struct board *board);
/* "bus:dev.fn" in hexadecimal to a requester id; false if malformed. */
bool parse_pci_rid(const char *text, unsigned int *rid);
/* Once memory is placed: the functions' windows, the root's remainder, INTx lines, DMA. */
void place_pci(struct layout_spec *layout, const struct board *board);

int find_partition(const struct layout_spec *layout, const char *name);

#endif
