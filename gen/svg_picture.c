/*
 * The picture's frame: a heading and the count of warnings, then the
 * CPUs against time, the physical memory map, the partitions with their
 * channels. The height is known only at the end, so the body is written
 * to memory first.
 */
#include "svg.h"

#include <stdlib.h>
#include <string.h>

static unsigned int warning_count(const struct layout_spec *l)
{
	char text[SVG_WARNING_LENGTH];
	unsigned int n = 0;

	for (int i = -1; i < (int)l->partition_count; i++)
		for (unsigned int cursor = 0; svg_next_warning(l, i, &cursor, text, sizeof(text));)
			n++;
	return n;
}

/* The warnings about no partition in particular, under the heading. */
static int layout_warnings(FILE *out, const struct layout_spec *l, int y)
{
	char text[SVG_WARNING_LENGTH];

	for (unsigned int cursor = 0; svg_next_warning(l, -1, &cursor, text, sizeof(text));)
		y = svg_warning(out, SVG_MARGIN, y, 150, text);
	return y;
}

void svg_draw(FILE *out, const struct layout_spec *l, const struct board *b)
{
	struct svg_card *cards = calloc(l->partition_count ? l->partition_count : 1, sizeof(*cards));
	unsigned int warnings = warning_count(l);
	char *body = NULL;
	size_t body_size = 0;
	FILE *drawing = open_memstream(&body, &body_size);
	int y = 30;

	if (cards == NULL || drawing == NULL) {
		free(cards);
		if (drawing != NULL)
			fclose(drawing);
		free(body);
		return;
	}
	/* The file's name without its folder: the same picture wherever the build runs. */
	svg_text(drawing, SVG_MARGIN, y, "font-size=\"18\" font-weight=\"bold\"", "%s on %s: %u partitions, %u CPUs",
		 strrchr(l->file, '/') ? strrchr(l->file, '/') + 1 : l->file, b->name, l->partition_count, b->cpu_count);
	y += 22;
	fprintf(drawing, "<g id=\"warnings\" data-count=\"%u\">", warnings);
	if (warnings > 0)
		svg_text(drawing, SVG_MARGIN, y, "fill=\"#c00000\" font-weight=\"bold\"",
			 "%u warning%s, in red where they apply", warnings, warnings == 1 ? "" : "s");
	else
		svg_text(drawing, SVG_MARGIN, y, "fill=\"#2a7a2a\"", "no warnings");
	fputs("</g>\n", drawing);
	y = layout_warnings(drawing, l, y + SVG_LINE) + 20;
	y = svg_cpus(drawing, l, b, y);
	y = svg_memory(drawing, l, b, y + 6);
	y = svg_partitions(drawing, l, b, y + 6, cards);
	y = svg_channels(drawing, l, cards, y);
	fclose(drawing);
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
		SVG_WIDTH, y + 20, SVG_WIDTH, y + 20);
	fwrite(body, 1, body_size, out);
	fputs("</svg>\n", out);
	free(body);
	free(cards);
}
