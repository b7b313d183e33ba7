// tests: core/vpci.c core/drivers/pci_host.c core/mmio.c core/lib/format.c
// defines: -DCONFIG_MAX_PARTITIONS=8 -DCONFIG_MAX_VCPUS=16 -DCONFIG_LOG_LEVEL=3
/*
 * The PCIe host at boot and the config space each partition sees
 * (core/drivers/pci_host.c, core/vpci.c), against a fake ECAM that
 * behaves as hardware does: BARs keep only their address bits and read
 * their size mask after all ones, a Function Level Reset clears the
 * command register and the BARs. Checked: placement in the owner's slice
 * (64-bit BARs in the 64-bit one, I/O only for the root), a function whose
 * pin or BARs do not match its layout kept from its partition, the sizing
 * cycle (hardware BAR untouched), a BAR move refused and logged once, MSI
 * and MSI-X left out of the capability chain and their bodies reading 0,
 * extended capabilities hidden, writes outside the allowed registers
 * dropped (an FLR through Device Control, an MSI enable), 1/2/4-byte
 * accesses, 8-byte and misaligned ones refused, a foreign function all
 * ones, a stopped partition's write dropped, and the quiesce and reset of
 * a restart.
 */
#include "unit.h"

#include <layout.h>
#include <partitions.h>
#include <pci_registers.h>
#include <pci_config.h>
#include <pci_host.h>
#include <vpci.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- the fake hardware ---- */

struct fake_function {
	uint16_t rid;
	uint8_t config[PCI_CONFIG_SIZE];
	uint32_t bar_writable[PCI_BARS_MAX];	/* address bits of each BAR register */
	unsigned int resets;			/* FLRs taken */
};

static struct fake_function fakes[5];
static unsigned int fake_count;

static struct fake_function *fake(uint16_t rid)
{
	for (unsigned int i = 0; i < fake_count; i++)
		if (fakes[i].rid == rid)
			return &fakes[i];
	return NULL;
}

static uint32_t get(const struct fake_function *f, unsigned int offset, unsigned int width)
{
	uint32_t v = 0;

	for (unsigned int i = 0; i < width; i++)
		v |= (uint32_t)f->config[offset + i] << (8 * i);
	return v;
}

static void put(struct fake_function *f, unsigned int offset, unsigned int width, uint32_t value)
{
	for (unsigned int i = 0; i < width; i++)
		f->config[offset + i] = (uint8_t)(value >> (8 * i));
}

bool pci_config_attach(uint64_t base, unsigned int bus_count)
{
	return base == 0x4010000000ULL && bus_count == 1;
}

uint32_t pci_config_read(uint16_t rid, unsigned int offset, unsigned int width)
{
	struct fake_function *f = fake(rid);

	CHECK(offset % width == 0 && width <= 4);
	return f == NULL ? (width == 4 ? 0xffffffffU : (1U << (8 * width)) - 1) : get(f, offset, width);
}

static unsigned int fake_bar(unsigned int offset)
{
	return offset >= PCI_BAR0 && offset < PCI_BAR0 + 4 * PCI_BARS_MAX ? (offset - PCI_BAR0) / 4 : PCI_BARS_MAX;
}

void pci_config_write(uint16_t rid, unsigned int offset, unsigned int width, uint32_t value)
{
	struct fake_function *f = fake(rid);
	unsigned int bar = fake_bar(offset);

	CHECK(f != NULL && offset % width == 0);
	if (f == NULL)
		return;
	if (bar < PCI_BARS_MAX) {
		uint32_t flags = get(f, offset, 4) & ~f->bar_writable[bar];
		CHECK(width == 4);
		put(f, offset, 4, (value & f->bar_writable[bar]) | flags);
		return;
	}
	if (offset == 0x70 + PCI_EXP_DEVCTL && (value & PCI_EXP_DEVCTL_FLR)) {
		f->resets++;
		put(f, PCI_COMMAND, 2, 0);
		for (unsigned int i = 0; i < PCI_BARS_MAX; i++)
			put(f, PCI_BAR0 + 4 * i, 4, get(f, PCI_BAR0 + 4 * i, 4) & ~f->bar_writable[i]);
		return;
	}
	if (offset == PCI_STATUS) {
		put(f, PCI_STATUS, 2, get(f, PCI_STATUS, 2) & ~(value & PCI_STATUS_W1C));
		return;
	}
	put(f, offset, width, value);
}

static struct fake_function *add_fake(uint16_t rid, uint32_t id)
{
	struct fake_function *f = &fakes[fake_count++];

	f->rid = rid;
	put(f, PCI_VENDOR_ID, 4, id);
	return f;
}

static void fake_bar_set(struct fake_function *f, unsigned int bar, uint32_t writable, uint32_t flags)
{
	f->bar_writable[bar] = writable;
	put(f, PCI_BAR0 + 4 * bar, 4, flags);
}

/* 00:03.0 "disk": BAR0 mem32 16K, BAR2+3 mem64 prefetchable 1M, BAR4 io 32 bytes, pin A,
 * capabilities PM 0x40 -> MSI 0x50 (64-bit) -> PCIe 0x70 (FLR) -> MSI-X 0x80; AER at 0x100. */
static void make_disk(void)
{
	struct fake_function *f = add_fake(0x18, 0x10421af4);

	fake_bar_set(f, 0, ~0x3fffU, 0);
	fake_bar_set(f, 2, ~0xfffffU, PCI_BAR_MEM_64 | PCI_BAR_PREFETCH);
	fake_bar_set(f, 3, 0xffffffffU, 0);
	fake_bar_set(f, 4, ~0x1fU, PCI_BAR_IO);
	put(f, PCI_INTERRUPT_PIN, 1, 1);
	put(f, PCI_STATUS, 2, PCI_STATUS_CAP_LIST | 0x8000);	/* and a parity error to clear */
	put(f, PCI_CAPABILITIES, 1, 0x40);
	put(f, 0x40, 2, 0x5001);
	put(f, 0x50, 2, 0x7000 | PCI_CAP_ID_MSI);
	put(f, 0x52, 2, PCI_MSI_FLAGS_64BIT);
	put(f, 0x54, 4, 0xfee00000);
	put(f, 0x70, 2, 0x8000 | PCI_CAP_ID_EXP);
	put(f, 0x70 + PCI_EXP_DEVCAP, 4, PCI_EXP_DEVCAP_FLR);
	put(f, 0x80, 2, PCI_CAP_ID_MSIX);
	put(f, 0x100, 4, 0x00010001);
}

/* 00:01.0, the root's: BAR0 mem32 4K, BAR1 io 32; MSI-X its only capability. 00:00.0: the host bridge. */
static void make_root_functions(void)
{
	struct fake_function *f;

	add_fake(0x00, 0x00081b36);
	put(&fakes[0], PCI_HEADER_TYPE, 1, 0);
	f = add_fake(0x08, 0x10001af4);
	fake_bar_set(f, 0, ~0xfffU, 0);
	fake_bar_set(f, 1, ~0x1fU, PCI_BAR_IO);
	put(f, PCI_INTERRUPT_PIN, 1, 1);
	put(f, PCI_STATUS, 2, PCI_STATUS_CAP_LIST);
	put(f, PCI_CAPABILITIES, 1, 0x40);
	put(f, 0x40, 2, PCI_CAP_ID_MSIX);
}

/* 00:04.0 raises pin B where the layout expects A; 00:05.0's BAR0 (64K) exceeds its 16K slice. */
static void make_mismatched(void)
{
	struct fake_function *f = add_fake(0x20, 0x11e81234);

	fake_bar_set(f, 0, ~0xfffffU, 0);
	put(f, PCI_INTERRUPT_PIN, 1, 2);
	f = add_fake(0x28, 0x11e81234);
	fake_bar_set(f, 0, ~0xffffU, 0);
	put(f, PCI_INTERRUPT_PIN, 1, 1);
}

/* ---- the layout and the hypervisor's surroundings ---- */

static const struct layout_pci_function functions[] = {
	{ .name = "disk", .rid = 0x18, .partition = 1, .intx_pin = 1, .intx_intid = 36,
	  .mmio_base = 0x10000000, .mmio_size = 0x100000, .mmio64_base = 0x8000000000, .mmio64_size = 0x200000 },
	{ .name = "wrongpin", .rid = 0x20, .partition = 1, .intx_pin = 1, .intx_intid = 37,
	  .mmio_base = 0x10100000, .mmio_size = 0x100000 },
	{ .name = "toobig", .rid = 0x28, .partition = 1, .intx_pin = 1, .intx_intid = 38,
	  .mmio_base = 0x10200000, .mmio_size = 0x4000 },
};
static const struct layout_pci_host host = {
	.name = "pcie-ecam", .ecam_base = 0x4010000000, .bus_count = 1,
	.mmio_base = 0x10000000, .mmio_size = 0x2eff0000, .mmio64_base = 0x8000000000, .mmio64_size = 0x8000000000,
	.io_base = 0x3eff0000, .io_size = 0x10000, .root_mmio_base = 0x10300000, .root_mmio_size = 0x1000000,
	.root_mmio64_base = 0x8000200000, .root_mmio64_size = 0x100000000,
	.intx_intids = { 35, 36, 37, 38 }, .functions = functions, .function_count = 3,
};
static const struct layout_partition layout_partitions[] = {
	{ .name = "root", .id = 0, .root = true, .pci_ecam_ipa = 0x4010000000 },
	{ .name = "guest", .id = 1, .pci_ecam_ipa = 0x4010000000 },
};
const struct layout layout = { .partitions = layout_partitions, .partition_count = 2, .pci_host = &host };

struct partition partition_table[CONFIG_MAX_PARTITIONS];
unsigned int partition_table_count;

_Noreturn void panic(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	abort();
}

static char logged[32][320];
static unsigned int lines;

void log_message(int level, const char *fmt, ...)
{
	va_list args;

	(void)level;
	va_start(args, fmt);
	if (lines < 32)
		vsnprintf(logged[lines], sizeof(logged[0]), fmt, args);
	va_end(args);
	lines++;
}

static unsigned int logged_count(const char *part)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < lines && i < 32; i++)
		n += strstr(logged[i], part) != NULL;
	return n;
}

static struct partition *root = &partition_table[0], *guest = &partition_table[1];

static uint32_t guest_read(uint16_t rid, unsigned int offset, unsigned int width)
{
	struct mmio_access a = { .offset = (uint64_t)rid * PCI_CONFIG_SIZE + offset, .width = width };

	CHECK(vpci_mmio(NULL, guest, &a) == MMIO_HANDLED);
	return (uint32_t)a.value;
}

static void guest_write(uint16_t rid, unsigned int offset, unsigned int width, uint32_t value)
{
	struct mmio_access a = { .offset = (uint64_t)rid * PCI_CONFIG_SIZE + offset, .width = width, .write = true,
				 .value = value };

	CHECK(vpci_mmio(NULL, guest, &a) == MMIO_HANDLED);
}

/* ---- the checks ---- */

static void boot_placement(void)
{
	struct fake_function *disk = fake(0x18), *rootfn = fake(0x08);

	pci_host_init();
	CHECK(pci_function_count == 5);
	/* Largest first, naturally aligned, in the disk's own slices. */
	CHECK(get(disk, PCI_BAR0 + 8, 4) == (0x0 | PCI_BAR_MEM_64 | PCI_BAR_PREFETCH) && get(disk, PCI_BAR0 + 12, 4) == 0x80);
	CHECK(get(disk, PCI_BAR0, 4) == 0x10000000);
	/* Port I/O is the root's: the disk's is left unassigned, and its owner may not decode it. */
	CHECK(get(disk, PCI_BAR0 + 16, 4) == PCI_BAR_IO);
	CHECK(pci_function_of(0x18, 1) != NULL && !(pci_function_of(0x18, 1)->command_allowed & PCI_COMMAND_IO));
	CHECK(get(rootfn, PCI_BAR0, 4) == 0x10300000 && get(rootfn, PCI_BAR0 + 4, 4) == (0x1000 | PCI_BAR_IO));
	CHECK(pci_function_of(0x08, 0) != NULL && pci_function_of(0x08, 1) == NULL && pci_function_of(0x00, 0) != NULL);
	CHECK(logged_count("pci: disk (00:03.0) -> partition guest: BAR2 mem64 0x8000000000+0x100000 BAR0 mem32 "
			   "0x10000000+0x4000 BAR4 io unassigned (MSI/MSI-X hidden: INTx only)") == 1);
	/* Kept from their partition, with the reason. */
	CHECK(pci_function_of(0x20, 1) == NULL && pci_function_of(0x28, 1) == NULL);
	CHECK(logged_count("pci: function wrongpin (00:04.0) of partition guest raises INTx pin 2, the layout expects 1: "
			   "kept from it") == 1);
	CHECK(logged_count("pci: function toobig (00:05.0) of partition guest: BAR0 (mem32, 0x10000 bytes) does not "
			   "fit its 32-bit slice 0x10200000+0x4000: kept from it") == 1);
	/* The root's 00:01.0 on slot 1 pin A raises 36, the disk's line. */
	CHECK(logged_count("pci: root function 00:01.0 raises INTx line 36, which belongs to partition guest (disk)") == 1);
	/* Decode and bus master off for everyone until an owner asks. */
	CHECK(get(disk, PCI_COMMAND, 2) == 0 && get(fake(0x20), PCI_COMMAND, 2) == 0);
	CHECK(guest->mmio.count == 1 && guest->mmio.regions[0].base == 0x4010000000 &&
	      guest->mmio.regions[0].size == PCI_ECAM_BUS_SIZE);
}

static void bar_sizing_and_moves(void)
{
	struct fake_function *disk = fake(0x18);
	unsigned int before = lines;

	CHECK(guest_read(0x18, PCI_BAR0, 4) == 0x10000000);
	guest_write(0x18, PCI_BAR0, 4, 0xffffffff);
	CHECK(guest_read(0x18, PCI_BAR0, 4) == 0xffffc000);
	CHECK(get(disk, PCI_BAR0, 4) == 0x10000000);	/* the hardware BAR never moved */
	guest_write(0x18, PCI_BAR0, 4, 0x10000000);
	CHECK(guest_read(0x18, PCI_BAR0, 4) == 0x10000000);
	/* The upper half of the 64-bit BAR: all ones, then back. */
	guest_write(0x18, PCI_BAR0 + 12, 4, 0xffffffff);
	CHECK(guest_read(0x18, PCI_BAR0 + 12, 4) == 0xffffffff);
	guest_write(0x18, PCI_BAR0 + 12, 4, 0x80);
	CHECK(guest_read(0x18, PCI_BAR0 + 12, 4) == 0x80 && lines == before);

	/* Moved onto something else: refused, logged once, reads as placed. */
	guest_write(0x18, PCI_BAR0, 4, 0x08000000);
	CHECK(get(disk, PCI_BAR0, 4) == 0x10000000 && guest_read(0x18, PCI_BAR0, 4) == 0x10000000);
	CHECK(logged_count("pci: partition guest wrote 0x8000000 (4 bytes) at config offset 0x10 of disk (00:03.0): "
			   "dropped (a BAR moved: it stays where the hypervisor placed it)") == 1);
	guest_write(0x18, PCI_BAR0 + 12, 4, 0x1);
	CHECK(get(disk, PCI_BAR0 + 12, 4) == 0x80 && guest_read(0x18, PCI_BAR0 + 12, 4) == 0x80);
	CHECK(lines == before + 1);
	/* A byte of the BAR: judged as the whole register it makes. */
	guest_write(0x18, PCI_BAR0 + 3, 1, 0x20);
	CHECK(guest_read(0x18, PCI_BAR0, 4) == 0x10000000 && get(disk, PCI_BAR0, 4) == 0x10000000);
	/* The expansion ROM: none, whatever is written. */
	guest_write(0x18, PCI_ROM_TYPE0, 4, 0xfffff800);
	CHECK(guest_read(0x18, PCI_ROM_TYPE0, 4) == 0);
}

static void capabilities(void)
{
	CHECK(guest_read(0x18, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST);
	CHECK(guest_read(0x18, PCI_CAPABILITIES, 1) == 0x40);
	CHECK(guest_read(0x18, 0x40, 1) == 0x01 && guest_read(0x18, 0x41, 1) == 0x70);
	CHECK(guest_read(0x18, 0x70, 1) == PCI_CAP_ID_EXP && guest_read(0x18, 0x71, 1) == 0);
	CHECK(guest_read(0x18, 0x40, 4) == 0x7001);
	/* The hidden capabilities' bodies read 0, wherever the guest looks. */
	CHECK(guest_read(0x18, 0x50, 4) == 0 && guest_read(0x18, 0x54, 4) == 0 && guest_read(0x18, 0x80, 2) == 0);
	CHECK(guest_read(0x18, 0x100, 4) == 0 && guest_read(0x18, 0xffc, 4) == 0);
	/* A function whose only capability is MSI-X says it has none. */
	CHECK(!(vpci_read(pci_function_of(0x08, 0), PCI_STATUS, 2) & PCI_STATUS_CAP_LIST) &&
	      vpci_read(pci_function_of(0x08, 0), PCI_CAPABILITIES, 1) == 0);
}

static void writes(void)
{
	struct fake_function *disk = fake(0x18);
	struct pci_function *f = pci_function_of(0x18, 1);

	/* One byte of command: memory decode and bus master. */
	guest_write(0x18, PCI_COMMAND, 1, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	CHECK(get(disk, PCI_COMMAND, 2) == (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER));
	CHECK(guest_read(0x18, PCI_COMMAND, 2) == (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER));
	/* Status is write-one-to-clear, through a 16-bit write; command unchanged by it. */
	guest_write(0x18, PCI_STATUS, 2, 0x8000);
	CHECK(!(get(disk, PCI_STATUS, 2) & 0x8000) && get(disk, PCI_COMMAND, 2) == (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER));
	/* I/O decode is not its to enable (its I/O BAR is unassigned): the rest of the write applies. */
	f->refusal_logged = false;
	guest_write(0x18, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE);
	CHECK(get(disk, PCI_COMMAND, 2) == (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE));
	CHECK(logged_count("at config offset 0x4 of disk (00:03.0): dropped (a command bit it may not change)") == 1);
	/* Cache line size, latency timer, interrupt line: through. */
	guest_write(0x18, PCI_CACHE_LINE_SIZE, 2, 0x4010);
	guest_write(0x18, PCI_INTERRUPT_LINE, 1, 0x24);
	CHECK(get(disk, PCI_CACHE_LINE_SIZE, 2) == 0x4010 && get(disk, PCI_INTERRUPT_LINE, 1) == 0x24);
	/* An FLR behind the hypervisor's back, an MSI enable, a vendor id: dropped. */
	f->refusal_logged = false;
	guest_write(0x18, 0x70 + PCI_EXP_DEVCTL, 2, PCI_EXP_DEVCTL_FLR);
	CHECK(disk->resets == 0 && get(disk, PCI_COMMAND, 2) != 0);
	CHECK(logged_count("at config offset 0x78 of disk (00:03.0): dropped (not writable by partitions)") == 1);
	f->refusal_logged = false;
	guest_write(0x18, 0x52, 2, 1);
	CHECK(get(disk, 0x52, 2) == PCI_MSI_FLAGS_64BIT);
	CHECK(logged_count("at config offset 0x52 of disk (00:03.0): dropped (MSI and MSI-X are hidden: INTx only)") == 1);
	guest_write(0x18, PCI_VENDOR_ID, 4, 0);
	guest_write(0x18, 0x100, 4, 0);
	CHECK(get(disk, PCI_VENDOR_ID, 4) == 0x10421af4 && get(disk, 0x100, 4) == 0x00010001);
}

static void widths_and_foreign(void)
{
	struct mmio_access wide = { .offset = 0x18 * PCI_CONFIG_SIZE, .width = 8 };
	struct mmio_access misaligned = { .offset = 0x18 * PCI_CONFIG_SIZE + 2, .width = 4 };
	struct fake_function *rootfn = fake(0x08);

	CHECK(guest_read(0x18, 0, 1) == 0xf4 && guest_read(0x18, 1, 1) == 0x1a && guest_read(0x18, 2, 2) == 0x1042);
	CHECK(guest_read(0x18, 0, 4) == 0x10421af4);
	CHECK(vpci_mmio(NULL, guest, &wide) == MMIO_FAULT && vpci_mmio(NULL, guest, &misaligned) == MMIO_FAULT);
	/* The root's function, the kept ones, an absent one: all ones to the guest, and writes go nowhere. */
	CHECK(guest_read(0x08, 0, 4) == 0xffffffff && guest_read(0x08, 0, 2) == 0xffff && guest_read(0x20, 0, 1) == 0xff);
	CHECK(guest_read(0x30, 0, 4) == 0xffffffff);
	guest_write(0x08, PCI_COMMAND, 2, PCI_COMMAND_MASTER);
	guest_write(0x08, PCI_BAR0, 4, 0x20000000);
	CHECK(get(rootfn, PCI_COMMAND, 2) == 0 && get(rootfn, PCI_BAR0, 4) == 0x10300000);
	CHECK(logged_count("pci: partition guest wrote config offset 0x4 of 00:01.0, which it does not have") == 1);
	/* The root sees its own and the host bridge. */
	CHECK(vpci_read(pci_function_of(0x00, 0), 0, 4) == 0x00081b36);
}

static void stop_and_restart(void)
{
	struct fake_function *disk = fake(0x18);
	struct pci_function *f = pci_function_of(0x18, 1);
	unsigned int before;

	guest_write(0x18, PCI_BAR0, 4, 0xffffffff);	/* a sizing cycle left open */
	guest->state = PARTITION_STOPPED;
	/* A vCPU still on its way out writes nothing after the stop. */
	guest_write(0x18, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	CHECK(pci_partition_quiesce(guest));
	CHECK(get(disk, PCI_COMMAND, 2) == 0 && disk->resets == 1 && get(disk, PCI_BAR0, 4) == 0);
	guest_write(0x18, PCI_COMMAND, 2, PCI_COMMAND_MASTER);
	CHECK(get(disk, PCI_COMMAND, 2) == 0);
	/* The root's functions are not the guest's to reset. */
	CHECK(fake(0x08)->resets == 0 && get(fake(0x08), PCI_BAR0, 4) == 0x10300000);
	pci_partition_reset_finish(guest);
	CHECK(get(disk, PCI_BAR0, 4) == 0x10000000 && get(disk, PCI_BAR0 + 12, 4) == 0x80 && get(disk, PCI_COMMAND, 2) == 0);
	CHECK(f->sizing == 0 && !f->refusal_logged);
	guest->state = PARTITION_RUNNING;
	CHECK(guest_read(0x18, PCI_BAR0, 4) == 0x10000000);
	/* A new run: its first refused write is logged again. */
	before = logged_count("dropped (a BAR moved");
	guest_write(0x18, PCI_BAR0, 4, 0x08000000);
	CHECK(logged_count("dropped (a BAR moved") == before + 1);
	CHECK(logged_count("pci: partition guest: 1 function quiesced") == 1);
	(void)root;
}

int main(void)
{
	make_root_functions();
	make_disk();
	make_mismatched();
	for (unsigned int i = 0; i < layout.partition_count; i++)
		partition_table[i] = (struct partition){ .id = layout_partitions[i].id, .name = layout_partitions[i].name,
							 .is_root = layout_partitions[i].root, .layout = &layout_partitions[i],
							 .state = PARTITION_RUNNING };
	partition_table_count = layout.partition_count;
	boot_placement();
	bar_sizing_and_moves();
	capabilities();
	writes();
	widths_and_foreign();
	stop_and_restart();
	for (unsigned int i = 0; unit_failures && i < lines && i < 32; i++)
		fprintf(stderr, "log: %s\n", logged[i]);
	return unit_finish("unit-vpci");
}
