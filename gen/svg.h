/*
 * The layout picture (bulkhead layout --svg): what a reviewer checks
 * before signing a layout, drawn from the validated model. Every section
 * is its own file (svg_cpus.c, svg_memory.c, svg_partitions.c,
 * svg_channels.c, svg_warnings.c); svg_picture.c stacks them. The output
 * is byte-identical for identical input: no time, path or pointer in it.
 *
 * Elements a test or a script may look for carry ids (cpu-N,
 * partition-NAME, memory-N, channel-NAME) and data-* attributes with
 * the exact numbers; a <title> on each says the same in words.
 */
#ifndef GEN_SVG_H
#define GEN_SVG_H

#include "model.h"

#include <stdio.h>

#define SVG_WIDTH	1000
#define SVG_MARGIN	30
#define SVG_LINE	16	/* one line of 12-pixel text */
#define SVG_CARD_WIDTH	610	/* a partition card; the channel lanes are to its right */

/* Draws the whole picture. */
void svg_draw(FILE *out, const struct layout_spec *layout, const struct board *board);

/* Sections: each draws from y down and returns the y below it. */
int svg_cpus(FILE *out, const struct layout_spec *layout, const struct board *board, int y);
int svg_memory(FILE *out, const struct layout_spec *layout, const struct board *board, int y);

/* Where a partition's card was drawn, for the channel arrows. */
struct svg_card { int top, bottom; };
/* Partition i's PCIe share on its card, from y (svg_pci.c); returns the next line's y. */
int svg_pci(FILE *out, const struct layout_spec *layout, const struct board *board, unsigned int i, int y);
int svg_partitions(FILE *out, const struct layout_spec *layout, const struct board *board, int y,
		   struct svg_card *cards);
int svg_channels(FILE *out, const struct layout_spec *layout, const struct svg_card *cards, int y);
/* "doorbell IRQ 100" or "no doorbell". */
void svg_doorbell(const struct endpoint_spec *end, char *text, size_t length);

/*
 * The next warning about partition p (-1: about no partition) after
 * *cursor (start at 0), into text; false when there is none left.
 */
#define SVG_WARNING_LENGTH 1200
bool svg_next_warning(const struct layout_spec *layout, int p, unsigned int *cursor, char *text, size_t length);
/* Draws a warning: red text wrapped to `columns` characters, the whole of it as a title; returns the y below. */
int svg_warning(FILE *out, int x, int y, unsigned int columns, const char *text);
/* The names of the partitions holding a device whose DMA no IOMMU checks (it reaches all RAM); returns how many. */
unsigned int svg_dma_partitions(const struct layout_spec *layout, const struct board *board, char *names,
				unsigned int length);

/* Writing helpers (svg_write.c). */
const char *svg_colour(unsigned int partition);
void svg_escaped(FILE *out, const char *text);
void svg_text(FILE *out, int x, int y, const char *attributes, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* <title> inside the element just opened. */
void svg_title(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
