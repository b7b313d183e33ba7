/*
 * Each partition with PCI finds its host bridge where the board's ECAM
 * is, as a generic ECAM host (pci-host-ecam-generic) whose config space
 * the hypervisor emulates: the root keeps the board's node, cut down to
 * the buses the hypervisor enumerates, its part of the memory windows,
 * the I/O window and the INTx lines no other partition has; a non-root
 * partition gets a node of its own with its functions' slices and INTx
 * lines only. Neither may move a BAR (linux,pci-probe-only).
 */
#include "dtb_pci.h"
#include "pci.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#define PCI_SPACE_IO	0x01000000U
#define PCI_SPACE_MEM32	0x02000000U
#define PCI_SPACE_MEM64	0x03000000U
#define GIC_SPI		0U
#define GIC_LEVEL_HIGH	4U
/* An interrupt-map entry: child address (3) and pin (1), the GIC's phandle, its address (<= 2), SPI (3). */
#define MAP_ENTRY_MAX	11

/* One ranges entry: PCI address (3 cells), CPU address (2), size (2); bus address = CPU address. */
static int append_range(void *fdt, int node, uint32_t space, uint64_t pci, uint64_t cpu, uint64_t size)
{
	fdt32_t cells[7] = { cpu_to_fdt32(space), cpu_to_fdt32((uint32_t)(pci >> 32)), cpu_to_fdt32((uint32_t)pci),
			     cpu_to_fdt32((uint32_t)(cpu >> 32)), cpu_to_fdt32((uint32_t)cpu),
			     cpu_to_fdt32((uint32_t)(size >> 32)), cpu_to_fdt32((uint32_t)size) };

	if (size == 0)
		return 0;
	return fdt_appendprop(fdt, node, "ranges", cells, sizeof(cells));
}

static int set_config_space(void *fdt, int node, const struct layout_spec *l, const struct board *b, unsigned int i)
{
	uint64_t ecam = pci_ecam_ipa(l, b, i);
	fdt32_t buses[2] = { cpu_to_fdt32(0), cpu_to_fdt32(b->pci.bus_count - 1) };
	int err = fdt_setprop_u64(fdt, node, "reg", ecam);

	if (err == 0)
		err = fdt_appendprop_u64(fdt, node, "reg", pci_ecam_size(b));
	if (err == 0)
		err = fdt_setprop(fdt, node, "bus-range", buses, sizeof(buses));
	if (err == 0)
		err = fdt_delprop(fdt, node, "ranges");
	return err == -FDT_ERR_NOTFOUND ? 0 : err;
}

static int gic_of(const void *fdt, const struct board *b, uint32_t *phandle, int *address_cells)
{
	char path[64];
	int gic;

	snprintf(path, sizeof(path), "/intc@%llx", (unsigned long long)b->gicd_base);
	if ((gic = fdt_path_offset(fdt, path)) < 0)
		return gic;
	*phandle = fdt_get_phandle(fdt, gic);
	*address_cells = fdt_address_cells(fdt, gic);
	if (*phandle == 0 || *address_cells < 0 || *address_cells > 2)
		return -FDT_ERR_BADPHANDLE;
	return 0;
}

/* The root's interrupt-map without the entries of lines another partition's function raises. */
static int filter_root_interrupt_map(void *fdt, int node, const struct layout_spec *l, const struct board *b)
{
	uint32_t phandle;
	int address_cells, length, err = gic_of(fdt, b, &phandle, &address_cells);
	const fdt32_t *map = fdt_getprop(fdt, node, "interrupt-map", &length);
	unsigned int entry = 4 + 1 + (unsigned int)address_cells + 3, kept = 0;
	fdt32_t copy[MAP_ENTRY_MAX * 64];

	if (err != 0 || map == NULL || length % (int)(entry * 4) != 0 || (size_t)length > sizeof(copy))
		return err != 0 ? err : 0;
	for (unsigned int e = 0; e < (unsigned int)length / 4 / entry; e++) {
		const fdt32_t *row = &map[e * entry];
		unsigned int spi = fdt32_to_cpu(row[5 + address_cells + 1]);
		if (fdt32_to_cpu(row[5 + address_cells]) == GIC_SPI && pci_intx_owner(l, spi + 32) >= 0)
			continue;
		memcpy(&copy[kept * entry], row, entry * 4);
		kept++;
	}
	return fdt_setprop(fdt, node, "interrupt-map", copy, kept * entry * 4);
}

static int set_root_host(void *fdt, int node, const struct layout_spec *l, const struct board *b, unsigned int i)
{
	int err = set_config_space(fdt, node, l, b, i);

	if (err == 0 && b->pci.io >= 0)
		err = append_range(fdt, node, PCI_SPACE_IO, 0, b->devices[b->pci.io].base, b->devices[b->pci.io].size);
	if (err == 0)
		err = append_range(fdt, node, PCI_SPACE_MEM32, l->root_mmio_base, l->root_mmio_base, l->root_mmio_size);
	if (err == 0)
		err = append_range(fdt, node, PCI_SPACE_MEM64, l->root_mmio64_base, l->root_mmio64_base, l->root_mmio64_size);
	if (err == 0)
		err = filter_root_interrupt_map(fdt, node, l, b);
	return err;
}

/* INTx of the partition's functions: by bus and device (the pin's line depends on the slot), and pin. */
static int add_interrupt_map(void *fdt, int node, const struct board *b, const struct partition_spec *p)
{
	fdt32_t mask[4] = { cpu_to_fdt32(0xfff800), 0, 0, cpu_to_fdt32(7) };
	uint32_t phandle;
	int address_cells, err = gic_of(fdt, b, &phandle, &address_cells);

	if (err != 0)
		return err;
	for (unsigned int k = 0; k < p->pci_count; k++) {
		const struct pci_function_spec *f = &p->pci[k];
		fdt32_t row[MAP_ENTRY_MAX] = { 0 };
		unsigned int n = 0;
		bool earlier = false;

		for (unsigned int e = 0; e < k; e++)
			earlier = earlier || (p->pci[e].rid_valid && (p->pci[e].rid >> 3) == (f->rid >> 3) &&
					      p->pci[e].intx_pin == f->intx_pin);
		if (!f->rid_valid || f->intx_intid == 0 || earlier)
			continue;
		row[n++] = cpu_to_fdt32((f->rid & ~7U) << 8);
		n += 2;
		row[n++] = cpu_to_fdt32(f->intx_pin);
		row[n++] = cpu_to_fdt32(phandle);
		n += (unsigned int)address_cells;
		row[n++] = cpu_to_fdt32(GIC_SPI);
		row[n++] = cpu_to_fdt32(f->intx_intid - 32);
		row[n++] = cpu_to_fdt32(GIC_LEVEL_HIGH);
		if ((err = fdt_appendprop(fdt, node, "interrupt-map", row, n * 4)) != 0)
			return err;
	}
	return fdt_setprop(fdt, node, "interrupt-map-mask", mask, sizeof(mask));
}

static int add_partition_host(void *fdt, const struct layout_spec *l, const struct board *b, unsigned int i)
{
	const struct partition_spec *p = &l->partitions[i];
	char name[40];
	int node, err;

	snprintf(name, sizeof(name), "pcie@%llx", (unsigned long long)pci_ecam_ipa(l, b, i));
	if ((node = fdt_add_subnode(fdt, 0, name)) < 0)
		return node;
	if ((err = fdt_setprop_string(fdt, node, "compatible", "pci-host-ecam-generic")) != 0 ||
	    (err = fdt_setprop_string(fdt, node, "device_type", "pci")) != 0 ||
	    (err = fdt_setprop_u32(fdt, node, "#address-cells", 3)) != 0 ||
	    (err = fdt_setprop_u32(fdt, node, "#size-cells", 2)) != 0 ||
	    (err = fdt_setprop_u32(fdt, node, "#interrupt-cells", 1)) != 0 ||
	    (err = fdt_setprop_u32(fdt, node, "linux,pci-domain", 0)) != 0 ||
	    (err = fdt_setprop(fdt, node, "dma-coherent", NULL, 0)) != 0 ||
	    (err = set_config_space(fdt, node, l, b, i)) != 0)
		return err;
	for (unsigned int k = 0; k < p->pci_count; k++) {
		const struct pci_function_spec *f = &p->pci[k];
		if (!f->rid_valid)
			continue;
		if ((err = append_range(fdt, node, PCI_SPACE_MEM32, f->mmio.base, f->mmio.base, f->mmio.size)) != 0 ||
		    (err = append_range(fdt, node, PCI_SPACE_MEM64, f->mmio64.base, f->mmio64.base, f->mmio64.size)) != 0)
			return err;
	}
	return add_interrupt_map(fdt, node, b, p);
}

/* The board's host node: a top-level pci-host-ecam-generic whose config space is the board's ECAM. */
static int board_host_node(const void *fdt, const struct board *b)
{
	int node;

	fdt_for_each_subnode(node, fdt, 0) {
		int length;
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &length);
		if (reg != NULL && length >= 8 && fdt_node_check_compatible(fdt, node, "pci-host-ecam-generic") == 0 &&
		    (((uint64_t)fdt32_to_cpu(reg[0]) << 32) | fdt32_to_cpu(reg[1])) == b->devices[b->pci.ecam].base)
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

int dtb_set_pci(void *fdt, const struct layout_spec *l, const struct board *b, unsigned int i)
{
	int node, chosen, err;

	if (!pci_partition_has_host(l, b, i))
		return 0;
	if (l->partitions[i].root) {
		if ((node = board_host_node(fdt, b)) < 0)
			return 0;	/* a board tree without it: nothing to show */
		err = set_root_host(fdt, node, l, b, i);
	} else {
		err = add_partition_host(fdt, l, b, i);
	}
	if (err == 0 && (chosen = fdt_path_offset(fdt, "/chosen")) >= 0)
		err = fdt_setprop_u32(fdt, chosen, "linux,pci-probe-only", 1);
	return err;
}
