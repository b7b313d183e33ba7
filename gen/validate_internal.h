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
/* Checks and places memory: partitions' regions, channels, images. */
void validate_memory(struct layout_spec *layout, const struct board *board);

int find_partition(const struct layout_spec *layout, const char *name);

#endif
