/* Hypercalls and PSCI: the SMC Calling Convention over HVC and SMC. */
#include <guest.h>
#include <hypercall_abi.h>

#define PSCI_CPU_OFF		0x84000002U
#define PSCI_CPU_ON_64		0xc4000003U
#define PSCI_AFFINITY_INFO_64	0xc4000004U
#define PSCI_SYSTEM_OFF		0x84000008U

#define SMCCC_CALL(insn)							\
	register uint64_t x0 __asm__("x0") = function;				\
	register uint64_t x1 __asm__("x1") = a1;				\
	register uint64_t x2 __asm__("x2") = a2;				\
	register uint64_t x3 __asm__("x3") = a3;				\
	register uint64_t x4 __asm__("x4") = a4;				\
	__asm__ volatile(insn " #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4) \
			 : : "x5", "x6", "x7", "x8", "x9", "x10", "x11",	\
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");	\
	return (struct smccc_result){ (int64_t)x0, x1, x2, x3 }

struct smccc_result hvc_call4(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	SMCCC_CALL("hvc");
}

struct smccc_result hvc_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return hvc_call4(function, a1, a2, a3, 0);
}

static struct smccc_result smc_call4(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	SMCCC_CALL("smc");
}

struct smccc_result smc_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return smc_call4(function, a1, a2, a3, 0);
}

bool bulkhead_present(void)
{
	return hvc_call(BH_HC_VERSION, 0, 0, 0).x0 == BH_OK;
}

int64_t psci_cpu_on(uint64_t mpidr, void (*entry)(void), uint64_t context)
{
	return smc_call(PSCI_CPU_ON_64, mpidr, (uint64_t)entry, context).x0;
}

int64_t psci_affinity_info(uint64_t mpidr)
{
	return smc_call(PSCI_AFFINITY_INFO_64, mpidr, 0, 0).x0;
}

_Noreturn void psci_system_off(void)
{
	smc_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

_Noreturn void psci_cpu_off(void)
{
	smc_call(PSCI_CPU_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}
