/*
 * One card per partition, in boot order: its vCPUs, image, memory
 * (guest address, physical address, size, access), channel ends with
 * their doorbells, devices with their MMIO and interrupts (a numbered
 * series such as virtio8..virtio15 on one line), its PCIe share
 * (svg_pci.c), the CPU features it cannot see, and its warnings in red.
 */
#include "board.h"
#include "emit.h"
#include "layout_parse.h"
#include "svg.h"
#include "units.h"

#include <cpu_features.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_X		(SVG_MARGIN + 14)

static const char *const console_names[] = {
	[CONSOLE_DEFAULT] = "default", [CONSOLE_EMULATED] = "emulated PL011",
	[CONSOLE_RING] = "ring (control interface only)", [CONSOLE_DEVICE] = "device",
};

/* The length of name without its trailing number, or 0 when it has none. */
static size_t stem_length(const char *name, unsigned long *number)
{
	size_t length = strlen(name), stem = length;

	while (stem > 0 && name[stem - 1] >= '0' && name[stem - 1] <= '9')
		stem--;
	if (stem == length || stem == 0 || length - stem > 6)
		return 0;
	*number = strtoul(name + stem, NULL, 10);
	return stem;
}

static bool given_explicitly(const struct partition_spec *p, unsigned int d)
{
	for (unsigned int k = 0; k < p->device_count; k++)
		if (p->devices[k].board_index == (int)d)
			return true;
	return false;
}

/* Whether device e continues the line that device d started: virtio9 after virtio8, alike. */
static bool continues(const struct board *b, const struct partition_spec *p, unsigned int d, unsigned int e,
		      unsigned int previous)
{
	unsigned long first, next;
	size_t stem = stem_length(b->devices[d].name, &first);

	return stem > 0 && stem_length(b->devices[e].name, &next) == stem &&
	       strncmp(b->devices[d].name, b->devices[e].name, stem) == 0 && next == first + (e - d) &&
	       e == previous + 1 && b->devices[e].dma_unprotected == b->devices[d].dma_unprotected &&
	       given_explicitly(p, e) == given_explicitly(p, d);
}

/* "56-63" or "33" or "-": the interrupts of devices d..last, runs written as their ends. */
static void interrupt_runs(const struct board *b, unsigned int d, unsigned int last, char *text, size_t length,
			   char *list, size_t list_length)
{
	size_t used = 0, list_used = 0;
	unsigned int run_start = 0, previous = 0;
	bool open = false;

	text[0] = list[0] = '\0';
	for (unsigned int e = d; e <= last; e++) {
		for (unsigned int k = 0; k < b->devices[e].interrupt_count; k++) {
			unsigned int intid = b->devices[e].interrupts[k];
			int n = snprintf(list + list_used, list_length - list_used, "%s%u", list_used ? " " : "", intid);
			if (n > 0 && (size_t)n < list_length - list_used)
				list_used += (size_t)n;
			if (open && intid == previous + 1) {
				previous = intid;
				continue;
			}
			if (open) {
				n = snprintf(text + used, length - used, run_start == previous ? "%u, " : "%u-%u, ",
					     run_start, previous);
				if (n > 0 && (size_t)n < length - used)
					used += (size_t)n;
			}
			run_start = previous = intid;
			open = true;
		}
	}
	if (open)
		snprintf(text + used, length - used, run_start == previous ? "%u" : "%u-%u", run_start, previous);
	else
		snprintf(text, length, "-");
}

static int device_line(FILE *out, const struct board *b, const struct partition_spec *p, unsigned int d,
		       unsigned int last, int y)
{
	const struct board_device *first = &b->devices[d], *end = &b->devices[last];
	char runs[128], list[512], names[96];
	bool dma = first->dma_unprotected;

	interrupt_runs(b, d, last, runs, sizeof(runs), list, sizeof(list));
	if (last > d)
		snprintf(names, sizeof(names), "%s..%s", first->name, end->name);
	else
		snprintf(names, sizeof(names), "%s", first->name);
	fprintf(out, "<g class=\"device%s\" data-devices=\"", dma ? " warning" : "");
	for (unsigned int e = d; e <= last; e++) {
		svg_escaped(out, b->devices[e].name);
		if (e < last)
			fputc(' ', out);
	}
	fprintf(out, "\" data-interrupts=\"%s\">", list);
	svg_title(out, "%s: MMIO %#llx-%#llx, interrupts %s%s%s", names, (unsigned long long)first->base,
		  (unsigned long long)(end->base + end->size - 1), runs, given_explicitly(p, d) ? "" : ", the root's by default",
		  dma ? "; masters DMA no IOMMU checks: reaches all physical memory" : "");
	svg_text(out, TEXT_X + 10, y, dma ? "fill=\"#c00000\" font-family=\"monospace\" font-size=\"11\" xml:space=\"preserve\"" :
		 "font-family=\"monospace\" font-size=\"11\" xml:space=\"preserve\"", "%-18s 0x%010llx-0x%010llx IRQ %-6s%s%s", names,
		 (unsigned long long)first->base, (unsigned long long)(end->base + end->size - 1), runs,
		 given_explicitly(p, d) ? "" : " by default", dma ? " DMA unprotected" : "");
	fputs("</g>\n", out);
	return y + SVG_LINE;
}

static int devices(FILE *out, const struct layout_spec *l, const struct board *b, unsigned int i, int y)
{
	const struct partition_spec *p = &l->partitions[i];
	bool any = false;

	for (unsigned int d = 0; d < b->device_count; d++) {
		unsigned int last = d;
		/* The host's windows: its PCIe line says which part is the partition's. */
		if (!partition_has_device(l, b, i, d) || board_pci_device(b, d))
			continue;
		if (!any)
			svg_text(out, TEXT_X, y, "", "devices (MMIO, interrupts):");
		if (!any)
			y += SVG_LINE;
		any = true;
		while (last + 1 < b->device_count && partition_has_device(l, b, i, last + 1) &&
		       continues(b, p, d, last + 1, last))
			last++;
		y = device_line(out, b, p, d, last, y);
		d = last;
	}
	if (!any) {
		svg_text(out, TEXT_X, y, "", "devices: none");
		y += SVG_LINE;
	}
	return y;
}

static int vcpus_and_image(FILE *out, const struct partition_spec *p, int y)
{
	char text[512];
	size_t used = 0;

	for (unsigned int v = 0; v < p->vcpu_count && used < sizeof(text); v++) {
		int n = snprintf(text + used, sizeof(text) - used, "%s%u -> CPU %u (%s%s)", v ? ", " : "", v,
				 p->vcpus[v].cpu, p->vcpus[v].scheduled ? "scheduled" : "pinned",
				 p->vcpus[v].urgent ? ", urgent" : "");
		if (n < 0)
			break;
		used += (size_t)n;
	}
	svg_text(out, TEXT_X, y, "", "vCPUs: %s", p->vcpu_count ? text : "none");
	y += SVG_LINE;
	if (p->image.kind == IMAGE_KERNEL)
		svg_text(out, TEXT_X, y, "", "image: Linux %s%s%s", p->image.file, p->image.initrd ? ", initrd " : "",
			 p->image.initrd ? p->image.initrd : "");
	else if (p->image.kind == IMAGE_BAREMETAL)
		svg_text(out, TEXT_X, y, "", "image: bare-metal %s", p->image.file);
	else
		svg_text(out, TEXT_X, y, "", "image: none");
	y += SVG_LINE;
	bool own_uart = p->console == CONSOLE_DEVICE && p->console_device != NULL;
	/* What a non-root partition's default is, said: the reviewer sees where its output goes. */
	enum console_kind console = p->console == CONSOLE_DEFAULT && !p->root ? CONSOLE_RING : p->console;

	svg_text(out, TEXT_X, y, "", "console: %s%s%s; on fault: %s%s", console_names[console],
		 own_uart ? " " : "", own_uart ? p->console_device : "",
		 p->on_fault == POLICY_STOP ? "stop" : p->on_fault == POLICY_RESTART ? "restart" : "inject",
		 p->control || p->root ? "; may use the control interface" : "");
	return y + SVG_LINE;
}

static int memory_and_channels(FILE *out, const struct layout_spec *l, unsigned int i, int y)
{
	const struct partition_spec *p = &l->partitions[i];
	char size[32];

	for (unsigned int k = 0; k < p->region_count; k++, y += SVG_LINE) {
		const struct region_spec *r = &p->regions[k];
		units_format_size(r->size, size, sizeof(size));
		svg_text(out, TEXT_X, y, "", "memory %u: guest %#llx -> %#llx, %s, %s%s%s", k, (unsigned long long)r->ipa,
			 (unsigned long long)r->pa, size, r->access & ACCESS_R ? "r" : "", r->access & ACCESS_W ? "w" : "",
			 r->access & ACCESS_X ? "x" : "");
	}
	for (unsigned int c = 0; c < l->channel_count; c++)
		for (unsigned int e = 0; e < l->channels[c].endpoint_count; e++) {
			const struct endpoint_spec *ep = &l->channels[c].endpoints[e];
			char doorbell[32];
			if (ep->partition_index != (int)i)
				continue;
			svg_doorbell(ep, doorbell, sizeof(doorbell));
			svg_text(out, TEXT_X, y, "", "channel %s: %s at guest %#llx, %s", l->channels[c].name,
				 ep->writable ? "rw" : "r", (unsigned long long)ep->ipa, doorbell);
			y += SVG_LINE;
		}
	return y;
}

static int features_and_warnings(FILE *out, const struct layout_spec *l, unsigned int i, int y)
{
	uint64_t hidden = l->partitions[i].hidden_features | FEATURES_ALWAYS_HIDDEN;
	char text[512], warning[SVG_WARNING_LENGTH];
	unsigned int cursor = 0;
	size_t used = 0;

	text[0] = '\0';
	for (unsigned int f = 0; f < FEATURE_COUNT; f++) {
		if (!(hidden & FEATURE_BIT(f)))
			continue;
		int n = snprintf(text + used, sizeof(text) - used, "%s%s", used ? ", " : "", feature_names[f]);
		if (n > 0 && (size_t)n < sizeof(text) - used)
			used += (size_t)n;
	}
	fprintf(out, "<g class=\"features\" data-hidden=\"%s\">", text);
	svg_title(out, "CPU features this partition cannot see");
	svg_text(out, TEXT_X, y, "", "hidden features: %s", text);
	fputs("</g>\n", out);
	y += SVG_LINE;
	while (svg_next_warning(l, (int)i, &cursor, warning, sizeof(warning)))
		y = svg_warning(out, TEXT_X, y, 80, warning);
	return y;
}

int svg_partitions(FILE *out, const struct layout_spec *l, const struct board *b, int y, struct svg_card *cards)
{
	svg_text(out, SVG_MARGIN, y, "font-size=\"14\" font-weight=\"bold\"", "Partitions and channels");
	y += 12;
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		char *body = NULL;
		size_t body_size = 0;
		/* The frame needs the card's height, known once its lines are written. */
		FILE *lines = open_memstream(&body, &body_size);
		int top = y, bottom;

		if (lines == NULL)
			return y;
		bottom = vcpus_and_image(lines, p, top + 42);
		bottom = memory_and_channels(lines, l, i, bottom);
		bottom = devices(lines, l, b, i, bottom);
		bottom = svg_pci(lines, l, b, i, bottom);
		bottom = features_and_warnings(lines, l, i, bottom);
		fclose(lines);
		fprintf(out, "<g id=\"partition-");
		svg_escaped(out, p->name);
		fprintf(out, "\" class=\"partition\" data-id=\"%u\" data-root=\"%s\">", p->id, p->root ? "true" : "false");
		svg_title(out, "partition %s%s", p->name, p->root ? " (root)" : "");
		fprintf(out, "\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" stroke=\"%s\" "
			"stroke-width=\"2\" rx=\"4\"/>\n", SVG_MARGIN, top, SVG_CARD_WIDTH, bottom - top - 4, svg_colour(i));
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\" fill=\"%s\" rx=\"4\"/>\n", SVG_MARGIN, top,
			SVG_CARD_WIDTH, svg_colour(i));
		svg_text(out, TEXT_X, top + 17, "fill=\"white\" font-size=\"14\" font-weight=\"bold\"", "%s%s (id %u)",
			 p->name, p->root ? ", root" : "", p->id);
		fwrite(body, 1, body_size, out);
		fputs("</g>\n", out);
		free(body);
		cards[i] = (struct svg_card){ top, bottom - 4 };
		y = bottom + 8;
	}
	return y;
}
