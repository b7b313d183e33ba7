/*
 * The physical memory map: a bar over the build's RAM drawn to scale,
 * then one row per range in address order with its exact addresses and
 * size (small ranges vanish on the bar), free RAM included. Where a
 * partition holds a device whose DMA no IOMMU checks, a red band over
 * the whole bar says who can reach all of it.
 */
#include "memory_map.h"
#include "svg.h"
#include "units.h"

#include <stdlib.h>

#define BAR_HEIGHT	30
#define BAR_WIDTH	(SVG_WIDTH - 2 * SVG_MARGIN)

static const char *entry_colour(const struct map_entry *e)
{
	switch (e->kind) {
	case MAP_HYPERVISOR: return "#555555";
	case MAP_EVENT_LOG: return "#222222";
	case MAP_CHANNEL: return "#aaaaaa";
	default: return svg_colour(e->owner);
	}
}

static void describe(const struct layout_spec *l, const struct map_entry *e, char *text, size_t length)
{
	switch (e->kind) {
	case MAP_HYPERVISOR:
		snprintf(text, length, "hypervisor: code, data, stacks, page tables");
		break;
	case MAP_EVENT_LOG:
		snprintf(text, length, "event log, the hypervisor's last 64K: the measurement log, read-only in the root");
		break;
	case MAP_CHANNEL: {
		const struct channel_spec *ch = &l->channels[e->owner];
		snprintf(text, length, "channel %s: %s %s, %s %s", ch->name,
			 ch->endpoints[0].partition, ch->endpoints[0].writable ? "rw" : "r",
			 ch->endpoint_count > 1 ? ch->endpoints[1].partition : "?",
			 ch->endpoint_count > 1 && ch->endpoints[1].writable ? "rw" : "r");
		break;
	}
	default: {
		const struct region_spec *r = &l->partitions[e->owner].regions[e->region];
		snprintf(text, length, "%s memory %u: guest %#llx, %s%s%s", e->owner_name, e->region,
			 (unsigned long long)r->ipa, r->access & ACCESS_R ? "r" : "", r->access & ACCESS_W ? "w" : "",
			 r->access & ACCESS_X ? "x" : "");
	}
	}
}

static int bar_x(const struct board *b, uint64_t address)
{
	return SVG_MARGIN + (int)((double)BAR_WIDTH * (double)(address - b->ram_base) / (double)b->ram_size + 0.5);
}

static void row(FILE *out, int y, unsigned int id, uint64_t base, uint64_t size, const char *colour, const char *kind,
		const char *text)
{
	char size_text[32];

	units_format_size(size, size_text, sizeof(size_text));
	fprintf(out, "<g id=\"memory-%u\" class=\"memory %s\" data-base=\"%#llx\" data-size=\"%#llx\">", id, kind,
		(unsigned long long)base, (unsigned long long)size);
	svg_title(out, "%#llx-%#llx, %s: %s", (unsigned long long)base, (unsigned long long)(base + size - 1),
		  size_text, text);
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#777777\"/>\n", SVG_MARGIN,
		y - 10, colour);
	/* A size may be long ("127.9M (134152192 bytes)"): it has a column of its own. */
	svg_text(out, SVG_MARGIN + 20, y, "font-family=\"monospace\"", "0x%012llx-0x%012llx", (unsigned long long)base,
		 (unsigned long long)(base + size - 1));
	svg_text(out, SVG_MARGIN + 250, y, "font-family=\"monospace\"", "%s", size_text);
	svg_text(out, SVG_MARGIN + 440, y, "", "%s", text);
	fputs("</g>\n", out);
}

static void dma_band(FILE *out, const struct layout_spec *l, const struct board *b, int y)
{
	char names[256];

	if (svg_dma_partitions(l, b, names, sizeof(names)) == 0)
		return;
	fprintf(out, "<g class=\"dma-band\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"5\" fill=\"#c00000\"/>",
		SVG_MARGIN, y, BAR_WIDTH);
	svg_title(out, "all of this memory is reachable by DMA that no IOMMU checks, from %s", names);
	fputs("</g>\n", out);
	svg_text(out, SVG_MARGIN, y + 17, "fill=\"#c00000\"", "WARNING: DMA no IOMMU checks reaches all of it, from %s",
		 names);
}

int svg_memory(FILE *out, const struct layout_spec *l, const struct board *b, int y)
{
	unsigned int count = 0, id = 0;
	struct map_entry *map = memory_map_collect(l, &count);
	uint64_t at = b->ram_base, ram_end = b->ram_base + b->ram_size;
	char text[256], ram_size[32];

	if (map == NULL)
		return y;
	units_format_size(b->ram_size, ram_size, sizeof(ram_size));
	svg_text(out, SVG_MARGIN, y, "font-size=\"14\" font-weight=\"bold\"", "Physical memory: RAM %#llx, %s",
		 (unsigned long long)b->ram_base, ram_size);
	y += 10;
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f2f2f2\" stroke=\"#999999\"/>\n",
		SVG_MARGIN, y, BAR_WIDTH, BAR_HEIGHT);
	for (unsigned int i = 0; i < count; i++) {
		int x = bar_x(b, map[i].base), w = bar_x(b, map[i].base + map[i].size) - x;
		describe(l, &map[i], text, sizeof(text));
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">", x, y, w > 1 ? w : 1,
			BAR_HEIGHT, entry_colour(&map[i]));
		svg_title(out, "%s", text);
		fputs("</rect>\n", out);
	}
	y += BAR_HEIGHT;
	dma_band(out, l, b, y);
	y += 40;
	for (unsigned int i = 0; i < count; i++, y += SVG_LINE) {
		static const char *const kinds[] = { "hypervisor", "event-log", "partition", "channel" };
		if (map[i].base > at) {
			row(out, y, id++, at, map[i].base - at, "#f2f2f2", "free", "free");
			y += SVG_LINE;
		}
		describe(l, &map[i], text, sizeof(text));
		row(out, y, id++, map[i].base, map[i].size, entry_colour(&map[i]), kinds[map[i].kind], text);
		at = map[i].base + map[i].size;
	}
	if (at < ram_end) {
		row(out, y, id++, at, ram_end - at, "#f2f2f2", "free", "free");
		y += SVG_LINE;
	}
	free(map);
	return y + 14;
}
