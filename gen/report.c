/*
 * bulkhead layout: the memory map (address order, with owners), the CPU x
 * partition table and the schedules as text; the SVG picture (svg.h)
 * draws what a reviewer checks.
 */
#include "emit.h"
#include "memory_map.h"
#include "report.h"
#include "svg.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

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
			(unsigned long long)(ram[i].base + ram[i].size - 1), size, ram[i].what, ram[i].owner_name);
	}
	fprintf(out, "\nDevices\n");
	for (unsigned int d = 0; d < b->device_count; d++) {
		const char *owner = b->devices[d].reserved ? "(hypervisor)" : "-";
		for (unsigned int i = 0; i < l->partition_count; i++)
			if (partition_has_device(l, b, i, d))
				owner = l->partitions[i].name;
		fprintf(out, "  %-12s %#012llx  %s%s\n", b->devices[d].name, (unsigned long long)b->devices[d].base, owner,
			!b->devices[d].dma_unprotected ? "" :
			strcmp(owner, "-") == 0	       ? "  (DMA no IOMMU checks: only with unprotected_dma)" :
							 "  (DMA no IOMMU checks: acknowledged)");
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

int report_layout(FILE *out, const char *svg_path, const struct layout_spec *l, const struct board *b)
{
	unsigned int count = 0;
	struct map_entry *ram = memory_map_collect(l, &count);

	if (ram == NULL)
		return 1;
	text_report(out, l, b, ram, count);
	free(ram);
	if (svg_path != NULL) {
		FILE *svg = fopen(svg_path, "w");
		if (svg == NULL) {
			fprintf(stderr, "bulkhead: error: cannot write %s\n", svg_path);
			return 1;
		}
		svg_draw(svg, l, b);
		if (fclose(svg) != 0) {
			fprintf(stderr, "bulkhead: error: cannot write %s\n", svg_path);
			return 1;
		}
	}
	return 0;
}
