/*
 * Channels as arrows between the partition cards, in lanes to their
 * right: the arrow points from a writable end to a read-only one (both
 * ways when both ends write), and a table below gives each channel's
 * size, physical address, access and doorbells.
 */
#include "svg.h"
#include "units.h"

#define LANES_X		(SVG_MARGIN + SVG_CARD_WIDTH + 20)
#define LANES_WIDTH	(SVG_WIDTH - SVG_MARGIN - LANES_X - 100)

void svg_doorbell(const struct endpoint_spec *end, char *text, size_t length)
{
	if (end->doorbell != 0)
		snprintf(text, length, "doorbell IRQ %u", end->doorbell);
	else
		snprintf(text, length, "no doorbell");
}

static int end_y(const struct svg_card *card, unsigned int c)
{
	int y = card->top + 34 + 14 * (int)c;
	return y < card->bottom - 6 ? y : card->bottom - 6;
}

static void arrow(FILE *out, const struct layout_spec *l, const struct svg_card *cards, unsigned int c, unsigned int count)
{
	const struct channel_spec *ch = &l->channels[c];
	const struct endpoint_spec *a = &ch->endpoints[0], *b = &ch->endpoints[1];
	int spacing = count > 1 ? LANES_WIDTH / (int)count : 0, lane = LANES_X + 20 + spacing * (int)c;
	int ya = end_y(&cards[a->partition_index], c), yb = end_y(&cards[b->partition_index], c);
	char size[32];

	units_format_size(ch->size, size, sizeof(size));
	fprintf(out, "<g id=\"channel-");
	svg_escaped(out, ch->name);
	fprintf(out, "\" class=\"channel\" data-size=\"%#llx\" data-base=\"%#llx\" data-from=\"", (unsigned long long)ch->size,
		(unsigned long long)ch->pa);
	svg_escaped(out, a->partition);
	fputs("\" data-to=\"", out);
	svg_escaped(out, b->partition);
	fputs("\">", out);
	svg_title(out, "channel %s, %s: %s %s (doorbell %u), %s %s (doorbell %u)", ch->name, size, a->partition,
		  a->writable ? "rw" : "r", a->doorbell, b->partition, b->writable ? "rw" : "r", b->doorbell);
	/* The arrowhead marks where data arrives: at a read-only end, or both when both write. */
	fprintf(out, "\n<path d=\"M %d %d H %d V %d H %d\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.5\"%s%s/>\n",
		SVG_MARGIN + SVG_CARD_WIDTH, ya, lane, yb, SVG_MARGIN + SVG_CARD_WIDTH,
		a->writable ? " marker-end=\"url(#arrow-end)\"" : "", b->writable ? " marker-start=\"url(#arrow-start)\"" : "");
	svg_text(out, lane + 4, (ya + yb) / 2 + 4, "font-size=\"11\"", "%s", ch->name);
	fputs("</g>\n", out);
}

int svg_channels(FILE *out, const struct layout_spec *l, const struct svg_card *cards, int y)
{
	char size[32];

	fputs("<defs><marker id=\"arrow-end\" markerWidth=\"8\" markerHeight=\"8\" refX=\"8\" refY=\"4\" orient=\"auto\">"
	      "<path d=\"M 0 0 L 8 4 L 0 8 z\" fill=\"#333333\"/></marker>"
	      "<marker id=\"arrow-start\" markerWidth=\"8\" markerHeight=\"8\" refX=\"0\" refY=\"4\" orient=\"auto\">"
	      "<path d=\"M 8 0 L 0 4 L 8 8 z\" fill=\"#333333\"/></marker></defs>\n", out);
	for (unsigned int c = 0; c < l->channel_count; c++)
		if (l->channels[c].endpoint_count == 2)
			arrow(out, l, cards, c, l->channel_count);
	if (l->channel_count == 0)
		return y;
	y += 10;
	for (unsigned int c = 0; c < l->channel_count; c++, y += SVG_LINE) {
		const struct channel_spec *ch = &l->channels[c];
		const struct endpoint_spec *a = &ch->endpoints[0], *b = &ch->endpoints[ch->endpoint_count > 1];
		char doorbell_a[32], doorbell_b[32];
		units_format_size(ch->size, size, sizeof(size));
		svg_doorbell(a, doorbell_a, sizeof(doorbell_a));
		svg_doorbell(b, doorbell_b, sizeof(doorbell_b));
		svg_text(out, SVG_MARGIN, y, "class=\"channel-row\"", "channel %s: %s at %#llx; %s %s, %s; %s %s, %s",
			 ch->name, size, (unsigned long long)ch->pa, a->partition, a->writable ? "writes" : "reads",
			 doorbell_a, b->partition, b->writable ? "writes" : "reads", doorbell_b);
	}
	return y + 10;
}
