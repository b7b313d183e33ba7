/*
 * The PCIe host at boot (pci_host.h): enumerate its buses, give every
 * present function to its owner (the layout's, else the root), size its
 * BARs and place them inside the owner's slice of the windows, all before
 * any partition runs; and, when a partition stops or restarts, take its
 * functions' DMA and decode away and put their BARs back.
 */
#include <format.h>
#include <layout.h>
#include <log.h>
#include <mmio.h>
#include <panic.h>
#include <partitions.h>
#include <pci_registers.h>
#include <pci_config.h>
#include <pci_host.h>
#include <vpci.h>

struct pci_function pci_functions[PCI_FUNCTIONS_MAX];
unsigned int pci_function_count;

static const struct layout_pci_host *host;

/* A part of a window BARs are placed in, lowest address first. */
struct window {
	const char *name;
	uint64_t base, size, next;
};

/* The root's functions share the root's parts of the windows. */
static struct window root_mmio, root_mmio64, root_io;

/* Linux keeps port I/O below 0x1000 for legacy devices (PCIBIOS_MIN_IO); so do we. */
#define IO_PLACEMENT_START 0x1000U

static const char *partition_name(unsigned int id)
{
	for (unsigned int i = 0; i < layout.partition_count; i++)
		if (layout.partitions[i].id == id)
			return layout.partitions[i].name;
	return "?";
}

static const struct layout_partition *root_partition(void)
{
	for (unsigned int i = 0; i < layout.partition_count; i++)
		if (layout.partitions[i].root)
			return &layout.partitions[i];
	return NULL;
}

static const struct layout_pci_function *layout_function(uint16_t rid)
{
	for (unsigned int i = 0; i < host->function_count; i++)
		if (host->functions[i].rid == rid)
			return &host->functions[i];
	return NULL;
}

void pci_function_describe(const struct pci_function *f, char *buffer, unsigned int size)
{
	if (f->name != NULL)
		format_buffer(buffer, size, "%s (%02x:%02x.%x)", f->name, PCI_RID_BUS(f->rid), PCI_RID_DEVICE(f->rid),
			      PCI_RID_FUNCTION(f->rid));
	else
		format_buffer(buffer, size, "%02x:%02x.%x", PCI_RID_BUS(f->rid), PCI_RID_DEVICE(f->rid),
			      PCI_RID_FUNCTION(f->rid));
}

struct pci_function *pci_function_of(uint16_t rid, unsigned int partition)
{
	for (unsigned int i = 0; i < pci_function_count; i++) {
		struct pci_function *f = &pci_functions[i];
		if (f->rid == rid)
			return f->assigned && f->owner == partition ? f : NULL;
	}
	return NULL;
}

/* The size mask a BAR register reads after all ones were written, the register restored after. */
static uint32_t probe_register(uint16_t rid, unsigned int offset)
{
	uint32_t original = pci_config_read(rid, offset, 4), mask;

	pci_config_write(rid, offset, 4, 0xffffffffU);
	mask = pci_config_read(rid, offset, 4);
	pci_config_write(rid, offset, 4, original);
	return mask;
}

/* Decode is off (the caller cleared the command register): sizing moves no live BAR. */
static void size_bars(struct pci_function *f)
{
	for (unsigned int i = 0; i < f->bar_count; i++) {
		unsigned int offset = PCI_BAR0 + 4 * i;
		uint32_t mask = probe_register(f->rid, offset);

		f->bar_mask[i] = mask;
		if (mask == 0) {
			f->bar_kind[i] = PCI_BAR_NONE;
		} else if (mask & PCI_BAR_IO) {
			uint32_t address_bits = mask & ~PCI_BAR_IO_FLAGS;
			/* A 16-bit decoder reads zeros above: those bits are not part of its size. */
			if ((address_bits >> 16) == 0)
				address_bits |= 0xffff0000U;
			f->bar_kind[i] = PCI_BAR_KIND_IO;
			f->bar_size[i] = (uint32_t)(~address_bits + 1);
		} else if ((mask & PCI_BAR_MEM_TYPE) == PCI_BAR_MEM_64 && i + 1 < f->bar_count) {
			uint32_t upper = probe_register(f->rid, offset + 4);
			uint64_t address_bits = (uint64_t)upper << 32 | (mask & ~PCI_BAR_MEM_FLAGS);
			f->bar_kind[i] = PCI_BAR_KIND_MEM64;
			f->bar_size[i] = ~address_bits + 1;
			f->bar_kind[i + 1] = PCI_BAR_KIND_UPPER;
			f->bar_mask[i + 1] = upper;
			i++;
		} else {
			f->bar_kind[i] = PCI_BAR_KIND_MEM32;
			f->bar_size[i] = (uint32_t)(~(mask & ~PCI_BAR_MEM_FLAGS) + 1);
		}
	}
}

static uint64_t pci_bar_flags(const struct pci_function *f, unsigned int i)
{
	return f->bar_mask[i] & (f->bar_kind[i] == PCI_BAR_KIND_IO ? PCI_BAR_IO_FLAGS : PCI_BAR_MEM_FLAGS);
}

/* Naturally aligned (BAR sizes are powers of two), inside the window; false if it does not fit. */
static bool allocate(struct window *w, uint64_t size, uint64_t *at)
{
	uint64_t start = (w->next + size - 1) & ~(size - 1);

	if (size == 0 || (size & (size - 1)) != 0 || start < w->next || start - w->base > w->size ||
	    size > w->size - (start - w->base))
		return false;
	*at = start;
	w->next = start + size;
	return true;
}

/* The capability chain, bounded (a chain can loop): MSI and MSI-X hidden, the rest kept in order. */
static void read_capabilities(struct pci_function *f)
{
	unsigned int offset;

	if (!(pci_config_read(f->rid, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return;
	offset = pci_config_read(f->rid, PCI_CAPABILITIES, 1) & 0xfc;
	for (unsigned int walked = 0; offset >= 0x40 && walked < 48; walked++) {
		unsigned int id = pci_config_read(f->rid, offset, 1);
		unsigned int next = pci_config_read(f->rid, offset + PCI_CAP_NEXT, 1) & 0xfc;

		if (id == PCI_CAP_ID_MSI || id == PCI_CAP_ID_MSIX) {
			unsigned int length = PCI_MSIX_SIZE;
			if (id == PCI_CAP_ID_MSI) {
				unsigned int flags = pci_config_read(f->rid, offset + PCI_MSI_FLAGS, 2);
				length = 10U + ((flags & PCI_MSI_FLAGS_64BIT) ? 4U : 0U) +
					 ((flags & PCI_MSI_FLAGS_MASKBIT) ? 10U : 0U);
			}
			if (f->hidden_cap_count < PCI_CAPS_MAX) {
				unsigned int end = offset + length;
				f->hidden_caps[f->hidden_cap_count++] = (struct pci_capability_range){
					.start = (uint8_t)offset,
					.end = (uint8_t)(end > 0xff ? 0xff : end) };
			}
		} else if (f->visible_cap_count < PCI_CAPS_MAX) {
			f->visible_caps[f->visible_cap_count++] = (uint8_t)offset;
			if (id == PCI_CAP_ID_EXP) {
				f->pcie_cap = (uint8_t)offset;
				f->flr = (pci_config_read(f->rid, offset + PCI_EXP_DEVCAP, 4) & PCI_EXP_DEVCAP_FLR) != 0;
			}
		}
		offset = next;
	}
}

static void write_bars(const struct pci_function *f)
{
	for (unsigned int i = 0; i < f->bar_count; i++)
		pci_config_write(f->rid, PCI_BAR0 + 4 * i, 4, f->bar_value[i]);
	/* No expansion ROM: partitions see none, and it must decode nowhere. */
	pci_config_write(f->rid, f->bridge ? PCI_ROM_TYPE1 : PCI_ROM_TYPE0, 4, 0);
}

static const char *const kind_names[] = {
	[PCI_BAR_KIND_MEM32] = "mem32", [PCI_BAR_KIND_MEM64] = "mem64", [PCI_BAR_KIND_IO] = "io",
};

/*
 * Places every BAR of f in its owner's slice, largest first so each is
 * aligned without gaps; false (and said) if one does not fit. The
 * function's line of the boot log is written into `placed`.
 */
static bool place_bars(struct pci_function *f, const struct layout_pci_function *lf, char *placed, size_t size)
{
	struct window mmio = { "32-bit", 0, 0, 0 }, mmio64 = { "64-bit", 0, 0, 0 }, *w32 = &root_mmio,
		      *w64 = &root_mmio64;
	bool done[PCI_BARS_MAX] = { false };
	size_t length = 0;
	char name[48];

	if (lf != NULL) {
		mmio = (struct window){ "32-bit", lf->mmio_base, lf->mmio_size, lf->mmio_base };
		mmio64 = (struct window){ "64-bit", lf->mmio64_base, lf->mmio64_size, lf->mmio64_base };
		w32 = &mmio;
		w64 = &mmio64;
	}
	/* A 64-bit BAR can hold a 32-bit address: without a 64-bit slice it goes in the 32-bit one. */
	if (w64->size == 0)
		w64 = w32;
	f->command_allowed = PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE;
	placed[0] = '\0';
	for (;;) {
		unsigned int best = PCI_BARS_MAX;
		uint64_t at = 0;
		struct window *w;

		for (unsigned int i = 0; i < f->bar_count; i++)
			if (!done[i] && (f->bar_kind[i] == PCI_BAR_KIND_MEM32 || f->bar_kind[i] == PCI_BAR_KIND_MEM64 ||
					 f->bar_kind[i] == PCI_BAR_KIND_IO) &&
			    (best == PCI_BARS_MAX || f->bar_size[i] > f->bar_size[best]))
				best = i;
		if (best == PCI_BARS_MAX)
			return true;
		done[best] = true;
		if (f->bar_kind[best] == PCI_BAR_KIND_IO && lf != NULL) {
			/* Port I/O is the root's alone: left unassigned, never decoded. */
			f->bar_value[best] = (uint32_t)pci_bar_flags(f, best);
			length += format_buffer(placed + length, size - length, " BAR%u io unassigned", best);
			continue;
		}
		w = f->bar_kind[best] == PCI_BAR_KIND_IO ? &root_io :
		    f->bar_kind[best] == PCI_BAR_KIND_MEM64 ? w64 : w32;
		if (!allocate(w, f->bar_size[best], &at) ||
		    (f->bar_kind[best] != PCI_BAR_KIND_MEM64 && at + f->bar_size[best] > 0x100000000ULL)) {
			pci_function_describe(f, name, sizeof(name));
			log_error("pci: function %s of partition %s: BAR%u (%s, %#llx bytes) does not fit its %s slice "
				  "%#llx+%#llx: kept from it", name, partition_name(f->owner), best,
				  kind_names[f->bar_kind[best]], (unsigned long long)f->bar_size[best], w->name,
				  (unsigned long long)w->base, (unsigned long long)w->size);
			return false;
		}
		f->bar_value[best] = (uint32_t)(at | pci_bar_flags(f, best));
		if (f->bar_kind[best] == PCI_BAR_KIND_MEM64)
			f->bar_value[best + 1] = (uint32_t)(at >> 32);
		f->command_allowed |= f->bar_kind[best] == PCI_BAR_KIND_IO ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
		length += format_buffer(placed + length, size - length, " BAR%u %s %#llx+%#llx", best,
					kind_names[f->bar_kind[best]], (unsigned long long)at,
					(unsigned long long)f->bar_size[best]);
	}
}

/* The layout gives a function an INTx pin: the device must raise that one. */
static bool pin_matches(const struct pci_function *f, const struct layout_pci_function *lf)
{
	unsigned int pin = pci_config_read(f->rid, PCI_INTERRUPT_PIN, 1);
	char name[48];

	if (pin == lf->intx_pin)
		return true;
	pci_function_describe(f, name, sizeof(name));
	log_error("pci: function %s of partition %s raises INTx pin %u, the layout expects %u: kept from it",
		  name, partition_name(lf->partition), pin, lf->intx_pin);
	return false;
}

static void track(uint16_t rid)
{
	const struct layout_pci_function *lf = layout_function(rid);
	const struct layout_partition *root = root_partition();
	struct pci_function *f;
	unsigned int header;
	char name[48], placed[160];

	/* No DMA and no decode until its owner asks, and none while its BARs are sized. */
	pci_config_write(rid, PCI_COMMAND, 2, 0);
	if (pci_function_count == PCI_FUNCTIONS_MAX) {
		log_error("pci: more than %u functions: %02x:%02x.%x kept from every partition", PCI_FUNCTIONS_MAX,
			  PCI_RID_BUS(rid), PCI_RID_DEVICE(rid), PCI_RID_FUNCTION(rid));
		return;
	}
	f = &pci_functions[pci_function_count++];
	header = pci_config_read(rid, PCI_HEADER_TYPE, 1) & PCI_HEADER_TYPE_MASK;
	*f = (struct pci_function){ .rid = rid, .bridge = header == PCI_HEADER_BRIDGE,
				    .bar_count = header == 0 ? PCI_BARS_TYPE0 : header == PCI_HEADER_BRIDGE ? PCI_BARS_TYPE1 : 0 };
	if (lf != NULL) {
		f->owner = lf->partition;
		f->name = lf->name;
		f->assigned = pin_matches(f, lf);
	} else if (root != NULL) {
		f->owner = root->id;
		f->assigned = true;
	}
	pci_function_describe(f, name, sizeof(name));
	if (!f->assigned) {
		if (root == NULL && lf == NULL)
			log_info("pci: %s: no partition has it (the layout has no root)", name);
		return;
	}
	if (header > PCI_HEADER_BRIDGE) {
		log_error("pci: function %s has header type %u, which the hypervisor does not place: kept from "
			  "partition %s", name, header, partition_name(f->owner));
		f->assigned = false;
		return;
	}
	size_bars(f);
	read_capabilities(f);
	if (!place_bars(f, lf, placed, sizeof(placed))) {
		f->assigned = false;
		return;
	}
	write_bars(f);
	log_info("pci: %s -> partition %s:%s%s", name, partition_name(f->owner), placed[0] ? placed : " no BARs",
		 f->hidden_cap_count ? " (MSI/MSI-X hidden: INTx only)" : "");
}

static void enumerate(void)
{
	for (unsigned int bus = 0; bus < host->bus_count; bus++) {
		for (unsigned int device = 0; device < 32; device++) {
			for (unsigned int function = 0; function < 8; function++) {
				uint16_t rid = (uint16_t)(bus << 8 | device << 3 | function);

				if ((pci_config_read(rid, PCI_VENDOR_ID, 2) & 0xffff) == 0xffff) {
					if (function == 0)
						break;
					continue;
				}
				track(rid);
				if (function == 0 && !(pci_config_read(rid, PCI_HEADER_TYPE, 1) & PCI_HEADER_MULTI))
					break;
			}
		}
	}
}

/* What the layout gives and the hardware does not have is said, by name. */
static void check_layout_functions_present(void)
{
	for (unsigned int i = 0; i < host->function_count; i++) {
		const struct layout_pci_function *lf = &host->functions[i];
		bool found = false;

		for (unsigned int j = 0; j < pci_function_count; j++)
			found |= pci_functions[j].rid == lf->rid;
		if (!found)
			log_error("pci: function %s (%02x:%02x.%x) of partition %s is not present: it does not have it",
				  lf->name, PCI_RID_BUS(lf->rid), PCI_RID_DEVICE(lf->rid), PCI_RID_FUNCTION(lf->rid),
				  partition_name(lf->partition));
	}
}

/* The standard swizzle on bus 0: slot s, pin p (1 = INTA) raises intx_intids[(s + p - 1) % 4]. */
static void warn_shared_intx(void)
{
	for (unsigned int i = 0; i < pci_function_count; i++) {
		const struct pci_function *f = &pci_functions[i];
		unsigned int pin;
		uint16_t intid;
		char name[48];

		if (!f->assigned || f->name != NULL || PCI_RID_BUS(f->rid) != 0)
			continue;
		pin = pci_config_read(f->rid, PCI_INTERRUPT_PIN, 1);
		if (pin < 1 || pin > 4)
			continue;
		intid = host->intx_intids[(PCI_RID_DEVICE(f->rid) + pin - 1) % 4];
		for (unsigned int j = 0; j < host->function_count; j++) {
			const struct layout_pci_function *lf = &host->functions[j];
			if (lf->intx_intid != intid || lf->partition == f->owner)
				continue;
			pci_function_describe(f, name, sizeof(name));
			log_warn("pci: root function %s raises INTx line %u, which belongs to partition %s (%s): "
				 "the root gets no interrupts from it", name, intid, partition_name(lf->partition), lf->name);
			break;
		}
	}
}

static void register_emulated_ecams(void)
{
	for (unsigned int i = 0; i < partition_table_count; i++) {
		struct partition *p = &partition_table[i];
		struct mmio_region ecam = { .base = p->layout->pci_ecam_ipa,
					    .size = (uint64_t)host->bus_count * PCI_ECAM_BUS_SIZE, .handle = vpci_mmio,
					    .device = p, .name = "PCI config space" };

		if (p->layout->pci_ecam_ipa == 0)
			continue;
		if (!mmio_register(&p->mmio, &ecam))
			panic("partition %s: too many emulated devices for its PCI config space", p->name);
	}
}

void pci_host_init(void)
{
	host = layout.pci_host;
	if (host == NULL)
		return;
	if (!pci_config_attach(host->ecam_base, host->bus_count))
		panic("pci: cannot map %s's config space at %#llx (%u buses) for the hypervisor", host->name,
		      (unsigned long long)host->ecam_base, host->bus_count);
	root_mmio = (struct window){ "32-bit", host->root_mmio_base, host->root_mmio_size, host->root_mmio_base };
	root_mmio64 = (struct window){ "64-bit", host->root_mmio64_base, host->root_mmio64_size, host->root_mmio64_base };
	root_io = (struct window){ "I/O", 0, host->io_size, IO_PLACEMENT_START };
	enumerate();
	check_layout_functions_present();
	warn_shared_intx();
	register_emulated_ecams();
	log_info("pci: %s: %u function%s on %u bus%s, BARs placed; its config space is emulated for each partition, "
		 "mapped into none", host->name, pci_function_count, pci_function_count == 1 ? "" : "s",
		 host->bus_count, host->bus_count == 1 ? "" : "es");
}

/* The function after `after` (NULL: the first) that is p's, or NULL. */
static struct pci_function *next_owned(const struct partition *p, struct pci_function *after)
{
	for (struct pci_function *f = after == NULL ? pci_functions : after + 1; f < pci_functions + pci_function_count; f++)
		if (f->assigned && f->owner == p->id)
			return f;
	return NULL;
}

bool pci_partition_quiesce(struct partition *p)
{
	bool resetting = false;

	for (struct pci_function *f = NULL; (f = next_owned(p, f)) != NULL;) {
		spin_lock(&f->lock);
		pci_config_write(f->rid, PCI_COMMAND, 2, 0);
		if (f->flr) {
			unsigned int control = pci_config_read(f->rid, f->pcie_cap + PCI_EXP_DEVCTL, 2);
			pci_config_write(f->rid, f->pcie_cap + PCI_EXP_DEVCTL, 2, control | PCI_EXP_DEVCTL_FLR);
			resetting = true;
		}
		spin_unlock(&f->lock);
	}
	return resetting;
}

void pci_partition_reset_finish(struct partition *p)
{
	unsigned int count = 0;

	for (struct pci_function *f = NULL; (f = next_owned(p, f)) != NULL;) {
		spin_lock(&f->lock);
		/* A reset function comes back with its BARs cleared; one that was not is put back anyway. */
		pci_config_write(f->rid, PCI_COMMAND, 2, 0);
		write_bars(f);
		f->sizing = 0;
		f->refusal_logged = false;
		spin_unlock(&f->lock);
		count++;
	}
	vpci_partition_reset(p);
	if (count > 0)
		log_info("pci: partition %s: %u function%s quiesced (bus master and decode off, reset where it offers "
			 "FLR), BARs placed again", p->name, count, count == 1 ? "" : "s");
}
