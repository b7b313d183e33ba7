/*
 * The PCIe host in the tables (docs/pci.md): layout.pci_host with each
 * function's slices and the root's remainder, each partition's share as
 * identity-mapped device regions and INTx interrupts, and one IOMMU
 * stream per function (the root: every other stream of bus 0). The real
 * config space is in no partition's regions: each sees an emulated one.
 */
#include "board.h"
#include "emit.h"
#include "pci.h"
#include "ranges.h"

#include <layout.h>
#include <string.h>

static int root_with_host(const struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++)
		if (l->partitions[i].root && pci_partition_has_host(l, b, i))
			return (int)i;
	return -1;
}

static unsigned int window_region(FILE *out, uint64_t base, uint64_t size, const char *comment)
{
	if (size == 0)
		return 0;
	if (out != NULL)
		emit_region(out, base, base, size, ACCESS_R | ACCESS_W, "LAYOUT_REGION_DEVICE", comment);
	return 1;
}

unsigned int emit_pci_regions(FILE *out, const struct layout_spec *l, const struct board *b, unsigned int i)
{
	const struct partition_spec *p = &l->partitions[i];
	unsigned int count = 0;

	if (!pci_partition_has_host(l, b, i))
		return 0;
	if (p->root) {
		count += window_region(out, l->root_mmio_base, l->root_mmio_size, "the root's part of the PCIe 32-bit window");
		count += window_region(out, l->root_mmio64_base, l->root_mmio64_size, "the root's part of the PCIe 64-bit window");
		if (b->pci.io >= 0) {
			const struct board_device *io = &b->devices[b->pci.io];
			uint64_t first = align_down(io->base, PAGE_SIZE_4K), end;
			if (align_up(io->base + io->size, PAGE_SIZE_4K, &end))
				count += window_region(out, first, end - first, io->name);
		}
		return count;
	}
	for (unsigned int k = 0; k < p->pci_count; k++) {
		const struct pci_function_spec *f = &p->pci[k];
		if (!f->rid_valid)
			continue;
		count += window_region(out, f->mmio.base, f->mmio.size, f->name);
		count += window_region(out, f->mmio64.base, f->mmio64.size, f->name);
	}
	return count;
}

/* Whether an earlier function of partition i raises the same interrupt (it is listed once). */
static bool listed_before(const struct partition_spec *p, unsigned int k)
{
	for (unsigned int e = 0; e < k; e++)
		if (p->pci[e].intx_intid == p->pci[k].intx_intid)
			return true;
	return false;
}

unsigned int emit_pci_interrupts(FILE *out, const struct layout_spec *l, const struct board *b, unsigned int i)
{
	const struct partition_spec *p = &l->partitions[i];
	unsigned int count = 0;

	if (!pci_partition_has_host(l, b, i))
		return 0;
	/* The root has every INTx line no other partition's function raises. */
	for (unsigned int n = 0; p->root && n < 4; n++) {
		bool earlier = false;
		for (unsigned int e = 0; e < n; e++)
			earlier = earlier || b->pci.intx[e] == b->pci.intx[n];
		if (earlier || pci_intx_owner(l, b->pci.intx[n]) >= 0)
			continue;
		if (out != NULL)
			fprintf(out, "\t%u,\t/* PCIe INTx */\n", b->pci.intx[n]);
		count++;
	}
	for (unsigned int k = 0; !p->root && k < p->pci_count; k++) {
		if (p->pci[k].intx_intid == 0 || !p->pci[k].rid_valid || listed_before(p, k))
			continue;
		if (out != NULL)
			fprintf(out, "\t%u,\t/* %s INTx */\n", p->pci[k].intx_intid, p->pci[k].name);
		count++;
	}
	return count;
}

/* The layout's function that has requester id rid, or NULL. */
static const struct pci_function_spec *function_at(const struct layout_spec *l, unsigned int rid, unsigned int *owner)
{
	for (unsigned int i = 0; i < l->partition_count; i++)
		for (unsigned int k = 0; k < l->partitions[i].pci_count; k++)
			if (l->partitions[i].pci[k].rid_valid && l->partitions[i].pci[k].rid == rid) {
				*owner = i;
				return &l->partitions[i].pci[k];
			}
	return NULL;
}

static void stream_row(FILE *out, uint32_t first, unsigned int count, unsigned int rid, unsigned int partition,
		       unsigned int d, const char *function)
{
	char text[16];

	pci_format_rid(rid, text, sizeof(text));
	fprintf(out, "\t{ .first = 0x%x, .count = 0x%x, .rid_base = 0x%x, .partition = %u, .device = %u, .function = ",
		first, count, rid, partition, d);
	if (function != NULL)
		fprintf(out, "\"%s\" },\t/* %s */\n", function, text);
	else
		fprintf(out, "0 },\t/* from %s */\n", text);
}

unsigned int emit_pci_streams(FILE *out, const struct layout_spec *l, const struct board *b, unsigned int d)
{
	int root = root_with_host(l, b);
	unsigned int count = 0, owner, run_rid = 0, run_length = 0;
	uint32_t stream, run_stream = 0;

	for (unsigned int i = 0; i < l->partition_count; i++) {
		for (unsigned int k = 0; k < l->partitions[i].pci_count; k++) {
			const struct pci_function_spec *f = &l->partitions[i].pci[k];
			if (f->rid_valid && pci_stream_of(b, f->rid, &stream)) {
				stream_row(out, stream, 1, f->rid, l->partitions[i].id, d, f->name);
				count++;
			}
		}
	}
	/* The root's: runs of bus 0's other requester ids. */
	for (unsigned int rid = 0; root >= 0 && rid <= 0x100; rid++) {
		bool mine = rid < 0x100 && function_at(l, rid, &owner) == NULL && pci_stream_of(b, rid, &stream);
		if (mine && run_length > 0 && stream == run_stream + run_length) {
			run_length++;
			continue;
		}
		if (run_length > 0) {
			stream_row(out, run_stream, run_length, run_rid, l->partitions[root].id, d, NULL);
			count++;
			run_length = 0;
		}
		if (mine) {
			run_rid = rid;
			run_stream = stream;
			run_length = 1;
		}
	}
	return count;
}

bool emit_pci_host(FILE *out, const struct layout_spec *l, const struct board *b)
{
	const struct board_pci_host *h = &b->pci;
	const struct board_device *mmio64 = h->mmio64 >= 0 ? &b->devices[h->mmio64] : NULL;
	const struct board_device *io = h->io >= 0 ? &b->devices[h->io] : NULL;
	unsigned int count = 0;
	bool used = false;

	for (unsigned int i = 0; i < l->partition_count; i++)
		used = used || pci_partition_has_host(l, b, i);
	if (!used)
		return false;
	fprintf(out, "static const struct layout_pci_function pci_functions[] = {\n");
	for (unsigned int i = 0; i < l->partition_count; i++) {
		for (unsigned int k = 0; k < l->partitions[i].pci_count; k++) {
			const struct pci_function_spec *f = &l->partitions[i].pci[k];
			if (!f->rid_valid)
				continue;
			fprintf(out, "\t{ .name = \"%s\", .rid = 0x%x, .partition = %u, .intx_pin = %u, .intx_intid = %u,\n"
				"\t  .mmio_base = 0x%llx, .mmio_size = 0x%llx, .mmio64_base = 0x%llx, .mmio64_size = 0x%llx },\n",
				f->name, f->rid, l->partitions[i].id, f->intx_pin, f->intx_intid,
				(unsigned long long)f->mmio.base, (unsigned long long)f->mmio.size,
				(unsigned long long)f->mmio64.base, (unsigned long long)f->mmio64.size);
			count++;
		}
	}
	if (count == 0)
		fprintf(out, "\t{ 0 }\t/* never read: keeps the array non-empty */\n");
	fprintf(out, "};\n\nstatic const struct layout_pci_host pci_host = {\n");
	fprintf(out, "\t.name = \"%s\",\n\t.ecam_base = 0x%llx,\n\t.bus_count = %u,\n", b->devices[h->ecam].name,
		(unsigned long long)b->devices[h->ecam].base, h->bus_count);
	fprintf(out, "\t.mmio_base = 0x%llx, .mmio_size = 0x%llx,\n", (unsigned long long)b->devices[h->mmio].base,
		(unsigned long long)b->devices[h->mmio].size);
	fprintf(out, "\t.mmio64_base = 0x%llx, .mmio64_size = 0x%llx,\n", (unsigned long long)(mmio64 ? mmio64->base : 0),
		(unsigned long long)(mmio64 ? mmio64->size : 0));
	fprintf(out, "\t.io_base = 0x%llx, .io_size = 0x%llx,\n", (unsigned long long)(io ? io->base : 0),
		(unsigned long long)(io ? io->size : 0));
	fprintf(out, "\t.root_mmio_base = 0x%llx, .root_mmio_size = 0x%llx,\n", (unsigned long long)l->root_mmio_base,
		(unsigned long long)l->root_mmio_size);
	fprintf(out, "\t.root_mmio64_base = 0x%llx, .root_mmio64_size = 0x%llx,\n",
		(unsigned long long)l->root_mmio64_base, (unsigned long long)l->root_mmio64_size);
	fprintf(out, "\t.intx_intids = { %u, %u, %u, %u },\n", h->intx[0], h->intx[1], h->intx[2], h->intx[3]);
	fprintf(out, "\t.functions = pci_functions,\n\t.function_count = %u,\n};\n\n", count);
	return true;
}
