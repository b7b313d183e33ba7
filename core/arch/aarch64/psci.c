/* The hypervisor as a PSCI client of the firmware below it (EL3 or QEMU). */
#include <arch.h>
#include <arch/psci.h>
#include <console.h>

#include <stdint.h>

extern char secondary_entry[];

enum arch_cpu_start_result arch_cpu_start(uint64_t hwid, unsigned int index)
{
	/* The MMU is off, so the entry's link address is its physical address. */
	int64_t ret = (int64_t)smccc_smc(PSCI_CPU_ON_64, hwid, (uint64_t)(uintptr_t)secondary_entry,
					 index);

	switch (ret) {
	case PSCI_SUCCESS: return ARCH_CPU_STARTED;
	case PSCI_INVALID_PARAMETERS:
	case PSCI_NOT_PRESENT: return ARCH_CPU_ABSENT;
	case PSCI_ALREADY_ON:
	case PSCI_ON_PENDING: return ARCH_CPU_ALREADY_ON;
	default: return ARCH_CPU_START_FAILED;
	}
}

uint32_t arch_firmware_version(void)
{
	return (uint32_t)smccc_smc(PSCI_VERSION, 0, 0, 0);
}

#define SMCCC_ARCH_FEATURES		0x80000001U
#define SMCCC_ARCH_WORKAROUND_2		0x80007fffU
#define SSBD_DYNAMIC			0	/* firmware switches it per call */
#define SSBD_ENABLE			1

/*
 * Speculative store bypass: where the firmware can switch the mitigation
 * (per CPU), the hypervisor turns it on for this CPU, once; partitions
 * cannot turn it off (vsmccc.c answers their calls).
 */
void firmware_ssbd_keep_enabled(void)
{
	if ((int64_t)smccc_smc(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_2, 0, 0) == SSBD_DYNAMIC)
		smccc_smc(SMCCC_ARCH_WORKAROUND_2, SSBD_ENABLE, 0, 0);
}

_Noreturn void arch_power_off(void)
{
	/* The log's last lines, written out with a bounded wait for the UART. */
	console_flush_sync();
	smccc_smc(PSCI_SYSTEM_OFF, 0, 0, 0);
	/* SYSTEM_OFF does not return; if firmware lacks it, stop this CPU at least. */
	for (;;)
		__asm__ volatile("msr daifset, #0xf\n\twfi" ::: "memory");
}
