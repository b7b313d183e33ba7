/*
 * The primary CPU's path from entry to the running machine: console,
 * CPUs, banner. Later stages (tables, partitions) hang off this sequence.
 */
#include <arch.h>
#include <console.h>
#include <cpu.h>
#include <generated/version.h>
#include <log.h>
#include <panic.h>

#include <stdint.h>

static void print_banner(unsigned int cpus_online)
{
	uint32_t firmware = arch_firmware_version();

	log_info("Bulkhead hypervisor %s (git %s), platform %s", BULKHEAD_VERSION, BULKHEAD_GIT_REV,
		 CONFIG_PLATFORM);
	log_info("CPUs: %u of %u online at EL%u, PSCI %u.%u", cpus_online, CONFIG_NR_CPUS,
		 arch_current_el(), (unsigned int)(firmware >> 16),
		 (unsigned int)(firmware & 0xffff));
	log_info("config: layout %s, up to %u partitions and %u vCPUs, log level %s",
		 CONFIG_LAYOUT, CONFIG_MAX_PARTITIONS, CONFIG_MAX_VCPUS,
		 log_level_name(CONFIG_LOG_LEVEL));
}

void primary_main(uintptr_t boot_argument);
void primary_main(uintptr_t boot_argument)
{
	unsigned int online;

	console_init();
	log_debug("entered at EL%u, boot argument %#lx", arch_current_el(),
		  (unsigned long)boot_argument);
	online = cpus_bring_up();
	print_banner(online);

#ifdef CONFIG_SELFTEST_PANIC
	log_info("self-test: faulting on purpose");
	arch_selftest_fault();
	panic("self-test fault did not fault");
#endif

	log_info("nothing to run yet; powering off");
	arch_power_off();
}
