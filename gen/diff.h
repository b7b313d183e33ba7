/*
 * bulkhead diff OLD.yaml NEW.yaml: what an update of a layout changes,
 * for its reviewer. Both layouts are validated against the same board;
 * partitions and channels are matched by name, schedules by CPU.
 */
#ifndef GEN_DIFF_H
#define GEN_DIFF_H

#include "model.h"

#include <stdio.h>

/*
 * Which partition gets each board device under a validated layout (-1:
 * none), then the board's ownership cleared so that the next layout can
 * be validated against it. NULL without memory; free() it.
 */
int *diff_take_device_owners(const struct layout_spec *layout, struct board *board);

/* Prints one line per change; returns how many. owners: what diff_take_device_owners gave for old. */
unsigned int diff_layouts(FILE *out, const struct layout_spec *old, const int *old_owners,
			  const struct layout_spec *new, const struct board *board);

/* Schedules and channels (diff_time.c); same contract. */
unsigned int diff_schedules(FILE *out, const struct layout_spec *old, const struct layout_spec *new);
unsigned int diff_channels(FILE *out, const struct layout_spec *old, const struct layout_spec *new);

/* PCIe functions, matched by name (diff_pci.c); same contract. */
unsigned int diff_pci(FILE *out, const struct layout_spec *old, const struct layout_spec *new);

#endif
