/*
 * Probes: make one access the test expects to abort, catch the abort with
 * a sync hook, and say what happened. A data abort skips the access; an
 * instruction abort returns to the probe (the branch's x30).
 */
#include <exceptions.h>
#include <probe.h>

/* The RET instruction written at an execute probe's target. */
#define A64_RET 0xd65f03c0U

static volatile struct probe_result last;

static enum sync_action catch_abort(const struct exception_info *info)
{
	if (!esr_is_data_abort(info->esr) && !esr_is_instruction_abort(info->esr))
		return SYNC_UNEXPECTED;
	last.aborted = true;
	last.esr = info->esr;
	last.far = info->far;
	return esr_is_data_abort(info->esr) ? SYNC_SKIP : SYNC_RETURN;
}

static void arm(void)
{
	last.aborted = false;
	last.esr = 0;
	last.far = 0;
	set_sync_hook(catch_abort);
}

static struct probe_result disarm(void)
{
	struct probe_result result = { last.aborted, last.esr, last.far, 0 };

	set_sync_hook(0);
	return result;
}

struct probe_result probe_read(uintptr_t address)
{
	arm();
	(void)*(volatile uint64_t *)address;
	return disarm();
}

struct probe_result probe_write(uintptr_t address, uint64_t value)
{
	arm();
	*(volatile uint64_t *)address = value;
	return disarm();
}

struct probe_result probe_execute(uintptr_t address)
{
	arm();
	/* A RET there, if the partition may write it; if not, the branch
	 * executes whatever is there, which must abort as well: the probe
	 * reports the instruction abort, never the refused write. */
	*(volatile uint32_t *)address = A64_RET;
	last.aborted = false;
	__asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" ::: "memory");
	((void (*)(void))address)();
	return disarm();
}

/*
 * One instruction per access, so that a data abort skips exactly it. No
 * tables of names: they would hold link-time addresses, and the image
 * runs wherever it is loaded.
 */
static uint64_t plain_access(bool store, unsigned int width, uintptr_t address, uint64_t value)
{
	uint64_t loaded = 0;

	switch (width | (store ? 0x100U : 0U)) {
	case 1: __asm__ volatile("ldrb %w0, [%1]" : "+r"(loaded) : "r"(address) : "memory"); break;
	case 2: __asm__ volatile("ldrh %w0, [%1]" : "+r"(loaded) : "r"(address) : "memory"); break;
	case 4: __asm__ volatile("ldr %w0, [%1]" : "+r"(loaded) : "r"(address) : "memory"); break;
	case 8: __asm__ volatile("ldr %0, [%1]" : "+r"(loaded) : "r"(address) : "memory"); break;
	case 0x101: __asm__ volatile("strb %w0, [%1]" : : "r"(value), "r"(address) : "memory"); break;
	case 0x102: __asm__ volatile("strh %w0, [%1]" : : "r"(value), "r"(address) : "memory"); break;
	case 0x104: __asm__ volatile("str %w0, [%1]" : : "r"(value), "r"(address) : "memory"); break;
	case 0x108: __asm__ volatile("str %0, [%1]" : : "r"(value), "r"(address) : "memory"); break;
	default: break;
	}
	return loaded;
}

static uint64_t other_access(enum probe_op op, uintptr_t address, uint64_t value)
{
	uint64_t loaded = 0, second = 0, status = 1;

	switch (op) {
	case PROBE_LOAD_PAIR:
		__asm__ volatile("ldp %0, %1, [%2]" : "+r"(loaded), "+r"(second) : "r"(address) : "memory");
		return loaded ^ second;
	case PROBE_STORE_PAIR:
		__asm__ volatile("stp %0, %0, [%1]" : : "r"(value), "r"(address) : "memory");
		return 0;
	case PROBE_LOAD_EXCLUSIVE:
		__asm__ volatile("ldxr %0, [%1]\n\tclrex" : "+r"(loaded) : "r"(address) : "memory");
		return loaded;
	case PROBE_STORE_EXCLUSIVE:
		/* Without the monitor STXR may fail without an access: the load
		 * arms it, and an aborted load leaves the status 1 (no store). */
		__asm__ volatile("ldxr %0, [%2]\n\tstxr %w1, %3, [%2]"
				 : "+r"(loaded), "+r"(status) : "r"(address), "r"(value) : "memory");
		return status;
	case PROBE_ATOMIC_ADD:
		__asm__ volatile(".arch_extension lse\n\tldadd %1, %0, [%2]"
				 : "+r"(loaded) : "r"(value), "r"(address) : "memory");
		return loaded;
	case PROBE_COMPARE_SWAP:
		/* Compares with 0: the old value comes back in the register either way. */
		__asm__ volatile(".arch_extension lse\n\tcas %0, %1, [%2]"
				 : "+r"(loaded) : "r"(value), "r"(address) : "memory");
		return loaded;
	case PROBE_SWAP:
		__asm__ volatile(".arch_extension lse\n\tswp %1, %0, [%2]"
				 : "+r"(loaded) : "r"(value), "r"(address) : "memory");
		return loaded;
	case PROBE_ZERO_BLOCK:
		__asm__ volatile("dc zva, %0" : : "r"(address) : "memory");
		return 0;
	default:
		return 0;
	}
}

struct probe_result probe_access(enum probe_op op, unsigned int width, uintptr_t address, uint64_t value)
{
	struct probe_result result;
	uint64_t loaded;

	arm();
	if (op == PROBE_LOAD || op == PROBE_STORE)
		loaded = plain_access(op == PROBE_STORE, width, address, value);
	else
		loaded = other_access(op, address, value);
	result = disarm();
	result.value = loaded;
	return result;
}

bool probe_writes(enum probe_op op)
{
	return op != PROBE_LOAD && op != PROBE_LOAD_PAIR && op != PROBE_LOAD_EXCLUSIVE;
}

unsigned int probe_width(enum probe_op op, unsigned int width)
{
	switch (op) {
	case PROBE_LOAD:
	case PROBE_STORE:
		return width;
	case PROBE_LOAD_PAIR:
	case PROBE_STORE_PAIR:
		return 16;
	case PROBE_ZERO_BLOCK:
		return probe_zero_block_size();
	default:
		return 8;
	}
}

const char *probe_name(enum probe_op op, unsigned int width)
{
	switch (op) {
	case PROBE_LOAD:
		return width == 1 ? "ldrb" : width == 2 ? "ldrh" : width == 4 ? "ldr32" : "ldr64";
	case PROBE_STORE:
		return width == 1 ? "strb" : width == 2 ? "strh" : width == 4 ? "str32" : "str64";
	case PROBE_LOAD_PAIR: return "ldp";
	case PROBE_STORE_PAIR: return "stp";
	case PROBE_LOAD_EXCLUSIVE: return "ldxr";
	case PROBE_STORE_EXCLUSIVE: return "stxr";
	case PROBE_ATOMIC_ADD: return "ldadd";
	case PROBE_COMPARE_SWAP: return "cas";
	case PROBE_SWAP: return "swp";
	case PROBE_ZERO_BLOCK: return "dczva";
	default: return "?";
	}
}

#define ISAR0_ATOMIC_SHIFT	20
#define ISAR0_ATOMIC_LSE	2
#define DCZID_PROHIBITED	(1U << 4)
#define DCZID_BLOCK_MASK	0xfU

static uint64_t dczid(void)
{
	uint64_t value;

	__asm__ volatile("mrs %0, dczid_el0" : "=r"(value));
	return value;
}

unsigned int probe_zero_block_size(void)
{
	/* Log2 of the block size in 4-byte words. */
	return 4U << (dczid() & DCZID_BLOCK_MASK);
}

bool probe_available(enum probe_op op)
{
	uint64_t isar0;

	switch (op) {
	case PROBE_ATOMIC_ADD:
	case PROBE_COMPARE_SWAP:
	case PROBE_SWAP:
		__asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
		return ((isar0 >> ISAR0_ATOMIC_SHIFT) & 0xf) >= ISAR0_ATOMIC_LSE;
	case PROBE_ZERO_BLOCK:
		return (dczid() & DCZID_PROHIBITED) == 0;
	default:
		return true;
	}
}

#define ESR_WNR_BIT	6

bool probe_contained(const struct probe_result *r, enum probe_op op, uintptr_t far)
{
	bool wnr = (r->esr >> ESR_WNR_BIT) & 1;

	if (!r->aborted || !esr_is_data_abort(r->esr) || r->far != far)
		return false;
	/* Exclusives (armed by a load), atomics and DC ZVA may say either. */
	if (op == PROBE_LOAD || op == PROBE_LOAD_PAIR)
		return !wnr;
	if (op == PROBE_STORE || op == PROBE_STORE_PAIR)
		return wnr;
	return true;
}
