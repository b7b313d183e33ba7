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
	struct probe_result result = { last.aborted, last.esr, last.far };

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
	/* If the write is refused the probe says so; the branch then
	 * tests execution of whatever is there, which must abort too. */
	*(volatile uint32_t *)address = A64_RET;
	if (last.aborted)
		return disarm();
	__asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" ::: "memory");
	((void (*)(void))address)();
	return disarm();
}
