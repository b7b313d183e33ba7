/* PSCI through the conduit of the firmware this guest runs under. */
#include <arch.h>
#include <hypercall.h>
#include <psci.h>

enum conduit { CONDUIT_HVC, CONDUIT_SMC };
static volatile enum conduit conduit;

void psci_init(void)
{
	/* Under Bulkhead, HVC is the hypercall interface and PSCI is over SMC;
	 * natively QEMU's firmware answers PSCI over HVC and SMC would trap. */
	conduit = bulkhead_present() ? CONDUIT_SMC : CONDUIT_HVC;
}

int64_t psci_call(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return conduit == CONDUIT_SMC ? smc_call(function, a1, a2, a3).x0
				      : hvc_call(function, a1, a2, a3).x0;
}

int64_t psci_version(void)
{
	return psci_call(PSCI_VERSION, 0, 0, 0);
}

int64_t psci_features(uint32_t function)
{
	return psci_call(PSCI_FEATURES, function, 0, 0);
}

int64_t psci_cpu_on(uint64_t mpidr, void (*entry)(void), uint64_t context)
{
	return psci_call(PSCI_CPU_ON_64, mpidr, (uint64_t)(uintptr_t)entry, context);
}

int64_t psci_affinity_info(uint64_t mpidr)
{
	return psci_call(PSCI_AFFINITY_INFO_64, mpidr, 0, 0);
}

/* The calls below do not return when they succeed; if one does, stay put. */
_Noreturn static void stay_off(void)
{
	for (;;)
		wait_for_interrupt();
}

_Noreturn void psci_cpu_off(void)
{
	psci_call(PSCI_CPU_OFF, 0, 0, 0);
	stay_off();
}

_Noreturn void psci_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	stay_off();
}

_Noreturn void psci_system_reset(void)
{
	psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	stay_off();
}
