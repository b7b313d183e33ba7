/*
 * bulkhead layout: the memory map (address order, with owners), the CPU x
 * partition table and the schedules as text; the SVG picture (svg.h)
 * draws what a reviewer checks.
 */
#include "emit.h"
#include "memory_map.h"
#include "pci.h"
#include "report.h"
#include "svg.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

/* The host's share-out: the root's windows and lines, then each function given (docs/pci.md). */
static void pci_report(FILE *out, const struct layout_spec *l, const struct board *b)
{
	bool used = false;

	for (unsigned int i = 0; i < l->partition_count; i++)
		used = used || pci_partition_has_host(l, b, i);
	if (!used)
		return;
	fprintf(out, "\nPCIe (%s: config space emulated at %#llx, %u bus(es))\n", b->devices[b->pci.ecam].name,
		(unsigned long long)b->devices[b->pci.ecam].base, b->pci.bus_count);
	for (unsigned int i = 0; i < l->partition_count; i++) {
		if (!l->partitions[i].root || !pci_partition_has_host(l, b, i))
			continue;
		fprintf(out, "  %-10s every function no other partition is given; windows %#llx+%#llx, %#llx+%#llx; INTx", l->partitions[i].name,
			(unsigned long long)l->root_mmio_base, (unsigned long long)l->root_mmio_size,
			(unsigned long long)l->root_mmio64_base, (unsigned long long)l->root_mmio64_size);
		for (unsigned int n = 0; n < 4; n++)
			if (pci_intx_owner(l, b->pci.intx[n]) < 0)
				fprintf(out, " %u", b->pci.intx[n]);
		fputc('\n', out);
	}
	for (unsigned int i = 0; i < l->partition_count; i++) {
		for (unsigned int k = 0; k < l->partitions[i].pci_count; k++) {
			const struct pci_function_spec *f = &l->partitions[i].pci[k];
			char rid[16];
			uint32_t stream;

			if (!f->rid_valid)
				continue;
			pci_format_rid(f->rid, rid, sizeof(rid));
			fprintf(out, "  %-10s %s %-10s window %#llx+%#llx", f->name, rid, l->partitions[i].name,
				(unsigned long long)f->mmio.base, (unsigned long long)f->mmio.size);
			if (f->mmio64.size != 0)
				fprintf(out, ", %#llx+%#llx", (unsigned long long)f->mmio64.base, (unsigned long long)f->mmio64.size);
			if (f->intx_intid != 0)
				fprintf(out, "  INTx %u", f->intx_intid);
			else
				fprintf(out, "  INTx none");
			if (pci_stream_of(b, f->rid, &stream))
				fprintf(out, "  stream %#x\n", stream);
			else
				fprintf(out, "  (DMA no IOMMU checks: acknowledged)\n");
		}
	}
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
	pci_report(out, l, b);
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
