/*
 * bounds: a partition attacking the edges of what it was given, where an
 * off-by-one in the hypervisor's stage-2 tables or the compiler's region
 * ends would let an access through. For each of its regions, with every
 * way an instruction reaches memory (loads and stores of 1, 2, 4 and 8
 * bytes, load/store pair, exclusives, LSE atomics, DC ZVA): the last
 * bytes inside must work (writes only where it may write), the first
 * byte past the end and the last before the start must abort, and so must
 * a pair or (its MMU is on, RAM Normal memory) an unaligned access
 * straddling the end, and a stage-1 table walk through memory it has not
 * or through an emulated device's page. Then the emulated devices (console, virtual
 * GIC) with the accesses the hypervisor cannot decode (ESR ISV=0), which
 * it must refuse rather than emulate as something else, and execution
 * of memory it may not execute.
 *
 * Every abort must be the hypervisor's injected one (a data or
 * instruction abort) with FAR the very address attacked: an abort at
 * another address would mean the access went elsewhere first. Natively
 * there is nothing to attack, so the guest says SKIP and fails (DONE
 * with nothing passed).
 *
 * The regions (guest-physical) are those of tests/layouts/core-attacks.yaml.
 */
#include <guest.h>
#include <format.h>

#define RAM_BASE	0x60000000UL	/* 16M rwx: the image, stacks, device tree */
#define RAM_SIZE	0x01000000UL
#define RW_BASE		0x61100000UL	/* 64K rw */
#define RW_SIZE		0x00010000UL
#define RO_BASE		0x61200000UL	/* 64K r */
#define RO_SIZE		0x00010000UL
#define CHANNEL_BASE	0x61300000UL	/* the channel "private", its read-only end */
#define CHANNEL_SIZE	0x00001000UL

#define CONSOLE_BASE	0x09000000UL	/* the emulated PL011 */
#define GICD_IPA	0x08000000UL	/* the virtual distributor */
#define DOORBELL_IPA	0x0b001000UL	/* the channel's doorbell page (emulated) */

#define PATTERN		0x5a5a5a5a5a5a5a5aUL
#define BYTES_CHECKED	256U

static const unsigned int plain_widths[] = { 1, 2, 4, 8 };

static uint64_t sum_of(uintptr_t base, unsigned int bytes)
{
	uint64_t sum = 0;

	for (unsigned int i = 0; i < bytes; i++)
		sum = sum * 31 + *(volatile uint8_t *)(base + i);
	return sum;
}

static void attack_abort(const char *region, const char *where, enum probe_op op, unsigned int width,
			 uintptr_t address, uintptr_t far)
{
	char name[64];

	format_buffer(name, sizeof(name), "%s-%s-%s", region, where, probe_name(op, width));
	attack_must_abort(name, op, width, address, far);
}

/* The access right inside the end: allowed, or (a write to a read-only
 * region) refused at exactly that address. */
static void attack_inside(const char *region, enum probe_op op, unsigned int width, uintptr_t end, bool writable)
{
	uintptr_t address = end - probe_width(op, width);
	char name[64];
	struct probe_result r;

	if (probe_writes(op) && !writable) {
		attack_abort(region, "inside-end", op, width, address, address);
		return;
	}
	format_buffer(name, sizeof(name), "%s-inside-end-%s", region, probe_name(op, width));
	if (!probe_available(op)) {
		skip(name, "this CPU has no %s", probe_name(op, width));
		return;
	}
	r = probe_access(op, width, address, PATTERN);
	check(!r.aborted && (op != PROBE_STORE_EXCLUSIVE || r.value == 0), name,
	      "%s at %#lx, its own: abort %d, ESR %#llx, FAR %#llx, status %llu", probe_name(op, width),
	      (unsigned long)address, r.aborted, (unsigned long long)r.esr, (unsigned long long)r.far,
	      (unsigned long long)r.value);
}

static void attack_op(const char *region, uintptr_t base, uintptr_t size, bool writable, enum probe_op op,
		      unsigned int width)
{
	uintptr_t end = base + size;

	attack_inside(region, op, width, end, writable);
	attack_abort(region, "past-end", op, width, end, end);
	attack_abort(region, "before-start", op, width, base - probe_width(op, width),
		     base - probe_width(op, width));
}

static void attack_region(const char *region, uintptr_t base, uintptr_t size, bool writable)
{
	uint64_t before = sum_of(base + size - BYTES_CHECKED, BYTES_CHECKED);

	for (unsigned int i = 0; i < sizeof(plain_widths) / sizeof(plain_widths[0]); i++) {
		attack_op(region, base, size, writable, PROBE_LOAD, plain_widths[i]);
		attack_op(region, base, size, writable, PROBE_STORE, plain_widths[i]);
	}
	for (enum probe_op op = PROBE_LOAD_PAIR; op < PROBE_OPS; op++)
		attack_op(region, base, size, writable, op, 8);
	/* Half in, half out: the half past the end must abort, FAR at the end
	 * (a store to a read-only region is refused at its first half). */
	attack_abort(region, "straddle-end", PROBE_LOAD_PAIR, 8, base + size - 8, base + size);
	attack_abort(region, "straddle-end", PROBE_STORE_PAIR, 8, base + size - 8,
		     writable ? base + size : base + size - 8);
	if (!writable) {
		char name[64];

		format_buffer(name, sizeof(name), "%s-unchanged", region);
		check(sum_of(base + size - BYTES_CHECKED, BYTES_CHECKED) == before, name,
		      "a refused write changed its last %u bytes", BYTES_CHECKED);
	}
}

/* Accesses to an emulated device that no syndrome describes. */
static void attack_undecodable(const char *device, uintptr_t address)
{
	for (enum probe_op op = PROBE_LOAD_PAIR; op < PROBE_OPS; op++)
		attack_abort(device, "undecodable", op, 8, address, address);
}

static void attack_execute(const char *name, uintptr_t address, bool allowed)
{
	struct probe_result r;

	if (!allowed) {
		attack_must_not_execute(name, address);
		return;
	}
	r = probe_execute(address);
	check(!r.aborted, name, "executing %#lx, its own rwx memory, aborted (ESR %#llx)", (unsigned long)address,
	      (unsigned long long)r.esr);
}

/* With the MMU on, RAM is Normal memory: an unaligned access may straddle
 * the end of a region, and must abort at the first byte past it. */
static void attack_unaligned(void)
{
	attack_abort("ram", "straddle-end-unaligned", PROBE_LOAD, 8, RAM_BASE + RAM_SIZE - 4, RAM_BASE + RAM_SIZE);
	attack_abort("ram", "straddle-end-unaligned", PROBE_STORE, 8, RAM_BASE + RAM_SIZE - 4, RAM_BASE + RAM_SIZE);
	attack_abort("rw", "straddle-end-unaligned", PROBE_LOAD, 8, RW_BASE + RW_SIZE - 4, RW_BASE + RW_SIZE);
	attack_abort("rw", "straddle-end-unaligned", PROBE_STORE, 8, RW_BASE + RW_SIZE - 4, RW_BASE + RW_SIZE);
	attack_abort("ro", "straddle-end-unaligned", PROBE_LOAD, 8, RO_BASE + RO_SIZE - 4, RO_BASE + RO_SIZE);
	attack_abort("channel", "straddle-end-unaligned", PROBE_LOAD, 8, CHANNEL_BASE + CHANNEL_SIZE - 4,
		     CHANNEL_BASE + CHANNEL_SIZE);
}

/* A stage-1 table where it has no memory, or in an emulated device's page:
 * the walk itself must abort (ESR S1PTW), with FAR the address it was
 * translating; the hypervisor must not emulate a table read. */
#define WALKED_VA	0x80000000UL

static void attack_table_walks(void)
{
	mmu_point_block_at_table(WALKED_VA, RAM_BASE + RAM_SIZE);
	attack_abort("table-past-ram", "walk", PROBE_LOAD, 8, WALKED_VA, WALKED_VA);
	mmu_point_block_at_table(WALKED_VA, CONSOLE_BASE);
	attack_abort("table-in-console", "walk", PROBE_LOAD, 8, WALKED_VA, WALKED_VA);
}

/* The hypervisor logs a partition's first eight faults, then counts: these
 * come first, one of each kind, so that the log names each. */
static void attack_logged(void)
{
	attack_abort("logged-ro", "inside-end", PROBE_STORE, 8, RO_BASE + RO_SIZE - 8, RO_BASE + RO_SIZE - 8);
	attack_abort("logged-console", "undecodable", PROBE_LOAD_PAIR, 8, CONSOLE_BASE, CONSOLE_BASE);
	attack_abort("logged-channel", "inside-end", PROBE_STORE_PAIR, 8, CHANNEL_BASE + CHANNEL_SIZE - 16,
		     CHANNEL_BASE + CHANNEL_SIZE - 16);
	attack_abort("logged-ram", "past-end", PROBE_LOAD, 8, RAM_BASE + RAM_SIZE, RAM_BASE + RAM_SIZE);
	attack_abort("logged-rw", "before-start", PROBE_STORE, 8, RW_BASE - 8, RW_BASE - 8);
	attack_abort("logged-gicd", "undecodable", PROBE_STORE_PAIR, 8, GICD_IPA, GICD_IPA);
	attack_execute("logged-rw-execute", RW_BASE, false);
	attack_abort("logged-rw", "past-end", PROBE_ZERO_BLOCK, 8, RW_BASE + RW_SIZE, RW_BASE + RW_SIZE);
}

void guest_main(uint64_t dtb)
{
	(void)dtb;
	if (!bulkhead_present()) {
		skip("bounds", "no hypervisor: nothing to attack");
		return;
	}
	mmu_enable_identity();
	console_printf("bounds: attacking its edges, MMU on\n");
	attack_logged();
	attack_unaligned();
	attack_table_walks();
	attack_region("ram", RAM_BASE, RAM_SIZE, true);
	attack_region("rw", RW_BASE, RW_SIZE, true);
	attack_region("ro", RO_BASE, RO_SIZE, false);
	attack_region("channel", CHANNEL_BASE, CHANNEL_SIZE, false);
	attack_undecodable("console", CONSOLE_BASE);
	attack_undecodable("gicd", GICD_IPA);
	attack_undecodable("doorbell", DOORBELL_IPA);
	attack_execute("ram-inside-end-execute", RAM_BASE + RAM_SIZE - 4, true);
	attack_execute("rw-execute", RW_BASE + RW_SIZE - 4, false);
	attack_execute("ro-execute", RO_BASE + RO_SIZE - 4, false);
	attack_execute("channel-execute", CHANNEL_BASE, false);
	attack_execute("ram-past-end-execute", RAM_BASE + RAM_SIZE, false);
}
