/* Per-partition device trees, cut from the board's with libfdt. */
#ifndef GEN_EMIT_DTB_H
#define GEN_EMIT_DTB_H

#include "model.h"

/* Writes DIR/<partition>.dtb for every partition; returns 0 or 1 after reporting. */
int emit_partition_dtbs(const char *dir, const char *board_dtb, const struct layout_spec *layout,
			const struct board *board);

#endif
