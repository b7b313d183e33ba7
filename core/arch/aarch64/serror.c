/*
 * SErrors are asynchronous: one a partition's access caused can still be
 * on its way when the hypervisor switches to another vCPU, and would then
 * be taken — and blamed — in that vCPU's context. So before a vCPU leaves
 * a CPU, its errors are synchronized and taken while it is still current:
 * with RAS, an ESB defers any pending SError into DISR_EL1; without, a
 * DSB lets the accesses complete and ISR_EL1.A says whether one is
 * pending, which is then taken at EL2 inside a short unmasked window.
 * Either way it is charged to the leaving vCPU, by its partition's fault
 * policy. Only on a switch or a stop: a pinned vCPU is the only context
 * its errors can reach, so the trap path pays nothing.
 *
 * The state of the window is per CPU (one slot each, written only by its
 * own CPU with interrupts masked).
 */
#include <arch/inject.h>
#include <arch/serror.h>
#include <arch/sysregs.h>
#include <cpu.h>
#include <fault.h>
#include <log.h>
#include <panic.h>
#include <partition.h>


struct serror_window {
	bool open;
	bool taken;
	uint64_t syndrome;
};

static struct serror_window windows[CONFIG_NR_CPUS];

#ifdef CONFIG_SELFTEST_SERROR_AT_SWITCH
/* The test's injected condition: one SError "pending" as the first vCPU to
 * give its window back (WFI, yield) leaves, a choice the test can predict. */
static bool selftest_pending(const struct vcpu *vcpu, uint64_t *syndrome)
{
	static bool injected;	/* set once, by the first CPU that gets here */

	if (vcpu == NULL || vcpu->yielded_in == 0 || __atomic_exchange_n(&injected, true, __ATOMIC_RELAXED))
		return false;
	*syndrome = ESR_SERROR_SELFTEST;
	return true;
}
#else
static bool selftest_pending(const struct vcpu *vcpu, uint64_t *syndrome)
{
	(void)vcpu;
	(void)syndrome;
	return false;
}
#endif

/* True, with its syndrome, if an SError was pending as vcpu leaves (NULL:
 * as it stops): it is consumed. ras: the CPU has RAS (ESB, DISR_EL1). */
static bool serror_take(const struct vcpu *vcpu, bool ras, uint64_t *syndrome)
{
	struct serror_window *w;

	if (selftest_pending(vcpu, syndrome))
		return true;
	if (ras) {
		uint64_t disr;
		__asm__ volatile("hint #16\n\tisb" ::: "memory");	/* ESB */
		disr = sysreg_disr_el1_read();
		if (!(disr & DISR_A))
			return false;
		sysreg_disr_el1_write(0);
		*syndrome = disr;
		return true;
	}
	dsb_sy();
	isb();
	if (!(sysreg_isr_el1_read() & ISR_A))
		return false;
	w = &windows[cpu_this()->index];
	w->taken = false;
	w->open = true;
	__asm__ volatile("msr daifclr, #4\n\tisb\n\tmsr daifset, #4" ::: "memory");
	w->open = false;
	*syndrome = w->syndrome;
	return w->taken;
}

bool serror_sync_leaving(struct vcpu *vcpu, struct exception_frame *frame)
{
	uint64_t syndrome;

	if (!serror_take(vcpu, vcpu->partition->arch.features.has.ras, &syndrome))
		return true;
	return serror_account(vcpu, frame, syndrome, "asynchronous external abort, taken as it left its CPU");
}

bool serror_account(struct vcpu *vcpu, struct exception_frame *frame, uint64_t syndrome, const char *reason)
{
	struct fault fault = { .kind = FAULT_SERROR, .address = frame->far,
			       .syndrome = syndrome, .reason = reason };

	/* The partition caused it; it cannot be injected precisely, so an
	 * injected abort degrades to the partition's own SError handling. */
	if (!fault_handle(vcpu, &fault))
		return false;
	inject_data_abort(frame, frame->far, false);
	return true;
}

void serror_sync_stopped(struct vcpu *vcpu)
{
	uint64_t syndrome;

	if (!serror_take(NULL, vcpu->partition->arch.features.has.ras, &syndrome))
		return;
	__atomic_fetch_add(&vcpu->partition->faults, 1, __ATOMIC_RELAXED);
	log_warn("fault: partition %s vCPU%u SError pending as it stopped (syndrome %#llx): counted to it",
		 vcpu->partition->name, vcpu->index, (unsigned long long)syndrome);
}

/* An SError taken at EL2: inside a window it is the leaving vCPU's; anywhere
 * else it is the hypervisor's own, a bug. */
void handle_hypervisor_serror(struct exception_frame *frame, unsigned int vector);
void handle_hypervisor_serror(struct exception_frame *frame, unsigned int vector)
{
	struct serror_window *w = &windows[cpu_this()->index];

	if (!w->open)
		exception_panic(frame, vector);
	w->taken = true;
	w->syndrome = frame->esr;
}
