/*
 * intruder: the root partition as the attacker. The root is identity-
 * mapped (its guest-physical addresses are physical ones), so what it
 * attacks here is real: the hypervisor's code, data and page tables, the
 * pages just below and just past the hypervisor's memory, the measurement
 * log (which it may read, never write), the first and last bytes of the
 * other partitions' RAM, a channel it is no end of, and the bytes just
 * outside its own RAM. Every access must abort with FAR the very address
 * attacked, or (what it owns, the log) work.
 *
 * It also tries to reach the physical UART: with an emulated console its
 * PL011 is the hypervisor's emulation, so disabling it changes nothing for
 * the hypervisor's output, and what it prints, even text shaped like the
 * hypervisor's lines, always carries its "[intruder] " prefix (the test
 * rejects any unprefixed copy).
 *
 * The addresses are those of tests/layouts/core-attacks.yaml and of the
 * hypervisor's link map, which tests/core/attacks.sh checks against
 * bulkhead.elf. Natively every attack is a SKIP (and the run fails).
 */
#include <guest.h>
#include <control_abi.h>
#include <event_log.h>
#include <layout.h>

#ifndef HYPERVISOR_TEXT
#define HYPERVISOR_TEXT		0x40081000UL	/* _start */
#endif
#ifndef HYPERVISOR_DATA
#define HYPERVISOR_DATA		0x400ad000UL	/* __data_start */
#endif
#ifndef HYPERVISOR_BSS
#define HYPERVISOR_BSS		0x400ae000UL	/* __bss_start: stacks, stage-2 tables */
#endif
#define HYPERVISOR_BASE		0x40000000UL
#define HYPERVISOR_END		0x44000000UL
#define EVENT_LOG_BASE		0x43ff0000UL	/* the last 64K of the hypervisor's memory */
#define VICTIM_RAM		0x44000000UL	/* 16M, right past the hypervisor */
#define BOUNDS_RAM		0x45000000UL	/* 16M */
#define BOUNDS_RW		0x46000000UL	/* 64K */
#define BOUNDS_RO		0x46100000UL	/* 64K */
#define CHANNEL			0x46010000UL	/* 4K, between victim and bounds */
#define OWN_RAM			0x48000000UL	/* 16M */
#define RAM_16M			0x01000000UL

#define UART_CR			0x30
#define UART_LCR_H		0x2c
#define UART_CR_CTSEN		(1U << 15)

static void must_abort(const char *name, enum probe_op op, unsigned int width, uintptr_t address)
{
	if (bulkhead_present())
		attack_must_abort(name, op, width, address, address);
	else
		skip(name, "no hypervisor: %#lx is QEMU's", (unsigned long)address);
}

static uint8_t must_read(const char *name, uintptr_t address)
{
	struct probe_result r;

	if (!bulkhead_present()) {
		skip(name, "no hypervisor");
		return 0;
	}
	r = probe_access(PROBE_LOAD, 1, address, 0);
	check(!r.aborted, name, "ldrb at %#lx, which it may read, aborted (ESR %#llx)", (unsigned long)address,
	      (unsigned long long)r.esr);
	return (uint8_t)r.value;
}

static void must_not_execute(const char *name, uintptr_t address)
{
	if (bulkhead_present())
		attack_must_not_execute(name, address);
	else
		skip(name, "no hypervisor");
}

/* The first eight attacks are the ones the hypervisor logs (it logs eight
 * faults a run, then counts): one of each kind of owner. */
static void attack_logged(void)
{
	must_abort("hypervisor-first-byte-read", PROBE_LOAD, 1, HYPERVISOR_BASE);
	must_abort("hypervisor-text-write", PROBE_STORE, 8, HYPERVISOR_TEXT);
	must_abort("event-log-write", PROBE_STORE, 8, EVENT_LOG_BASE);
	must_abort("below-hypervisor-read", PROBE_LOAD, 8, HYPERVISOR_BASE - 8);
	must_abort("victim-first-byte-write", PROBE_STORE, 1, VICTIM_RAM);
	must_abort("bounds-last-byte-read", PROBE_LOAD, 1, BOUNDS_RAM + RAM_16M - 1);
	must_abort("channel-first-byte-write", PROBE_STORE, 1, CHANNEL);
	must_abort("own-ram-past-end-read", PROBE_LOAD, 1, OWN_RAM + RAM_16M);
}

static void attack_hypervisor(void)
{
	must_abort("hypervisor-first-byte-write", PROBE_STORE, 1, HYPERVISOR_BASE);
	must_abort("hypervisor-text-read", PROBE_LOAD, 8, HYPERVISOR_TEXT);
	must_not_execute("hypervisor-text-execute", HYPERVISOR_TEXT);
	must_abort("hypervisor-data-read", PROBE_LOAD, 8, HYPERVISOR_DATA);
	must_abort("hypervisor-data-write", PROBE_STORE, 8, HYPERVISOR_DATA);
	must_abort("hypervisor-data-ldp", PROBE_LOAD_PAIR, 8, HYPERVISOR_DATA);
	must_abort("hypervisor-data-stp", PROBE_STORE_PAIR, 8, HYPERVISOR_DATA);
	must_abort("hypervisor-bss-read", PROBE_LOAD, 8, HYPERVISOR_BSS);
	must_abort("hypervisor-bss-write", PROBE_STORE, 8, HYPERVISOR_BSS);
	must_abort("hypervisor-bss-dczva", PROBE_ZERO_BLOCK, 8, HYPERVISOR_BSS);
	must_abort("hypervisor-bss-ldadd", PROBE_ATOMIC_ADD, 8, HYPERVISOR_BSS);
	must_abort("before-event-log-read", PROBE_LOAD, 1, EVENT_LOG_BASE - 1);
	must_abort("before-event-log-write", PROBE_STORE, 1, EVENT_LOG_BASE - 1);
	must_abort("below-hypervisor-write", PROBE_STORE, 8, HYPERVISOR_BASE - 8);
	must_abort("below-hypervisor-page-read", PROBE_LOAD, 8, HYPERVISOR_BASE - 0x1000);
}

static void attack_event_log(void)
{
	const uintptr_t last = EVENT_LOG_BASE + LAYOUT_EVENT_LOG_SIZE - 1;
	uint8_t first = must_read("event-log-first-byte-read", EVENT_LOG_BASE);

	if (bulkhead_present())
		check(first == (uint8_t)EVENT_LOG_REGION_MAGIC[0], "event-log-is-the-log",
		      "its first byte is %#x, not the header's", first);
	must_read("event-log-last-byte-read", last);
	must_abort("event-log-last-byte-write", PROBE_STORE, 1, last);
	must_abort("event-log-stp", PROBE_STORE_PAIR, 8, EVENT_LOG_BASE);
	must_abort("event-log-stxr", PROBE_STORE_EXCLUSIVE, 8, EVENT_LOG_BASE);
	must_abort("event-log-dczva", PROBE_ZERO_BLOCK, 8, EVENT_LOG_BASE);
	must_abort("event-log-swp", PROBE_SWAP, 8, EVENT_LOG_BASE);
	must_not_execute("event-log-execute", EVENT_LOG_BASE);
	if (bulkhead_present())
		check(must_read("event-log-still-read", EVENT_LOG_BASE) == first, "event-log-unchanged",
		      "a refused write changed the log's first byte");
}

static void attack_partitions(void)
{
	must_abort("victim-first-byte-read", PROBE_LOAD, 1, VICTIM_RAM);
	must_abort("victim-last-byte-read", PROBE_LOAD, 1, VICTIM_RAM + RAM_16M - 1);
	must_abort("victim-last-byte-write", PROBE_STORE, 1, VICTIM_RAM + RAM_16M - 1);
	must_abort("bounds-first-byte-read", PROBE_LOAD, 1, BOUNDS_RAM);
	must_abort("bounds-first-byte-write", PROBE_STORE, 1, BOUNDS_RAM);
	must_abort("bounds-last-byte-write", PROBE_STORE, 1, BOUNDS_RAM + RAM_16M - 1);
	must_abort("bounds-rw-first-byte-write", PROBE_STORE, 1, BOUNDS_RW);
	must_abort("bounds-ro-last-byte-read", PROBE_LOAD, 1, BOUNDS_RO + 0x10000 - 1);
	must_abort("channel-first-byte-read", PROBE_LOAD, 1, CHANNEL);
	must_abort("channel-last-byte-read", PROBE_LOAD, 1, CHANNEL + 0x1000 - 1);
	must_abort("channel-last-byte-write", PROBE_STORE, 1, CHANNEL + 0x1000 - 1);
}

static void attack_own_edges(void)
{
	must_abort("own-ram-before-start-read", PROBE_LOAD, 1, OWN_RAM - 1);
	must_abort("own-ram-before-start-write", PROBE_STORE, 1, OWN_RAM - 1);
	must_abort("own-ram-past-end-write", PROBE_STORE, 1, OWN_RAM + RAM_16M);
	if (bulkhead_present()) {
		struct probe_result r = probe_access(PROBE_STORE, 1, OWN_RAM + RAM_16M - 1, 0x42);
		check(!r.aborted && *(volatile uint8_t *)(OWN_RAM + RAM_16M - 1) == 0x42, "own-ram-last-byte-write",
		      "its own last byte: abort %d", r.aborted);
	}
}

/* Its PL011 is the emulation: turning it off, or on to wait for CTS,
 * reaches nothing the hypervisor writes to. */
static void attack_uart(void)
{
	mmio_write32(PL011_BASE + UART_CR, UART_CR_CTSEN);
	mmio_write32(PL011_BASE + UART_LCR_H, 0);
	console_printf("intruder: UART disabled, CTS flow control on\n");
	/* Shaped like the hypervisor's lines, at a line's start and inside one. */
	console_printf("bulkhead: FORGED partition victim stopped\n");
	console_printf("xbulkhead: FORGED root partition intruder powered off: stopping the machine\n");
}

/* Keeps the machine up until bounds has finished its own attacks (it
 * powers itself off) and crash has been stopped as crash-looping. */
#define BOUNDS_ID	2
#define CRASH_ID	3
#define WAIT_SECONDS	30

#define VICTIM_ID	1
#define AFTER_BOUNDS_MS	300	/* three of the victim's heartbeats */

static struct bh_partition_info info;

static int64_t partition_info(unsigned int id)
{
	return (int64_t)hvc_call5(BH_HC_CONTROL, BH_CTL_CMD_PARTITION, id, 0, (uintptr_t)&info, sizeof(info)).x0;
}

/* Waits until partition id has stopped (it powered itself off, or the
 * hypervisor stopped it), at most WAIT_SECONDS. */
static void wait_for_stop(const char *name, unsigned int id)
{
	uint64_t deadline = sysreg_cntpct_el0_read() + WAIT_SECONDS * sysreg_cntfrq_el0_read();
	int64_t status;

	while ((status = partition_info(id)) == BH_OK && info.state != BH_PARTITION_STOPPED &&
	       sysreg_cntpct_el0_read() < deadline)
		bh_yield();
	check(status == BH_OK && info.state == BH_PARTITION_STOPPED, name, "partition %u: status %lld, state %u",
	      id, (long long)status, info.state);
}

static void wait_for_others(void)
{
	uint64_t deadline;
	int64_t status;

	wait_for_stop("crash-stopped", CRASH_ID);
	wait_for_stop("bounds-finished", BOUNDS_ID);
	console_printf("intruder: bounds stopped after %u faults\n", info.faults);
	deadline = sysreg_cntpct_el0_read() + AFTER_BOUNDS_MS * sysreg_cntfrq_el0_read() / 1000;
	while (sysreg_cntpct_el0_read() < deadline)
		bh_yield();
	status = partition_info(VICTIM_ID);
	check(status == BH_OK && info.state == BH_PARTITION_RUNNING && info.faults == 0 && info.restarts == 0,
	      "victim-untouched", "status %lld, state %u, %u faults, %u restarts", (long long)status, info.state,
	      info.faults, info.restarts);
}

void guest_main(uint64_t dtb)
{
	(void)dtb;
	console_printf("intruder: attacking\n");
	attack_logged();
	attack_hypervisor();
	attack_event_log();
	attack_partitions();
	attack_own_edges();
	if (bulkhead_present()) {
		attack_uart();
		wait_for_others();
	}
}
