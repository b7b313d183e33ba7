/* Human-readable views of a validated layout: text report and SVG picture. */
#ifndef GEN_REPORT_H
#define GEN_REPORT_H

#include "model.h"

#include <stdio.h>

/* Returns the exit status. */
int report_layout(FILE *out, const char *svg_path, const struct layout_spec *layout, const struct board *board);

/* Writes DIR/tables.c, DIR/components.txt and, with a board DTB, DIR/<partition>.dtb. */
int generate(const char *dir, const char *board_dtb, const struct layout_spec *layout, const struct board *board);

#endif
