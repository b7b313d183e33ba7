/*
 * A partition's emulated config space (vpci.h). The hypervisor placed
 * every BAR at boot inside the owner's slice; nothing a partition writes
 * here can move one, enable an MSI, reset a function behind the
 * hypervisor's back, or reach a function it does not have.
 *
 * Concurrency: two vCPUs of a partition may access one function at once.
 * Each access holds that function's lock for its whole read-modify-write
 * (the command register, a BAR's sizing state), so accesses to a function
 * are one at a time; and a write is applied only while the partition runs,
 * checked under the lock, so a vCPU still on its way out cannot enable bus
 * master again after a stop or restart cleared it (pci_partition_quiesce
 * takes the same lock).
 */
#include <log.h>
#include <partitions.h>
#include <pci_registers.h>
#include <pci_config.h>
#include <pci_host.h>
#include <vpci.h>

/* Per partition (its index in partition_table): a write to a function it does not have was logged this run. */
static bool foreign_logged[CONFIG_MAX_PARTITIONS];

static uint32_t width_mask(unsigned int width)
{
	return width == 4 ? 0xffffffffU : (1U << (8 * width)) - 1;
}

static bool in_hidden_capability(const struct pci_function *f, unsigned int offset)
{
	for (unsigned int i = 0; i < f->hidden_cap_count; i++)
		if (offset >= f->hidden_caps[i].start && offset < f->hidden_caps[i].end)
			return true;
	return false;
}

static bool is_bar(const struct pci_function *f, unsigned int dword, unsigned int *index)
{
	if (dword < PCI_BAR0 || dword >= PCI_BAR0 + 4U * f->bar_count)
		return false;
	*index = (dword - PCI_BAR0) / 4;
	return true;
}

static unsigned int rom_register(const struct pci_function *f)
{
	return f->bridge ? PCI_ROM_TYPE1 : PCI_ROM_TYPE0;
}

/* The capability after the visible one at `offset`, or 0. */
static uint8_t next_visible(const struct pci_function *f, unsigned int offset)
{
	for (unsigned int i = 0; i + 1 < f->visible_cap_count; i++)
		if (f->visible_caps[i] == offset)
			return f->visible_caps[i + 1];
	return 0;
}

static bool is_visible_capability(const struct pci_function *f, unsigned int offset)
{
	for (unsigned int i = 0; i < f->visible_cap_count; i++)
		if (f->visible_caps[i] == offset)
			return true;
	return false;
}

/* The aligned dword at `dword` as the partition sees it. */
static uint32_t view_dword(const struct pci_function *f, unsigned int dword)
{
	unsigned int bar;
	uint32_t value;

	/* Extended capabilities hidden: offset 0x100 reads as an empty list. */
	if (dword >= PCI_CONFIG_LEGACY_SIZE)
		return 0;
	if (is_bar(f, dword, &bar))
		return (f->sizing & (1U << bar)) ? f->bar_mask[bar] : f->bar_value[bar];
	if (dword == rom_register(f))
		return 0;
	value = pci_config_read(f->rid, dword, 4);
	for (unsigned int byte = 0; byte < 4; byte++)
		if (in_hidden_capability(f, dword + byte))
			value &= ~(0xffU << (8 * byte));
	if (dword == PCI_COMMAND && f->visible_cap_count == 0)
		value &= ~((uint32_t)PCI_STATUS_CAP_LIST << 16);
	if (dword == PCI_CAPABILITIES)
		value = (value & ~0xffU) | (f->visible_cap_count ? f->visible_caps[0] : 0);
	if (is_visible_capability(f, dword))
		value = (value & ~0xff00U) | (uint32_t)next_visible(f, dword) << 8;
	return value;
}

uint32_t vpci_read(const struct pci_function *f, unsigned int offset, unsigned int width)
{
	return (view_dword(f, offset & ~3U) >> (8 * (offset & 3))) & width_mask(width);
}

static void refuse(struct partition *p, struct pci_function *f, unsigned int offset, unsigned int width,
		   uint32_t value, const char *why)
{
	char name[48];

	if (f->refusal_logged)
		return;
	f->refusal_logged = true;
	pci_function_describe(f, name, sizeof(name));
	log_warn("pci: partition %s wrote %#x (%u byte%s) at config offset %#x of %s: dropped (%s); further dropped "
		 "writes to it are not logged this run", p->name, value, width, width == 1 ? "" : "s", offset, name, why);
}

/* `old` with the bytes `enables` (bit n: byte n) taken from `written`. */
static uint32_t merge(uint32_t old, uint32_t written, unsigned int enables)
{
	uint32_t lanes = 0;

	for (unsigned int byte = 0; byte < 4; byte++)
		if (enables & (1U << byte))
			lanes |= 0xffU << (8 * byte);
	return (old & ~lanes) | (written & lanes);
}

static void write_command_status(struct partition *p, struct pci_function *f, uint32_t written, unsigned int enables,
				 unsigned int offset, unsigned int width, uint32_t value)
{
	if (enables & 0x3) {
		uint32_t old = pci_config_read(f->rid, PCI_COMMAND, 2);
		uint32_t wanted = merge(old, written, enables & 0x3) & 0xffff;

		pci_config_write(f->rid, PCI_COMMAND, 2, (wanted & f->command_allowed) | (old & ~f->command_allowed));
		if ((wanted ^ old) & ~(uint32_t)f->command_allowed)
			refuse(p, f, offset, width, value, "a command bit it may not change");
	}
	/* Status bits clear where one is written; unwritten bytes write zeros, which clear nothing. */
	if (enables & 0xc)
		pci_config_write(f->rid, PCI_STATUS, 2, (merge(0, written, enables & 0xc) >> 16) & PCI_STATUS_W1C);
}

/*
 * The sizing cycle (all ones, then the value back) and the placed value
 * itself are the only BAR writes: the hardware BAR never changes, the
 * emulated one reads the size mask in between.
 */
static void write_bar(struct partition *p, struct pci_function *f, unsigned int bar, uint32_t written,
		      unsigned int enables, unsigned int offset, unsigned int width, uint32_t value)
{
	uint32_t proposed = merge(view_dword(f, PCI_BAR0 + 4 * bar), written, enables);
	uint32_t address_bits;

	switch (f->bar_kind[bar]) {
	case PCI_BAR_KIND_IO: address_bits = ~(uint32_t)PCI_BAR_IO_FLAGS; break;
	case PCI_BAR_KIND_UPPER: address_bits = 0xffffffffU; break;
	case PCI_BAR_KIND_MEM32:
	case PCI_BAR_KIND_MEM64: address_bits = ~(uint32_t)PCI_BAR_MEM_FLAGS; break;
	default: return;	/* unimplemented: reads 0 whatever is written */
	}
	f->sizing &= (uint8_t)~(1U << bar);
	if ((proposed & address_bits) == address_bits)
		f->sizing |= (uint8_t)(1U << bar);
	else if ((proposed & address_bits) != (f->bar_value[bar] & address_bits))
		refuse(p, f, offset, width, value, "a BAR moved: it stays where the hypervisor placed it");
}

void vpci_write(struct partition *p, struct pci_function *f, unsigned int offset, unsigned int width, uint32_t value)
{
	unsigned int dword = offset & ~3U, shift = 8 * (offset & 3), bar;
	unsigned int enables = ((1U << width) - 1) << (offset & 3);
	uint32_t written = (value & width_mask(width)) << shift;

	if (__atomic_load_n(&p->state, __ATOMIC_ACQUIRE) != PARTITION_RUNNING)
		return;
	if (dword >= PCI_CONFIG_LEGACY_SIZE) {
		refuse(p, f, offset, width, value, "extended capabilities are hidden");
	} else if (dword == PCI_COMMAND) {
		write_command_status(p, f, written, enables, offset, width, value);
	} else if (dword == PCI_CACHE_LINE_SIZE) {
		/* Cache line size and latency timer; the header type is read-only; BIST would start a self-test. */
		if (enables & 1)
			pci_config_write(f->rid, PCI_CACHE_LINE_SIZE, 1, written & 0xff);
		if (enables & 2)
			pci_config_write(f->rid, PCI_LATENCY_TIMER, 1, (written >> 8) & 0xff);
		if ((enables & 8) && (written >> 24) & PCI_BIST_START)
			refuse(p, f, offset, width, value, "BIST");
	} else if (is_bar(f, dword, &bar)) {
		write_bar(p, f, bar, written, enables, offset, width, value);
	} else if (dword == rom_register(f)) {
		/* No ROM: the sizing cycle reads 0, nothing to refuse. */
	} else if (dword == PCI_INTERRUPT_LINE && !f->bridge) {
		/* The interrupt line is a scratch byte for software; pin and the rest are read-only. */
		if (enables & 1)
			pci_config_write(f->rid, PCI_INTERRUPT_LINE, 1, written & 0xff);
	} else {
		refuse(p, f, offset, width, value,
		       in_hidden_capability(f, offset) ? "MSI and MSI-X are hidden: INTx only" : "not writable by partitions");
	}
}

void vpci_partition_reset(struct partition *p)
{
	unsigned int slot = (unsigned int)(p - partition_table);

	if (slot < CONFIG_MAX_PARTITIONS)
		foreign_logged[slot] = false;
}

static void refuse_foreign(struct partition *p, uint16_t rid, unsigned int offset)
{
	unsigned int slot = (unsigned int)(p - partition_table);

	/* Two vCPUs at once: one of them logs. */
	if (slot >= CONFIG_MAX_PARTITIONS || __atomic_exchange_n(&foreign_logged[slot], true, __ATOMIC_RELAXED))
		return;
	log_warn("pci: partition %s wrote config offset %#x of %02x:%02x.%x, which it does not have: dropped; further "
		 "such writes are not logged this run", p->name, offset, PCI_RID_BUS(rid), PCI_RID_DEVICE(rid),
		 PCI_RID_FUNCTION(rid));
}

enum mmio_result vpci_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access)
{
	struct partition *p = device;
	uint16_t rid = (uint16_t)(access->offset / PCI_CONFIG_SIZE);
	unsigned int offset = (unsigned int)(access->offset % PCI_CONFIG_SIZE);
	struct pci_function *f;

	(void)vcpu;
	/* Config accesses are at most 4 bytes, naturally aligned (PCIe). */
	if (access->width > 4 || offset % access->width != 0)
		return MMIO_FAULT;
	f = pci_function_of(rid, p->id);
	if (f == NULL) {
		/* Absent, as far as it can tell: reads all ones. */
		if (access->write)
			refuse_foreign(p, rid, offset);
		else
			access->value = width_mask(access->width);
		return MMIO_HANDLED;
	}
	spin_lock(&f->lock);
	if (access->write)
		vpci_write(p, f, offset, access->width, (uint32_t)access->value);
	else
		access->value = vpci_read(f, offset, access->width);
	spin_unlock(&f->lock);
	return MMIO_HANDLED;
}
