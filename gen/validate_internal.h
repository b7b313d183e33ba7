/* The parts of layout validation, in the order validate_layout() runs them. */
#ifndef GEN_VALIDATE_INTERNAL_H
#define GEN_VALIDATE_INTERNAL_H

#include "board.h"
#include "model.h"
#include "ranges.h"

/* Warns where a device that masters unchecked DMA goes to a partition. */
void warn_unprotected_dma(const struct layout_spec *layout, const struct board *board);
void validate_schedules(struct layout_spec *layout, const struct board *board);
void validate_channels(struct layout_spec *layout, const struct board *board);
/* Reads each kernel's arm64 Image header; refuses a file that has none. */
void read_kernel_headers(struct layout_spec *layout);
/* Once guest addresses are known: a kernel's base must be 2 MiB aligned. */
void check_kernel_base(const struct partition_spec *partition);
/* Checks and places memory: partitions' regions, channels, images. */
void validate_memory(struct layout_spec *layout, const struct board *board);

int find_partition(const struct layout_spec *layout, const char *name);

#endif
