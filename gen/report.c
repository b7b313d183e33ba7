/*
 * bulkhead layout: the memory map (address order, with owners), the CPU x
 * partition table and the schedules as text, and the same as an SVG a
 * reviewer would rather look at: a memory bar and one timeline per
 * scheduled CPU.
 */
#include "emit.h"
#include "report.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

struct map_entry {
	uint64_t base, size;
	const char *owner;
	const char *what;
	int partition;		/* -1 for the hypervisor or nobody */
};

static int by_address(const void *a, const void *b)
{
	const struct map_entry *x = a, *y = b;
	return x->base < y->base ? -1 : x->base > y->base;
}

static unsigned int collect_ram(const struct layout_spec *l, struct map_entry *entries, unsigned int capacity)
{
	unsigned int n = 0;

	if (n < capacity)
		entries[n++] = (struct map_entry){ l->hv_base, l->hv_size, "hypervisor", "reserved", -1 };
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		for (unsigned int k = 0; k < p->region_count && n < capacity; k++)
			entries[n++] = (struct map_entry){ p->regions[k].pa, p->regions[k].size, p->name, "memory", (int)i };
	}
	for (unsigned int c = 0; c < l->channel_count && n < capacity; c++)
		entries[n++] = (struct map_entry){ l->channels[c].pa, l->channels[c].size, l->channels[c].name,
						   "channel", -2 };
	qsort(entries, n, sizeof(*entries), by_address);
	return n;
}

static void text_report(FILE *out, const struct layout_spec *l, const struct board *b,
			const struct map_entry *ram, unsigned int ram_count)
{
	char size[32];

	fprintf(out, "Layout %s on %s: %u partitions, RAM %#llx + %llu MiB\n\n", l->file, b->name,
		l->partition_count, (unsigned long long)b->ram_base, (unsigned long long)(b->ram_size >> 20));
	fprintf(out, "Memory (physical)\n");
	for (unsigned int i = 0; i < ram_count; i++) {
		units_format_size(ram[i].size, size, sizeof(size));
		fprintf(out, "  %#014llx-%#014llx %8s  %-10s %s\n", (unsigned long long)ram[i].base,
			(unsigned long long)(ram[i].base + ram[i].size - 1), size, ram[i].what, ram[i].owner);
	}
	fprintf(out, "\nDevices\n");
	for (unsigned int d = 0; d < b->device_count; d++) {
		const char *owner = b->devices[d].reserved ? "(hypervisor)" : "-";
		for (unsigned int i = 0; i < l->partition_count; i++)
			if (partition_has_device(l, b, i, d))
				owner = l->partitions[i].name;
		fprintf(out, "  %-12s %#012llx  %s\n", b->devices[d].name, (unsigned long long)b->devices[d].base, owner);
	}
	fprintf(out, "\nCPUs\n  %-12s", "partition");
	for (unsigned int c = 0; c < b->cpu_count; c++)
		fprintf(out, " cpu%-3u", c);
	fputc('\n', out);
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		fprintf(out, "  %-12s", p->name);
		for (unsigned int c = 0; c < b->cpu_count; c++) {
			const char *mark = "   .  ";
			for (unsigned int v = 0; v < p->vcpu_count; v++)
				if (p->vcpus[v].cpu == c)
					mark = p->vcpus[v].scheduled ? " sched" : "  pin ";
			fprintf(out, " %s", mark);
		}
		fprintf(out, "%s\n", p->root ? "  (root)" : "");
	}
	for (unsigned int s = 0; s < l->schedule_count; s++) {
		const struct schedule_spec *sc = &l->schedules[s];
		fprintf(out, "\nSchedule of CPU %u, major frame %llu us\n", sc->cpu, (unsigned long long)(sc->major_frame / 1000));
		for (unsigned int w = 0; w < sc->window_count; w++)
			fprintf(out, "  %8llu-%8llu us  %s vCPU %u\n", (unsigned long long)(sc->windows[w].start / 1000),
				(unsigned long long)((sc->windows[w].start + sc->windows[w].duration) / 1000),
				sc->windows[w].partition, sc->windows[w].vcpu);
	}
}

static const char *colour(int partition)
{
	static const char *const palette[] = { "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
					       "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac" };
	if (partition == -1)
		return "#555555";
	if (partition == -2)
		return "#aaaaaa";
	return palette[partition % 10];
}

static void svg_report(FILE *out, const struct layout_spec *l, const struct board *b,
		       const struct map_entry *ram, unsigned int ram_count)
{
	const double width = 900, bar_y = 50, bar_h = 40;
	double y = 150;

	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"%u\" font-family=\"sans-serif\" font-size=\"12\">\n",
		200 + 70 * l->schedule_count + 20 * l->partition_count);
	fprintf(out, "<text x=\"30\" y=\"25\" font-size=\"16\">%s: RAM %#llx, %llu MiB</text>\n", l->file,
		(unsigned long long)b->ram_base, (unsigned long long)(b->ram_size >> 20));
	for (unsigned int i = 0; i < ram_count; i++) {
		double x = 30 + width * (double)(ram[i].base - b->ram_base) / (double)b->ram_size;
		double w = width * (double)ram[i].size / (double)b->ram_size;
		char size[32];
		units_format_size(ram[i].size, size, sizeof(size));
		fprintf(out, "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\" stroke=\"white\">"
			"<title>%s %s %s at %#llx</title></rect>\n", x, bar_y, w < 1 ? 1 : w, bar_h,
			colour(ram[i].partition), ram[i].owner, ram[i].what, size, (unsigned long long)ram[i].base);
	}
	for (unsigned int i = 0; i < l->partition_count; i++) {
		fprintf(out, "<rect x=\"30\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			"<text x=\"48\" y=\"%.0f\">%s%s</text>\n", y - 40 + 18.0 * i, colour((int)i), y - 30 + 18.0 * i,
			l->partitions[i].name, l->partitions[i].root ? " (root)" : "");
	}
	y += 18.0 * l->partition_count;
	for (unsigned int s = 0; s < l->schedule_count; s++, y += 70) {
		const struct schedule_spec *sc = &l->schedules[s];
		fprintf(out, "<text x=\"30\" y=\"%.0f\">CPU %u, major frame %llu us</text>\n", y,
			sc->cpu, (unsigned long long)(sc->major_frame / 1000));
		for (unsigned int w = 0; w < sc->window_count && sc->major_frame > 0; w++) {
			const struct window_spec *ws = &sc->windows[w];
			double x = 30 + width * (double)ws->start / (double)sc->major_frame;
			double wd = width * (double)ws->duration / (double)sc->major_frame;
			fprintf(out, "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"30\" fill=\"%s\" stroke=\"white\">"
				"<title>%s vCPU %u</title></rect><text x=\"%.1f\" y=\"%.0f\" fill=\"white\">%s</text>\n",
				x, y + 8, wd, colour(ws->partition_index), ws->partition, ws->vcpu, x + 4, y + 28, ws->partition);
		}
	}
	fprintf(out, "</svg>\n");
}

int report_layout(FILE *out, const char *svg_path, const struct layout_spec *l, const struct board *b)
{
	unsigned int capacity = 1 + l->channel_count;
	struct map_entry *ram;
	unsigned int count;

	for (unsigned int i = 0; i < l->partition_count; i++)
		capacity += l->partitions[i].region_count;
	ram = calloc(capacity, sizeof(*ram));
	if (ram == NULL)
		return 1;
	count = collect_ram(l, ram, capacity);
	text_report(out, l, b, ram, count);
	if (svg_path != NULL) {
		FILE *svg = fopen(svg_path, "w");
		if (svg == NULL) {
			fprintf(stderr, "bulkhead: error: cannot write %s\n", svg_path);
			free(ram);
			return 1;
		}
		svg_report(svg, l, b, ram, count);
		fclose(svg);
	}
	free(ram);
	return 0;
}
