/*
 * A partition's device tree is the board's, cut down to what the
 * partition has: its vCPUs (renumbered from 0, matching the MPIDR it
 * sees), its memory at its guest-physical addresses, its devices (the
 * root: every device not given away), the virtual GIC sized for its
 * vCPUs, and /chosen with its command line, initrd and console.
 */
#include "emit.h"
#include "emit_dtb.h"
#include "dtb_pci.h"
#include "dtb_references.h"
#include "ranges.h"

#include <layout.h>

#include <errno.h>
#include <cpu_features.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DTB_GROWTH 0x10000

static void *read_dtb(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *blob = NULL;
	long length;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (length = ftell(f)) > 0 && length < (1 << 24) && fseek(f, 0, SEEK_SET) == 0) {
		blob = malloc((size_t)length);
		if (blob != NULL && fread(blob, 1, (size_t)length, f) != (size_t)length) {
			free(blob);
			blob = NULL;
		}
		*size = (size_t)length;
	}
	fclose(f);
	if (blob != NULL && fdt_check_header(blob) != 0) {
		free(blob);
		blob = NULL;
	}
	return blob;
}

static uint64_t first_reg_address(const void *fdt, int node)
{
	int len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (reg == NULL || len < 8)
		return UINT64_MAX;
	return ((uint64_t)fdt32_to_cpu(reg[0]) << 32) | fdt32_to_cpu(reg[1]);
}

/* Whether a top-level node stays in partition p's tree. */
static bool keep_node(const void *fdt, int node, const struct layout_spec *l, const struct board *b, unsigned int p)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	uint64_t address = first_reg_address(fdt, node);

	if (strncmp(name, "memory", 6) == 0)
		return false;	/* rewritten from the layout */
	if (address == UINT64_MAX)
		return true;	/* cpus, timer, psci, chosen, clocks, ... */
	if (address == b->gicd_base)
		return true;	/* the virtual GIC */
	if (address == b->console_base)
		return true;	/* a real or emulated console sits here */
	for (unsigned int d = 0; d < b->device_count; d++) {
		if (b->devices[d].base == address)
			return partition_has_device(l, b, p, d);
	}
	/* Nodes the board description does not name go to the root alone. */
	return l->partitions[p].root;
}

static int prune_devices(void *fdt, const struct layout_spec *l, const struct board *b, unsigned int p)
{
	bool changed = true;

	while (changed) {
		changed = false;
		for (int node = fdt_first_subnode(fdt, 0); node >= 0; node = fdt_next_subnode(fdt, node)) {
			if (!keep_node(fdt, node, l, b, p)) {
				int err = fdt_del_node(fdt, node);
				if (err != 0)
					return err;
				changed = true;
				break;
			}
		}
	}
	return 0;
}

/*
 * What the hypervisor keeps for itself goes too: the GIC's ITS (partitions
 * get no MSIs; devices fall back to wired interrupts), the SMMU (devices
 * behind it see their owner's memory as the owner does, so the partition
 * needs no driver and must not see one: the references to it go, before
 * they could take their devices with them as dangling) and, when the
 * partition may not use it, the PMU.
 */
static int remove_hypervisor_nodes(void *fdt, const struct partition_spec *p)
{
	int node, err;

	while ((node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3-its")) >= 0) {
		if ((err = fdt_del_node(fdt, node)) != 0)
			return err;
	}
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		fdt_delprop(fdt, node, "msi-map");
		fdt_delprop(fdt, node, "msi-parent");
		fdt_delprop(fdt, node, "iommu-map");
		fdt_delprop(fdt, node, "iommu-map-mask");
		fdt_delprop(fdt, node, "iommus");
	}
	while ((node = fdt_node_offset_by_compatible(fdt, -1, "arm,smmu-v3")) >= 0) {
		if ((err = fdt_del_node(fdt, node)) != 0)
			return err;
	}
	if (p->hidden_features & FEATURE_BIT(FEATURE_PMU)) {
		while ((node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-pmuv3")) >= 0) {
			if ((err = fdt_del_node(fdt, node)) != 0)
				return err;
		}
	}
	return 0;
}

static int set_cpus(void *fdt, const struct partition_spec *p)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, err;
	bool changed = true;

	if (cpus < 0)
		return cpus;
	if ((node = fdt_subnode_offset(fdt, cpus, "cpu-map")) >= 0 && (err = fdt_del_node(fdt, node)) != 0)
		return err;
	while (changed) {
		changed = false;
		fdt_for_each_subnode(node, fdt, cpus) {
			int len;
			const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
			if (reg != NULL && len >= 4 && fdt32_to_cpu(reg[len / 4 - 1]) >= p->vcpu_count) {
				if ((err = fdt_del_node(fdt, node)) != 0)
					return err;
				changed = true;
				break;
			}
		}
	}
	return 0;
}

static int add_memory(void *fdt, const struct partition_spec *p)
{
	for (unsigned int k = p->region_count; k-- > 0;) {
		const struct region_spec *r = &p->regions[k];
		char name[40];
		fdt32_t reg[4] = { cpu_to_fdt32((uint32_t)(r->ipa >> 32)), cpu_to_fdt32((uint32_t)r->ipa),
				   cpu_to_fdt32((uint32_t)(r->size >> 32)), cpu_to_fdt32((uint32_t)r->size) };
		int node, err;

		snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)r->ipa);
		node = fdt_add_subnode(fdt, 0, name);
		if (node < 0)
			return node;
		if ((err = fdt_setprop_string(fdt, node, "device_type", "memory")) != 0 ||
		    (err = fdt_setprop(fdt, node, "reg", reg, sizeof(reg))) != 0)
			return err;
	}
	return 0;
}

static int size_redistributors(void *fdt, const struct board *b, const struct partition_spec *p)
{
	char path[64];
	int gic, len;
	const fdt32_t *reg;
	fdt32_t copy[8];

	snprintf(path, sizeof(path), "/intc@%llx", (unsigned long long)b->gicd_base);
	gic = fdt_path_offset(fdt, path);
	if (gic < 0)
		return 0;
	reg = fdt_getprop(fdt, gic, "reg", &len);
	if (reg == NULL || len < (int)sizeof(copy))
		return 0;
	memcpy(copy, reg, sizeof(copy));
	copy[7] = cpu_to_fdt32(0x20000U * p->vcpu_count);	/* second range: redistributors */
	return fdt_setprop(fdt, gic, "reg", copy, sizeof(copy));
}

static int set_chosen(void *fdt, const struct board *b, const struct partition_spec *p)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), err;
	char stdout_path[64];
	uint64_t initrd = partition_initrd_ipa(p);

	if (chosen < 0 && (chosen = fdt_add_subnode(fdt, 0, "chosen")) < 0)
		return chosen;
	fdt_delprop(fdt, chosen, "kaslr-seed");
	fdt_delprop(fdt, chosen, "rng-seed");
	snprintf(stdout_path, sizeof(stdout_path), "/pl011@%llx", (unsigned long long)b->console_base);
	if ((err = fdt_setprop_string(fdt, chosen, "stdout-path", stdout_path)) != 0)
		return err;
	if (p->image.cmdline != NULL && (err = fdt_setprop_string(fdt, chosen, "bootargs", p->image.cmdline)) != 0)
		return err;
	if (initrd != 0) {
		if ((err = fdt_setprop_u64(fdt, chosen, "linux,initrd-start", initrd)) != 0 ||
		    (err = fdt_setprop_u64(fdt, chosen, "linux,initrd-end", initrd + p->image.initrd_size)) != 0)
			return err;
	}
	return 0;
}

/*
 * The root reads the measurement log through a reserved-memory node: a
 * region outside its RAM, mapped read-only (docs/image-format.md).
 */
static int add_event_log(void *fdt, const struct layout_spec *l, const struct partition_spec *p)
{
	uint64_t base = LAYOUT_EVENT_LOG_BASE(l->hv_base, l->hv_size);
	char name[40];
	int reserved, node, err;

	if (!p->root)
		return 0;
	reserved = fdt_path_offset(fdt, "/reserved-memory");
	if (reserved < 0) {
		reserved = fdt_add_subnode(fdt, 0, "reserved-memory");
		if (reserved < 0)
			return reserved;
		if ((err = fdt_setprop_u32(fdt, reserved, "#address-cells", 2)) != 0 ||
		    (err = fdt_setprop_u32(fdt, reserved, "#size-cells", 2)) != 0 ||
		    (err = fdt_setprop(fdt, reserved, "ranges", NULL, 0)) != 0)
			return err;
	}
	snprintf(name, sizeof(name), "event-log@%llx", (unsigned long long)base);
	node = fdt_add_subnode(fdt, reserved, name);
	if (node < 0)
		return node;
	if ((err = fdt_setprop_string(fdt, node, "compatible", "bulkhead,event-log")) != 0 ||
	    (err = fdt_setprop_u64(fdt, node, "reg", base)) != 0 ||
	    (err = fdt_appendprop_u64(fdt, node, "reg", LAYOUT_EVENT_LOG_SIZE)) != 0 ||
	    (err = fdt_setprop(fdt, node, "no-map", NULL, 0)) != 0)
		return err;
	return 0;
}

static int set_reg(void *fdt, int node, uint64_t base, uint64_t size)
{
	int err = fdt_setprop_u64(fdt, node, "reg", base);
	return err != 0 ? err : fdt_appendprop_u64(fdt, node, "reg", size);
}

/*
 * The hypervisor's pages a partition may use (docs/control.md): the
 * control page, and for each channel end its shared memory, doorbell page
 * and doorbell interrupt, found by name ("label").
 */
static int add_bulkhead_nodes(void *fdt, const struct layout_spec *l, const struct board *b, unsigned int i)
{
	const struct partition_spec *p = &l->partitions[i];
	char name[80];
	int node, err;

	if (p->root || p->control) {
		snprintf(name, sizeof(name), "bulkhead-control@%llx", (unsigned long long)b->pages_base);
		if ((node = fdt_add_subnode(fdt, 0, name)) < 0)
			return node;
		if ((err = fdt_setprop_string(fdt, node, "compatible", "bulkhead,control")) != 0 ||
		    (err = set_reg(fdt, node, b->pages_base, PAGE_SIZE_4K)) != 0)
			return err;
	}
	for (unsigned int c = 0; c < l->channel_count; c++) {
		const struct channel_spec *ch = &l->channels[c];
		for (unsigned int e = 0; e < ch->endpoint_count; e++) {
			const struct endpoint_spec *ep = &ch->endpoints[e];
			if (ep->partition_index != (int)i)
				continue;
			snprintf(name, sizeof(name), "bulkhead-channel@%llx", (unsigned long long)ep->ipa);
			if ((node = fdt_add_subnode(fdt, 0, name)) < 0)
				return node;
			if ((err = fdt_setprop_string(fdt, node, "compatible", "bulkhead,channel")) != 0 ||
			    (err = fdt_setprop_string(fdt, node, "label", ch->name)) != 0 ||
			    (err = set_reg(fdt, node, ep->ipa, ch->size)) != 0 ||
			    (err = fdt_appendprop_u64(fdt, node, "reg", channel_doorbell_ipa(b, c))) != 0 ||
			    (err = fdt_appendprop_u64(fdt, node, "reg", PAGE_SIZE_4K)) != 0)
				return err;
			if (ep->writable && (err = fdt_setprop(fdt, node, "writable", NULL, 0)) != 0)
				return err;
			if (ep->doorbell != 0) {
				/* SPI, edge-triggered: <0 n 1> in the GIC binding, n = INTID - 32. */
				fdt32_t irq[3] = { cpu_to_fdt32(0), cpu_to_fdt32(ep->doorbell - 32), cpu_to_fdt32(1) };
				if ((err = fdt_setprop(fdt, node, "interrupts", irq, sizeof(irq))) != 0)
					return err;
			}
		}
	}
	return 0;
}

static int write_blob(const char *dir, const char *name, void *fdt)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.dtb", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(fdt, 1, fdt_totalsize(fdt), f) != fdt_totalsize(fdt) || fclose(f) != 0) {
		fprintf(stderr, "bulkhead: error: cannot write %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

/*
 * Zeroes the bytes that pad each property's value to 4 bytes. libfdt
 * keeps whatever they held: in QEMU's dump of the board, leftovers of the
 * random seeds it draws afresh each time. Unzeroed, two builds of the same
 * tree would sign different images.
 */
static void zero_property_padding(void *fdt)
{
	for (int node = 0; node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		int property;

		fdt_for_each_property_offset(property, fdt, node) {
			int length;
			const char *value = fdt_getprop_by_offset(fdt, property, NULL, &length);

			if (value != NULL)
				memset((char *)(uintptr_t)value + length, 0,
				       (FDT_TAGSIZE - (size_t)length % FDT_TAGSIZE) % FDT_TAGSIZE);
		}
	}
}

int emit_partition_dtbs(const char *dir, const char *board_dtb, const struct layout_spec *l, const struct board *b)
{
	size_t size = 0;
	void *board = read_dtb(board_dtb, &size), *fdt;
	int status = 0;

	if (board == NULL) {
		fprintf(stderr, "bulkhead: error: %s is not a readable device tree blob\n", board_dtb);
		return 1;
	}
	fdt = malloc(size + DTB_GROWTH);
	for (unsigned int i = 0; fdt != NULL && i < l->partition_count && status == 0; i++) {
		const struct partition_spec *p = &l->partitions[i];
		int err = fdt_open_into(board, fdt, (int)(size + DTB_GROWTH));

		if (err == 0) err = prune_devices(fdt, l, b, i);
		if (err == 0) err = remove_hypervisor_nodes(fdt, p);
		if (err == 0) err = dtb_drop_dangling_references(fdt);
		if (err == 0) err = set_cpus(fdt, p);
		if (err == 0) err = add_memory(fdt, p);
		if (err == 0) err = size_redistributors(fdt, b, p);
		if (err == 0) err = set_chosen(fdt, b, p);
		if (err == 0) err = add_event_log(fdt, l, p);
		if (err == 0) err = add_bulkhead_nodes(fdt, l, b, i);
		if (err == 0) err = dtb_set_pci(fdt, l, b, i);
		if (err == 0) err = fdt_pack(fdt);
		if (err == 0) zero_property_padding(fdt);
		if (err != 0) {
			fprintf(stderr, "bulkhead: error: building the device tree of '%s': %s\n", p->name,
				fdt_strerror(err));
			status = 1;
		} else {
			status = write_blob(dir, p->name, fdt);
		}
	}
	free(fdt);
	free(board);
	return status;
}
