/*
 * The generated tables.c: const data only, in the format of
 * core/include/layout.h, byte-identical for identical input (no paths,
 * no timestamps, everything in layout order).
 */
#include "board.h"
#include "emit.h"
#include "pci.h"
#include "ranges.h"

#include <cpu_features.h>
#include <layout.h>
#include <stdlib.h>
#include <string.h>

bool partition_has_device(const struct layout_spec *l, const struct board *b, unsigned int p, unsigned int d)
{
	const struct board_device *dev = &b->devices[d];

	if (dev->reserved)
		return false;
	/* The host's windows: the root's, its functions' slices excepted (emit_pci.c). */
	if (board_pci_device(b, d))
		return l->partitions[p].root && pci_partition_has_host(l, b, p);
	/* An emulated console takes the UART's address in the partition's map. */
	if (dev->base == b->console_base &&
	    (l->partitions[p].console == CONSOLE_EMULATED || l->partitions[p].console == CONSOLE_RING))
		return false;
	if (dev->owner >= 0)
		return dev->owner == (int)p;
	/* The default share leaves out what reaches all memory (validate_dma.c). */
	if (!l->partitions[p].root || dev->dma_unprotected)
		return false;
	/* The root cannot have a device whose page another partition owns. */
	for (unsigned int o = 0; o < b->device_count; o++) {
		const struct board_device *other = &b->devices[o];
		if (other->owner >= 0 && align_down(other->base, PAGE_SIZE_4K) <= align_down(dev->base + dev->size - 1, PAGE_SIZE_4K) &&
		    align_down(dev->base, PAGE_SIZE_4K) <= align_down(other->base + other->size - 1, PAGE_SIZE_4K))
			return false;
	}
	return true;
}

uint64_t partition_dtb_ipa(const struct partition_spec *p)
{
	const struct region_spec *first = p->region_count > 0 ? &p->regions[0] : NULL;

	if (first == NULL || first->size < 2 * BLOCK_SIZE_2M || p->image.kind == IMAGE_NONE)
		return 0;
	return first->ipa + first->size - BLOCK_SIZE_2M;
}

uint64_t partition_initrd_ipa(const struct partition_spec *p)
{
	uint64_t dtb = partition_dtb_ipa(p), size;

	if (dtb == 0 || p->image.initrd_path == NULL || !align_up(p->image.initrd_size, BLOCK_SIZE_2M, &size))
		return 0;
	return dtb - size;
}

uint64_t partition_entry_ipa(const struct partition_spec *p)
{
	if (p->image.has_entry)
		return p->image.entry;
	return p->region_count > 0 ? p->regions[0].ipa : 0;
}

static const char *access_text(unsigned int access)
{
	static const char *const names[] = { "0", "LAYOUT_READ", "LAYOUT_WRITE", "LAYOUT_READ | LAYOUT_WRITE",
		"LAYOUT_EXEC", "LAYOUT_READ | LAYOUT_EXEC", "LAYOUT_WRITE | LAYOUT_EXEC",
		"LAYOUT_READ | LAYOUT_WRITE | LAYOUT_EXEC" };
	return names[access & 7];
}

void emit_region(FILE *out, uint64_t ipa, uint64_t pa, uint64_t size, unsigned int access,
			const char *kind, const char *comment)
{
	fprintf(out, "\t{ .ipa = 0x%llx, .pa = 0x%llx, .size = 0x%llx, .access = %s, .kind = %s },\t/* %s */\n",
		(unsigned long long)ipa, (unsigned long long)pa, (unsigned long long)size, access_text(access),
		kind, comment);
}

/* Calls visit once per page-rounded device range of partition i; devices
 * sharing a page share its mapping. Returns the number of ranges. */
static unsigned int walk_device_ranges(const struct layout_spec *l, const struct board *b, unsigned int i,
				       FILE *out)
{
	uint64_t last_page = UINT64_MAX;
	unsigned int count = 0;

	for (unsigned int d = 0; d < b->device_count; d++) {
		const struct board_device *dev = &b->devices[d];
		uint64_t first = align_down(dev->base, PAGE_SIZE_4K), end;
		if (!partition_has_device(l, b, i, d) || board_pci_device(b, d) ||
		    !align_up(dev->base + dev->size, PAGE_SIZE_4K, &end))
			continue;
		if (first == last_page)
			first += PAGE_SIZE_4K;
		if (first < end) {
			count++;
			if (out != NULL)
				emit_region(out, first, first, end - first, ACCESS_R | ACCESS_W, "LAYOUT_REGION_DEVICE",
					    dev->name);
		}
		last_page = end - PAGE_SIZE_4K;
	}
	return count;
}

static void emit_partition_arrays(FILE *out, const struct layout_spec *l, const struct board *b, unsigned int i)
{
	const struct partition_spec *p = &l->partitions[i];

	fprintf(out, "static const struct layout_vcpu vcpus_%u[] = {\n", i);
	for (unsigned int v = 0; v < p->vcpu_count; v++)
		fprintf(out, "\t{ .cpu = %u, .scheduled = %s, .urgent = %s },\n", p->vcpus[v].cpu,
			p->vcpus[v].scheduled ? "true" : "false", p->vcpus[v].urgent ? "true" : "false");
	fprintf(out, "};\n\nstatic const struct layout_region regions_%u[] = {\n", i);
	for (unsigned int k = 0; k < p->region_count; k++)
		emit_region(out, p->regions[k].ipa, p->regions[k].pa, p->regions[k].size, p->regions[k].access,
			    "LAYOUT_REGION_RAM", "memory");
	walk_device_ranges(l, b, i, out);
	emit_pci_regions(out, l, b, i);
	if (p->root) {
		uint64_t log = LAYOUT_EVENT_LOG_BASE(l->hv_base, l->hv_size);
		emit_region(out, log, log, LAYOUT_EVENT_LOG_SIZE, ACCESS_R, "LAYOUT_REGION_EVENT_LOG",
			    "the measurement log");
	}
	for (unsigned int c = 0; c < l->channel_count; c++) {
		const struct channel_spec *ch = &l->channels[c];
		for (unsigned int e = 0; e < ch->endpoint_count; e++) {
			const struct endpoint_spec *ep = &ch->endpoints[e];
			if (ep->partition_index == (int)i)
				emit_region(out, ep->ipa, ch->pa, ch->size, ACCESS_R | (ep->writable ? ACCESS_W : 0),
					    "LAYOUT_REGION_CHANNEL", ch->name);
		}
	}
	fprintf(out, "};\n\nstatic const uint16_t interrupts_%u[] = {\n", i);
	for (unsigned int d = 0; d < b->device_count; d++) {
		if (!partition_has_device(l, b, i, d) || board_pci_device(b, d))
			continue;
		for (unsigned int k = 0; k < b->devices[d].interrupt_count; k++)
			fprintf(out, "\t%u,\t/* %s */\n", b->devices[d].interrupts[k], b->devices[d].name);
	}
	emit_pci_interrupts(out, l, b, i);
	fprintf(out, "\t0\t/* never read: keeps the array non-empty */\n};\n\n");
}

static unsigned int device_interrupt_count(const struct layout_spec *l, const struct board *b, unsigned int i)
{
	unsigned int n = 0;

	for (unsigned int d = 0; d < b->device_count; d++)
		if (partition_has_device(l, b, i, d) && !board_pci_device(b, d))
			n += b->devices[d].interrupt_count;
	return n + emit_pci_interrupts(NULL, l, b, i);
}

static unsigned int region_count(const struct layout_spec *l, const struct board *b, unsigned int i)
{
	unsigned int n = l->partitions[i].region_count + walk_device_ranges(l, b, i, NULL) + emit_pci_regions(NULL, l, b, i) +
			 (l->partitions[i].root ? 1 : 0);	/* the measurement log */

	for (unsigned int c = 0; c < l->channel_count; c++)
		for (unsigned int e = 0; e < l->channels[c].endpoint_count; e++)
			if (l->channels[c].endpoints[e].partition_index == (int)i)
				n++;
	return n;
}

static bool uses_device_console(const struct layout_spec *l, const struct board *b, unsigned int i)
{
	const struct partition_spec *p = &l->partitions[i];
	int uart;

	if (p->console == CONSOLE_DEVICE)
		return true;
	if (p->console == CONSOLE_EMULATED || p->console == CONSOLE_RING || !p->root)
		return false;
	/* The root's default console: the first console UART it has. */
	for (unsigned int d = 0; d < b->device_count; d++)
		if (b->devices[d].console && partition_has_device(l, b, i, d))
			return true;
	(void)uart;
	return false;
}

/*
 * Without a UART of its own: the UART is the root's, so only the root's
 * own lines, or a partition that asks for it, are printed there; the
 * others' output is kept for `bulkheadctl console` (docs/config.md).
 */
static bool emulated_console_on_uart(const struct partition_spec *p)
{
	return p->console == CONSOLE_EMULATED || (p->console == CONSOLE_DEFAULT && p->root);
}

static int by_start(const void *a, const void *b)
{
	const struct window_spec *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Windows sorted by start, so the hypervisor walks them in order. */
static void emit_schedules(FILE *out, const struct layout_spec *l)
{
	for (unsigned int s = 0; s < l->schedule_count; s++) {
		struct schedule_spec *sc = &l->schedules[s];
		qsort(sc->windows, sc->window_count, sizeof(*sc->windows), by_start);
		fprintf(out, "static const struct layout_window windows_%u[] = {\n", s);
		for (unsigned int w = 0; w < sc->window_count; w++)
			fprintf(out, "\t{ .start_ns = %llu, .duration_ns = %llu, .partition = %d, .vcpu = %u },\n",
				(unsigned long long)sc->windows[w].start, (unsigned long long)sc->windows[w].duration,
				sc->windows[w].partition_index, sc->windows[w].vcpu);
		fprintf(out, "};\n\n");
	}
	if (l->schedule_count == 0)
		return;
	fprintf(out, "static const struct layout_schedule schedules[] = {\n");
	for (unsigned int s = 0; s < l->schedule_count; s++)
		fprintf(out, "\t{ .cpu = %u, .major_frame_ns = %llu, .urgent_budget_ns = %llu, .windows = windows_%u, "
			".window_count = %u },\n", l->schedules[s].cpu, (unsigned long long)l->schedules[s].major_frame,
			(unsigned long long)l->schedules[s].urgent_budget, s, l->schedules[s].window_count);
	fprintf(out, "};\n\n");
}

/* Doorbell page of channel c: after the control page in the emulated-pages window. */
uint64_t channel_doorbell_ipa(const struct board *b, unsigned int c)
{
	return b->pages_base + PAGE_SIZE_4K * (1ULL + c);
}

static void emit_channels(FILE *out, const struct layout_spec *l, const struct board *b)
{
	if (l->channel_count == 0)
		return;
	fprintf(out, "static const struct layout_channel channels[] = {\n");
	for (unsigned int c = 0; c < l->channel_count; c++) {
		const struct channel_spec *ch = &l->channels[c];
		fprintf(out, "\t{ .name = \"%s\", .pa = 0x%llx, .size = 0x%llx, .doorbell_ipa = 0x%llx, .ends = {\n",
			ch->name, (unsigned long long)ch->pa, (unsigned long long)ch->size,
			(unsigned long long)channel_doorbell_ipa(b, c));
		for (unsigned int e = 0; e < 2; e++) {
			const struct endpoint_spec *ep = &ch->endpoints[e];
			fprintf(out, "\t\t{ .partition = %u, .doorbell = %u, .writable = %s, .ipa = 0x%llx },\n",
				l->partitions[ep->partition_index].id, ep->doorbell, ep->writable ? "true" : "false",
				(unsigned long long)ep->ipa);
		}
		fprintf(out, "\t} },\n");
	}
	fprintf(out, "};\n\n");
}

/* The streams of every device behind the IOMMU that a partition has, clipped to the stream table. */
static void emit_iommu(FILE *out, const struct layout_spec *l, const struct board *b)
{
	const struct board_iommu *mmu = &b->iommu;
	unsigned int count = 0;

	if (mmu->device < 0)
		return;
	fprintf(out, "static const struct layout_stream streams[] = {\n");
	for (unsigned int d = 0; d < b->device_count; d++) {
		const struct board_device *dev = &b->devices[d];
		if (!dev->has_iommu_map || dev->stream_base >= mmu->stream_table)
			continue;
		if (board_pci_device(b, d)) {
			count += emit_pci_streams(out, l, b, d);
			continue;
		}
		for (unsigned int i = 0; i < l->partition_count; i++) {
			uint64_t streams = dev->stream_count;
			if (!partition_has_device(l, b, i, d))
				continue;
			if (streams > mmu->stream_table - dev->stream_base)
				streams = mmu->stream_table - dev->stream_base;
			fprintf(out, "\t{ .first = 0x%llx, .count = 0x%llx, .rid_base = 0x%llx, .partition = %u, .device = %u },"
				"\t/* %s */\n", (unsigned long long)dev->stream_base, (unsigned long long)streams,
				(unsigned long long)dev->rid_base, l->partitions[i].id, d, dev->name);
			count++;
		}
	}
	if (count == 0)
		fprintf(out, "\t{ 0 }\t/* never read: keeps the array non-empty */\n");
	fprintf(out, "};\n\nstatic const struct layout_iommu iommu = {\n");
	fprintf(out, "\t.base = 0x%llx,\n\t.event_intid = %u,\n\t.gerror_intid = %u,\n\t.stream_table = %u,\n",
		(unsigned long long)b->devices[mmu->device].base, mmu->event_intid, mmu->gerror_intid,
		mmu->stream_table);
	fprintf(out, "\t.streams = %s,\n\t.stream_count = %u,\n};\n\n", count ? "streams" : "0", count);
}

void emit_tables(FILE *out, const struct layout_spec *l, const struct board *b)
{
	const char *name = strrchr(l->file, '/') ? strrchr(l->file, '/') + 1 : l->file;
	static const char *const policies[] = { "LAYOUT_FAULT_INJECT", "LAYOUT_FAULT_STOP", "LAYOUT_FAULT_RESTART" };
	bool pci_host;

	fprintf(out, "/* Generated by bulkhead gen from %s for board %s: do not edit. */\n", name, b->name);
	fprintf(out, "#include <layout.h>\n\n");
	for (unsigned int i = 0; i < l->partition_count; i++)
		emit_partition_arrays(out, l, b, i);
	fprintf(out, "static const struct layout_partition partitions[] = {\n");
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		fprintf(out, "\t{\n\t\t.name = \"%s\",\n\t\t.id = %u,\n\t\t.root = %s,\n", p->name, p->id,
			p->root ? "true" : "false");
		fprintf(out, "\t\t.fault_policy = %s,\n", policies[p->on_fault]);
		fprintf(out, "\t\t.console = %s,\n\t\t.console_ipa = 0x%llx,\n",
			uses_device_console(l, b, i) ? "LAYOUT_CONSOLE_DEVICE" :
			emulated_console_on_uart(p) ? "LAYOUT_CONSOLE_EMULATED" : "LAYOUT_CONSOLE_RING",
			(unsigned long long)b->console_base);
		fprintf(out, "\t\t.gicd_ipa = 0x%llx,\n\t\t.gicr_ipa = 0x%llx,\n", (unsigned long long)b->gicd_base,
			(unsigned long long)b->gicr_base);
		fprintf(out, "\t\t.entry_ipa = 0x%llx,\n\t\t.dtb_ipa = 0x%llx,\n",
			(unsigned long long)partition_entry_ipa(p), (unsigned long long)partition_dtb_ipa(p));
		fprintf(out, "\t\t.control_ipa = 0x%llx,\n",
			(unsigned long long)(p->root || p->control ? b->pages_base : 0));
		fprintf(out, "\t\t.pci_ecam_ipa = 0x%llx,\n", (unsigned long long)pci_ecam_ipa(l, b, i));
		fprintf(out, "\t\t.wfi_native = %s,\n", p->wfi == WFI_NATIVE ? "true" : "false");
		fprintf(out, "\t\t.hidden_features = 0x%llx,\n",
			(unsigned long long)(p->hidden_features | FEATURES_ALWAYS_HIDDEN));
		fprintf(out, "\t\t.vcpus = vcpus_%u,\n\t\t.vcpu_count = %u,\n", i, p->vcpu_count);
		fprintf(out, "\t\t.regions = regions_%u,\n\t\t.region_count = %u,\n", i, region_count(l, b, i));
		fprintf(out, "\t\t.interrupts = interrupts_%u,\n\t\t.interrupt_count = %u,\n\t},\n", i,
			device_interrupt_count(l, b, i));
	}
	fprintf(out, "};\n\nstatic const struct layout_device devices[] = {\n");
	for (unsigned int d = 0; d < b->device_count; d++) {
		int owner = -1;
		for (unsigned int i = 0; i < l->partition_count; i++)
			if (partition_has_device(l, b, i, d))
				owner = (int)i;
		fprintf(out, "\t{ .name = \"%s\", .base = 0x%llx, .size = 0x%llx, .owner = %d, .unchecked_dma = %s },\n",
			b->devices[d].name, (unsigned long long)b->devices[d].base, (unsigned long long)b->devices[d].size,
			owner, b->devices[d].dma_unprotected ? "true" : "false");
	}
	fprintf(out, "};\n\n");
	emit_schedules(out, l);
	emit_channels(out, l, b);
	emit_iommu(out, l, b);
	pci_host = emit_pci_host(out, l, b);
	fprintf(out, "const struct layout layout = {\n");
	fprintf(out, "\t.format_version = LAYOUT_FORMAT_VERSION,\n\t.name = \"%s\",\n", name);
	fprintf(out, "\t.hypervisor_base = 0x%llx,\n\t.hypervisor_size = 0x%llx,\n", (unsigned long long)l->hv_base,
		(unsigned long long)l->hv_size);
	fprintf(out, "\t.partitions = partitions,\n\t.partition_count = %u,\n", l->partition_count);
	fprintf(out, "\t.devices = devices,\n\t.device_count = %u,\n", b->device_count);
	fprintf(out, "\t.schedules = %s,\n\t.schedule_count = %u,\n", l->schedule_count ? "schedules" : "0",
		l->schedule_count);
	fprintf(out, "\t.channels = %s,\n\t.channel_count = %u,\n", l->channel_count ? "channels" : "0",
		l->channel_count);
	fprintf(out, "\t.iommu = %s,\n", b->iommu.device >= 0 ? "&iommu" : "0");
	fprintf(out, "\t.pci_host = %s,\n};\n", pci_host ? "&pci_host" : "0");
}

void emit_components(FILE *out, const struct layout_spec *l, const char *dtb_dir)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		if (p->image.kind == IMAGE_NONE || p->image.path == NULL || p->region_count == 0)
			continue;
		fprintf(out, "kernel,%u,0x%llx,%s\n", p->id, (unsigned long long)p->regions[0].ipa, p->image.path);
		if (dtb_dir != NULL && partition_dtb_ipa(p) != 0)
			fprintf(out, "dtb,%u,0x%llx,%s/%s.dtb\n", p->id, (unsigned long long)partition_dtb_ipa(p),
				dtb_dir, p->name);
		if (p->image.initrd_path != NULL && partition_initrd_ipa(p) != 0)
			fprintf(out, "initrd,%u,0x%llx,%s\n", p->id, (unsigned long long)partition_initrd_ipa(p),
				p->image.initrd_path);
	}
}
