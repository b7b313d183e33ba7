/*
 * cpustate: CPU state one run of a vCPU leaves must not reach another,
 * nor the next run of the same partition. Its role comes from the
 * "cpustate=" word of its device tree's bootargs
 * (tests/layouts/cpu-state.yaml):
 *
 *   leak     sets every register below it can (a watchpoint, PMU counters,
 *            PAuth keys, SVE predicates, SME's mode, TPIDR2_EL0, ...) on a
 *            CPU it shares, then yields each window there;
 *   spy      shares that CPU and, after some of the leak's windows, finds
 *            each register either trapped (undefined) or at its reset value;
 *   restart  on a CPU of its own, with nothing hidden, sets them all,
 *            resets itself with PSCI SYSTEM_RESET, and in its second run
 *            finds each one accessible and at its reset value;
 *   root     keeps the machine up long enough for the others, then powers
 *            it off.
 */
#include <guest.h>
#include <hypercall_abi.h>

/* Readers and writers: mrs/msr need the register in the instruction. */
#define STATE_REG(name, encoding)						\
	static uint64_t read_##name(void)					\
	{									\
		uint64_t v;							\
		__asm__ volatile("mrs %0, " encoding : "=r"(v));		\
		return v;							\
	}									\
	static void write_##name(uint64_t v)					\
	{									\
		__asm__ volatile("msr " encoding ", %0\n\tisb" : : "r"(v) : "memory"); \
	}

STATE_REG(mdscr, "mdscr_el1")
STATE_REG(dbgbvr0, "dbgbvr0_el1")
STATE_REG(dbgbcr0, "dbgbcr0_el1")
STATE_REG(dbgwvr0, "dbgwvr0_el1")
STATE_REG(dbgwcr0, "dbgwcr0_el1")
STATE_REG(pmcr, "pmcr_el0")
STATE_REG(pmcntenset, "pmcntenset_el0")
STATE_REG(pmintenset, "pmintenset_el1")
STATE_REG(pmuserenr, "pmuserenr_el0")
STATE_REG(pmselr, "pmselr_el0")
STATE_REG(pmevtyper0, "pmevtyper0_el0")
STATE_REG(pmccfiltr, "pmccfiltr_el0")
STATE_REG(pmccntr, "pmccntr_el0")
STATE_REG(apiakeylo, "s3_0_c2_c1_0")
STATE_REG(apgakeyhi, "s3_0_c2_c3_1")
STATE_REG(tpidr2, "s3_3_c13_c0_5")
STATE_REG(zcr, "s3_0_c1_c2_0")
STATE_REG(svcr, "s3_3_c4_c2_2")
STATE_REG(tpidr_el0, "tpidr_el0")
STATE_REG(cpacr, "cpacr_el1")

struct state_reg {
	const char *name;
	uint64_t (*read)(void);
	void (*write)(uint64_t);
	uint64_t mask;		/* the bits checked */
	uint64_t dirty;		/* what leak and restart write */
	uint64_t reset;		/* what a fresh vCPU must read, masked */
};

#define MDSCR_MDE_KDE	((1UL << 15) | (1UL << 13))
#define WATCH_ALL_BYTES	0x1fffUL	/* enabled, EL0+EL1, loads and stores, 8 bytes */
#define BREAK_ENABLED	0x1e7UL		/* enabled, EL0+EL1, A64 */
#define UNUSED_ADDRESS	0x1000UL	/* nothing runs or loads there */
#define CYCLES_AND_0	0x80000001UL
#define ZCR_LEN		0xfUL
#define SVCR_SM_ZA	3UL

/* In the order they are written: SVCR last, for streaming mode forbids FFR. */
static const struct state_reg regs[] = {
	{ "mdscr", read_mdscr, write_mdscr, MDSCR_MDE_KDE, MDSCR_MDE_KDE, 0 },
	{ "dbgbvr0", read_dbgbvr0, write_dbgbvr0, ~0UL, UNUSED_ADDRESS + 0x1000, 0 },
	{ "dbgbcr0", read_dbgbcr0, write_dbgbcr0, BREAK_ENABLED, BREAK_ENABLED, 0 },
	{ "dbgwvr0", read_dbgwvr0, write_dbgwvr0, ~0UL, UNUSED_ADDRESS, 0 },
	{ "dbgwcr0", read_dbgwcr0, write_dbgwcr0, WATCH_ALL_BYTES, WATCH_ALL_BYTES, 0 },
	{ "pmccntr", read_pmccntr, write_pmccntr, ~0UL, 0x12345678, 0 },
	{ "pmcr-e", read_pmcr, write_pmcr, 1, 1, 0 },
	{ "pmcntenset", read_pmcntenset, write_pmcntenset, CYCLES_AND_0, CYCLES_AND_0, 0 },
	{ "pmintenset", read_pmintenset, write_pmintenset, 1, 1, 0 },
	{ "pmuserenr", read_pmuserenr, write_pmuserenr, 0xf, 0xf, 0 },
	{ "pmselr", read_pmselr, write_pmselr, 0x1f, 3, 0 },
	{ "pmevtyper0", read_pmevtyper0, write_pmevtyper0, 0xffff, 0x11, 0 },
	{ "pmccfiltr", read_pmccfiltr, write_pmccfiltr, 1UL << 31, 1UL << 31, 0 },
	{ "apiakeylo", read_apiakeylo, write_apiakeylo, ~0UL, 0x1234567890abcdefUL, 0 },
	{ "apgakeyhi", read_apgakeyhi, write_apgakeyhi, ~0UL, 0xfedcba0987654321UL, 0 },
	{ "tpidr2", read_tpidr2, write_tpidr2, ~0UL, 0xabcdef, 0 },
	{ "tpidr-el0", read_tpidr_el0, write_tpidr_el0, ~0UL, 0x5a5a, 0 },
	{ "zcr", read_zcr, write_zcr, ZCR_LEN, 0, ZCR_LEN },
	{ "svcr", read_svcr, write_svcr, SVCR_SM_ZA, SVCR_SM_ZA, 0 },
};

#define CPACR_FPEN_ZEN_SMEN	((3UL << 20) | (3UL << 16) | (3UL << 24))

static volatile unsigned int undefined_taken;

static enum sync_action skip_undefined(const struct exception_info *info)
{
	/* Undefined, or trapped to EL1 as an SVE/SME access (CPACR). */
	unsigned int ec = esr_class(info->esr);
	if (ec != ESR_EC_UNKNOWN && ec != 0x19 && ec != 0x1d && ec != 0x07)
		return SYNC_UNEXPECTED;
	undefined_taken++;
	return SYNC_SKIP;
}

/* Calls f(); true if it ran without an undefined instruction. */
static bool runs(void (*f)(void))
{
	unsigned int before = undefined_taken;

	f();
	return undefined_taken == before;
}

/* SVE: P0 all true, FFR all true (ptrue p0.b; setffr). */
static void sve_dirty(void)
{
	__asm__ volatile(".inst 0x2518e3e0\n\t.inst 0x252c9000" ::: "memory");
}

static uint8_t predicate_copy[2][256 / 8] __attribute__((aligned(16)));

/* rdffr p1.b; str p0, [x0]; str p1, [x1] */
static void sve_read_predicates(void)
{
	register uint64_t p0 __asm__("x0") = (uint64_t)predicate_copy[0];
	register uint64_t p1 __asm__("x1") = (uint64_t)predicate_copy[1];

	__asm__ volatile(".inst 0x2519f001\n\t.inst 0xe5800000\n\t.inst 0xe5800021"
			 : : "r"(p0), "r"(p1) : "memory");
}

static void enable_fp_sve_sme(void)
{
	write_cpacr(read_cpacr() | CPACR_FPEN_ZEN_SMEN);
}

static void dirty_all(void)
{
	set_sync_hook(skip_undefined);
	enable_fp_sve_sme();
	runs(sve_dirty);
	for (unsigned int i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		regs[i].write(regs[i].dirty);
	set_sync_hook(0);
}

static void check_predicates(const char *prefix, bool must_access)
{
	bool read, clean = true;

	for (unsigned int i = 0; i < sizeof(predicate_copy); i++)
		((uint8_t *)predicate_copy)[i] = 0xee;
	read = runs(sve_read_predicates);
	for (unsigned int i = 0; read && i < sizeof(predicate_copy); i++)
		clean &= ((uint8_t *)predicate_copy)[i] == 0 || ((uint8_t *)predicate_copy)[i] == 0xee;
	/* 0xee stays past the vector length: only zero or untouched is clean. */
	if (!read && must_access)
		fail("sve-p0-ffr", "%s: undefined, so nothing was checked", prefix);
	else
		check(clean, "sve-p0-ffr", "%s: P0 or FFR not zero (first byte %#x, %#x)", prefix,
		      predicate_copy[0][0], predicate_copy[1][0]);
}

/* Reads each register; svcr first, as streaming mode forbids FFR. */
static void check_all(const char *prefix, bool must_access)
{
	set_sync_hook(skip_undefined);
	enable_fp_sve_sme();
	for (unsigned int i = sizeof(regs) / sizeof(regs[0]); i-- > 0;) {
		const struct state_reg *r = &regs[i];
		unsigned int before = undefined_taken;
		uint64_t value = r->read();

		if (undefined_taken != before) {
			if (must_access)
				fail(r->name, "%s: undefined, so nothing was checked", prefix);
			else
				pass(r->name);	/* trapped: nothing of anyone's shows */
			continue;
		}
		check((value & r->mask) == r->reset, r->name, "%s: reads %#llx, its reset value is %#llx",
		      prefix, (unsigned long long)(value & r->mask), (unsigned long long)r->reset);
	}
	check_predicates(prefix, must_access);
	set_sync_hook(0);
}

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

#define FIRST_RUN_EXITS	20000	/* a second run starts with more exits than this */

static uint64_t own_exits(void)
{
	uint64_t partition = 0, vcpu = 0;
	struct smccc_result r;

	bh_partition_id(&partition, &vcpu);
	r = hvc_call4(BH_HC_VCPU_STATS, partition, vcpu, 0, 0);
	return r.x0 == BH_OK ? r.x3 : 0;
}

static _Noreturn void restart_role(void)
{
	if (own_exits() < FIRST_RUN_EXITS) {
		console_printf("cpustate: first run: setting every register, then SYSTEM_RESET\n");
		for (unsigned int i = 0; i < FIRST_RUN_EXITS; i++)
			bh_version(&(uint32_t){ 0 });	/* exits that outlive the reset */
		dirty_all();
		psci_system_reset();
	}
	console_printf("cpustate: second run\n");
	check_all("after SYSTEM_RESET", true);
	done();
}

#define SPY_WAIT_NS	100000000ULL	/* ten of the leak's windows */

void guest_main(uint64_t dtb)
{
	char name[16] = "";

	bootargs_value(dtb, "cpustate=", name, sizeof(name));
	if (same(name, "restart"))
		restart_role();
	if (same(name, "leak")) {
		dirty_all();
		console_printf("cpustate: registers set\n");
		for (;;)
			wait_for_interrupt();	/* gives the rest of each window to the spy */
	}
	if (same(name, "spy")) {
		uint64_t start = counter_read();
		while (counter_read() - start < ticks_from_ns(SPY_WAIT_NS))
			;
		check_all("after the leak's windows", false);
		done();
	}
	heartbeat(15);
	psci_system_off();
}
