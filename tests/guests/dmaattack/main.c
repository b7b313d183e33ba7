/*
 * dmaattack: the root partition attacks through a PCIe device's DMA.
 * QEMU's `edu` device copies between its own 4 KiB buffer and memory on
 * command; this guest finds it on bus 0 of the config space the
 * hypervisor emulates for it, uses BAR0 where the hypervisor placed it,
 * and tries what the emulation must refuse (docs/pci.md): moving BAR0
 * onto the GIC (dropped: it reads as placed and the device still answers
 * there), an MSI capability (none in the chain: INTx only), an extended
 * capability (none), a function it does not have (all ones); it sizes
 * BAR0 as any OS does, and turns bus master off (a transfer goes nowhere)
 * and on again. Then it has the device
 *   (a) copy a pattern from its own RAM to elsewhere in its own RAM: it
 *       lands there, at that physical address (the root is identity-mapped),
 *       and nowhere around it;
 *   (b) read the hypervisor's code into its buffer and write the buffer
 *       into its own RAM: nothing of the hypervisor's arrives (the SMMU
 *       aborts the read; QEMU's device then holds zeros);
 *   (c) write the pattern over the first 2 KiB of the victim's code (its
 *       vectors and console)
 *   (d) read the measurement log, which the root may read but not write:
 *       the device gets what the CPU reads there;
 *   (e) write the pattern over that log: it stays as it was (the SMMU
 *       sees the read-only mapping the CPU sees).: the
 *       victim must keep beating (tests/core/dma-attack.sh checks).
 * The addresses are those of tests/layouts/dma-attack.yaml. Without the
 * SMMU (b) and (c) succeed, and (b) fails here.
 *
 * Given `dma=owner` (tests/layouts/dma-owner.yaml) it is instead a
 * non-root partition given edu (00:02.0) by `pci:`, whose RAM at guest-physical
 * 0x40000000 is elsewhere in physical memory: the device, programmed with
 * guest-physical addresses as any driver would, must reach them there (a)
 * — the SMMU translates as stage 2 does — and then a transfer to an
 * address it has nothing at faults, and its `stop` policy stops it before
 * it can say it survived.
 */
#include <guest.h>

#define ECAM			0x4010000000UL
#define PCIE_WINDOW		0x10000000UL	/* pcie-mmio: BAR0 is placed inside it */
#define PCIE_WINDOW_SIZE	0x2eff0000UL
#define GIC_DISTRIBUTOR		0x08000000UL	/* where a moved BAR0 would shadow the GIC */
#define EDU_BAR_SIZE		0x100000UL
#define EDU_VENDOR_DEVICE	0x11e81234U
#define HYPERVISOR_TEXT		0x40081000UL	/* bulkhead's code, past _start's page */
#define VICTIM_RAM		0x44000000UL	/* the victim's image starts here */
/* In this partition's RAM: as the root at 0x48000000, else at guest-physical 0x40000000, 16M. */
#define ROOT_RAM		0x48000000UL
#define OWNER_RAM		0x40000000UL
#define OUTSIDE_OWNER_RAM	0x48000000UL	/* nothing there in the owner's guest-physical map */
static uintptr_t own_ram = ROOT_RAM;
#define OWN_SOURCE		(own_ram + 0x800000UL)
#define OWN_TARGET		(own_ram + 0x900000UL)
#define OWN_LANDING		(own_ram + 0xa00000UL)
/* tests/layouts/dma-attack.yaml's channel "private", between victim and
 * peer: the root is no end of it (dma-attack.sh checks the tables put it here). */
#define PRIVATE_CHANNEL		0x45000000UL
#define EVENT_LOG		0x43ff0000UL	/* the last 64K of the hypervisor's memory: read-only to the root */

#define EDU_ID			0x00
#define EDU_DMA_SOURCE		0x80
#define EDU_DMA_DEST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define EDU_DMA_RUN		1U
#define EDU_DMA_TO_RAM		2U	/* else from RAM into the buffer */
#define EDU_BUFFER		0x40000UL	/* the device's buffer, in its own DMA space */
/* QEMU 7.2's edu refuses (aborts QEMU on) a transfer that ends at its buffer's end: use half of it. */
#define TRANSFER		0x800UL

#define PCI_COMMAND		0x04
#define PCI_COMMAND_MEMORY	(1U << 1)
#define PCI_COMMAND_MASTER	(1U << 2)
#define PCI_STATUS		0x06
#define PCI_STATUS_CAP_LIST	(1U << 4)
#define PCI_BAR0		0x10
#define PCI_CAPABILITIES	0x34
#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_MSIX		0x11
#define PCI_EXTENDED		0x100

#define GUARD			0x1000UL	/* bytes checked on each side of a landing */
#define PATTERN(i)		(0x5afe000000000000ULL | (i))

static volatile uint32_t *config(unsigned int device, unsigned int offset)
{
	return (volatile uint32_t *)(ECAM + ((uintptr_t)device << 15) + offset);
}

static uintptr_t edu;
static unsigned int edu_device;

static volatile uint64_t *edu_reg(uintptr_t offset)
{
	return (volatile uint64_t *)(edu + offset);
}

/*
 * A restart must have reset the device (the hypervisor quiesces it before
 * reloading this partition): bus master off, whatever the run before did.
 */
static bool find_edu(void)
{
	for (unsigned int device = 0; device < 32; device++) {
		uint32_t command;

		if (*config(device, 0) != EDU_VENDOR_DEVICE)
			continue;
		edu_device = device;
		command = *config(device, PCI_COMMAND) & 0xffff;
		check(!(command & PCI_COMMAND_MASTER), "pci-master-off-at-start", "command reads %#x: bus master on", command);
		edu = *config(device, PCI_BAR0) & ~0xfUL;
		*config(device, PCI_COMMAND) = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
		console_printf("edu at 00:%02x.0, BAR0 %#lx (placed by the hypervisor)\n", device, (unsigned long)edu);
		return true;
	}
	return false;
}

/* What the emulated config space must refuse or hide. */
static void config_space_checks(void)
{
	volatile uint32_t *bar0 = config(edu_device, PCI_BAR0);
	uint32_t placed = *bar0, mask, id, offset, found = 0, walked = 0;
	volatile uint8_t *bytes = (volatile uint8_t *)config(edu_device, 0);
	volatile uint16_t *halves = (volatile uint16_t *)config(edu_device, 0);

	check(edu >= PCIE_WINDOW && edu + EDU_BAR_SIZE <= PCIE_WINDOW + PCIE_WINDOW_SIZE, "pci-bar-placed",
	      "BAR0 reads %#x, outside the host's window", placed);
	*bar0 = 0xffffffffU;
	mask = *bar0;
	*bar0 = placed;
	check(mask == (uint32_t)~(EDU_BAR_SIZE - 1) && *bar0 == placed, "pci-bar-sizing",
	      "sizing read %#x, then %#x (placed %#x)", mask, *bar0, placed);

	*bar0 = (uint32_t)GIC_DISTRIBUTOR;
	id = *(volatile uint32_t *)(edu + EDU_ID);
	check(*bar0 == placed && id >> 16 == 0x0100, "pci-bar-move-refused",
	      "after moving BAR0 to %#lx it reads %#x (placed %#x), the device at its place reads %#x",
	      GIC_DISTRIBUTOR, *bar0, placed, id);

	check(halves[0] == 0x1234 && halves[1] == 0x11e8 && bytes[2] == 0xe8 && bytes[3] == 0x11, "pci-widths",
	      "16-bit reads %#x %#x, 8-bit reads %#x %#x", halves[0], halves[1], bytes[2], bytes[3]);

	/* edu has an MSI capability: it must not be in the chain. */
	offset = (*config(edu_device, PCI_STATUS) >> 16) & PCI_STATUS_CAP_LIST ? *config(edu_device, PCI_CAPABILITIES) & 0xfc : 0;
	for (; offset >= 0x40 && walked < 48; walked++) {
		uint32_t header = *config(edu_device, offset);
		if ((header & 0xff) == PCI_CAP_ID_MSI || (header & 0xff) == PCI_CAP_ID_MSIX)
			found++;
		offset = (header >> 8) & 0xfc;
	}
	check(found == 0 && *config(edu_device, PCI_EXTENDED) == 0, "pci-no-msi",
	      "%u MSI or MSI-X capabilities in the chain, extended space reads %#x", found, *config(edu_device, PCI_EXTENDED));
}

/* Its functions only: the host bridge (00:00.0) is the root's; a write to it goes nowhere. */
static void foreign_function_hidden(void)
{
	uint32_t before = *config(0, 0);

	*config(0, PCI_COMMAND) = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	check(before == 0xffffffffU && *config(0, PCI_COMMAND) == 0xffffffffU, "pci-foreign-all-ones",
	      "00:00.0 reads %#x", before);
}

/* One transfer; false if the device never finished it. */
static bool dma(uint64_t source, uint64_t dest, uint64_t count, uint64_t direction)
{
	uint64_t give_up = counter_read() + counter_frequency() * 2;

	*edu_reg(EDU_DMA_SOURCE) = source;
	*edu_reg(EDU_DMA_DEST) = dest;
	*edu_reg(EDU_DMA_COUNT) = count;
	*edu_reg(EDU_DMA_CMD) = EDU_DMA_RUN | direction;
	while (*edu_reg(EDU_DMA_CMD) & EDU_DMA_RUN) {
		if (counter_read() > give_up)
			return false;
	}
	return true;
}

static void fill(uintptr_t at, uint64_t size, uint64_t (*value)(uint64_t))
{
	for (uint64_t i = 0; i < size / 8; i++)
		((volatile uint64_t *)at)[i] = value(i);
}

static uint64_t pattern(uint64_t i) { return PATTERN(i); }
static uint64_t poison(uint64_t i) { return 0xdeaddeaddeaddeadULL ^ i; }

/* (a) */
static void own_to_own(void)
{
	uint64_t wrong = 0;

	fill(OWN_SOURCE, TRANSFER, pattern);
	fill(OWN_TARGET - GUARD, TRANSFER + 2 * GUARD, poison);
	check(dma(OWN_SOURCE, EDU_BUFFER, TRANSFER, 0) &&
	      dma(EDU_BUFFER, OWN_TARGET, TRANSFER, EDU_DMA_TO_RAM), "dma-own-ran", "the device did not finish");
	for (uint64_t i = 0; i < TRANSFER / 8; i++)
		wrong += ((volatile uint64_t *)OWN_TARGET)[i] != PATTERN(i);
	for (uint64_t i = 0; i < GUARD / 8; i++) {
		wrong += ((volatile uint64_t *)(OWN_TARGET - GUARD))[i] != poison(i);
		wrong += ((volatile uint64_t *)(OWN_TARGET + TRANSFER))[i] != poison(i + (GUARD + TRANSFER) / 8);
	}
	check(wrong == 0, "dma-own-lands", "%llu of %lu words wrong at or around %#lx", (unsigned long long)wrong,
	      (TRANSFER + 2 * GUARD) / 8, OWN_TARGET);
}

/* Bus master off: a transfer reaches no memory; on again, it does. */
static void bus_master_cleared_then_set(void)
{
	uint64_t arrived = 0;

	fill(OWN_SOURCE, TRANSFER, pattern);
	dma(OWN_SOURCE, EDU_BUFFER, TRANSFER, 0);
	fill(OWN_TARGET, TRANSFER, poison);
	*config(edu_device, PCI_COMMAND) = PCI_COMMAND_MEMORY;
	dma(EDU_BUFFER, OWN_TARGET, TRANSFER, EDU_DMA_TO_RAM);
	for (uint64_t i = 0; i < TRANSFER / 8; i++)
		arrived += ((volatile uint64_t *)OWN_TARGET)[i] == PATTERN(i);
	check(arrived == 0 && !(*config(edu_device, PCI_COMMAND) & PCI_COMMAND_MASTER), "pci-master-off-no-dma",
	      "%llu of %lu words arrived with bus master off", (unsigned long long)arrived, TRANSFER / 8);
	*config(edu_device, PCI_COMMAND) = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
}

/* (b): the buffer holds the pattern from (a); a refused read leaves it that or zeros. */
static void hypervisor_to_own(void)
{
	uint64_t foreign = 0;

	fill(OWN_LANDING, TRANSFER, poison);
	dma(HYPERVISOR_TEXT, EDU_BUFFER, TRANSFER, 0);
	check(dma(EDU_BUFFER, OWN_LANDING, TRANSFER, EDU_DMA_TO_RAM), "dma-hypervisor-ran",
	      "the device did not finish");
	for (uint64_t i = 0; i < TRANSFER / 8; i++) {
		uint64_t word = ((volatile uint64_t *)OWN_LANDING)[i];
		foreign += word != 0 && word != PATTERN(i);
	}
	check(foreign == 0, "dma-hypervisor-blocked", "%llu of %lu words of the hypervisor's code reached %#lx",
	      (unsigned long long)foreign, TRANSFER / 8, OWN_LANDING);
}

/* (c): the victim sees it, or not: the test reads its heartbeat afterwards. */
static void own_to_victim(void)
{
	fill(OWN_SOURCE, TRANSFER, pattern);
	check(dma(OWN_SOURCE, EDU_BUFFER, TRANSFER, 0) &&
	      dma(EDU_BUFFER, VICTIM_RAM, TRANSFER, EDU_DMA_TO_RAM), "dma-victim-ran", "the device did not finish");
	console_printf("wrote the victim's code through the device\n");
}

/* (f): a channel the root is no end of, written and read through the device: both aborted (the test reads the SMMU's fault lines). */
static void channel_unreachable(void)
{
	fill(OWN_SOURCE, TRANSFER, pattern);
	check(dma(OWN_SOURCE, EDU_BUFFER, TRANSFER, 0) &&
	      dma(EDU_BUFFER, PRIVATE_CHANNEL, TRANSFER, EDU_DMA_TO_RAM), "dma-channel-write-ran", "the device did not finish");
	check(dma(PRIVATE_CHANNEL, EDU_BUFFER, TRANSFER, 0), "dma-channel-read-ran", "the device did not finish");
}

static uint64_t event_log_copy[TRANSFER / 8];

/* (d) */
static void read_only_readable(void)
{
	uint64_t differ = 0, nonzero = 0;

	fill(OWN_LANDING, TRANSFER, poison);
	check(dma(EVENT_LOG, EDU_BUFFER, TRANSFER, 0) && dma(EDU_BUFFER, OWN_LANDING, TRANSFER, EDU_DMA_TO_RAM),
	      "dma-log-ran", "the device did not finish");
	for (uint64_t i = 0; i < TRANSFER / 8; i++) {
		event_log_copy[i] = ((volatile uint64_t *)EVENT_LOG)[i];
		differ += ((volatile uint64_t *)OWN_LANDING)[i] != event_log_copy[i];
		nonzero += event_log_copy[i] != 0;
	}
	check(differ == 0 && nonzero > 0, "dma-log-readable", "%llu of %lu words differ from what the CPU reads (%llu nonzero)",
	      (unsigned long long)differ, TRANSFER / 8, (unsigned long long)nonzero);
}

/* (e) */
static void read_only_not_writable(void)
{
	uint64_t changed = 0;

	fill(OWN_SOURCE, TRANSFER, pattern);
	check(dma(OWN_SOURCE, EDU_BUFFER, TRANSFER, 0) && dma(EDU_BUFFER, EVENT_LOG, TRANSFER, EDU_DMA_TO_RAM),
	      "dma-log-write-ran", "the device did not finish");
	for (uint64_t i = 0; i < TRANSFER / 8; i++)
		changed += ((volatile uint64_t *)EVENT_LOG)[i] != event_log_copy[i];
	check(changed == 0, "dma-log-unchanged", "%llu of %lu words of the read-only log were written",
	      (unsigned long long)changed, TRANSFER / 8);
}

/* The non-root owner of edu (00:02.0): (a), then a fault its policy stops it for. */
static _Noreturn void as_owner(void)
{
	foreign_function_hidden();
	bus_master_cleared_then_set();
	own_to_own();
	fill(OWN_SOURCE, TRANSFER, pattern);
	dma(OWN_SOURCE, EDU_BUFFER, TRANSFER, 0);
	console_printf("sending the device outside its memory\n");
	dma(EDU_BUFFER, OUTSIDE_OWNER_RAM, TRANSFER, EDU_DMA_TO_RAM);
	delay_ticks(counter_frequency() / 5);
	fail("dma-owner-taken", "still running after its device faulted: its fault policy did not apply");
	done();
}

void guest_main(uint64_t dtb)
{
	char role[8];
	bool owner = bootargs_value(dtb, "dma=", role, sizeof(role));

	if (owner)
		own_ram = OWNER_RAM;
	if (!find_edu()) {
		fail("dma-edu-found", "no edu device on bus 0 (QEMU needs -device edu)");
		done();
	}
	check(*(volatile uint32_t *)(edu + EDU_ID) >> 16 == 0x0100, "dma-edu-found", "BAR0 reads %#x",
	      *(volatile uint32_t *)(edu + EDU_ID));
	config_space_checks();
	if (owner)
		as_owner();
	bus_master_cleared_then_set();
	own_to_own();
	hypervisor_to_own();
	own_to_victim();
	channel_unreachable();
	read_only_readable();
	read_only_not_writable();
	/* Time for the victim to beat, or not, after (c). */
	delay_ticks(counter_frequency() / 2);
	done();
}
