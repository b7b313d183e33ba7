/*
 * The primary CPU's path from entry to the running machine: console,
 * CPUs, banner. Later stages (tables, partitions) hang off this sequence.
 */
#include <arch.h>
#include <boot_image.h>
#include <console.h>
#include <cpu.h>
#include <generated/version.h>
#include <irq.h>
#include <layout.h>
#include <log.h>
#include <panic.h>
#include <partitions.h>
#include <pci_host.h>
#include <platform_console.h>
#include <sched.h>
#include <smmu.h>
#include <vcpu_run.h>

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
		 layout.name, CONFIG_MAX_PARTITIONS, CONFIG_MAX_VCPUS,
		 log_level_name(CONFIG_LOG_LEVEL));
}

static void run_selftest_fault(void)
{
#if defined(CONFIG_SELFTEST_FAULT_UNMAPPED)
	log_info("self-test: loading from an unmapped address");
	arch_selftest_fault(ARCH_FAULT_UNMAPPED);
#elif defined(CONFIG_SELFTEST_FAULT_WRITE_TEXT)
	log_info("self-test: storing into the hypervisor's code");
	arch_selftest_fault(ARCH_FAULT_WRITE_TEXT);
#elif defined(CONFIG_SELFTEST_FAULT_EXEC_DATA)
	log_info("self-test: executing the hypervisor's data");
	arch_selftest_fault(ARCH_FAULT_EXEC_DATA);
#elif defined(CONFIG_SELFTEST_FAULT_EXEC_BOOT_CODE)
	log_info("self-test: running the signature check after boot");
	arch_selftest_fault(ARCH_FAULT_EXEC_BOOT_CODE);
#else
	return;
#endif
	panic("self-test: the access did not fault");
}

static bool any_partition_running(void)
{
	for (unsigned int i = 0; i < partition_table_count; i++) {
		if (partition_table[i].state == PARTITION_RUNNING)
			return true;
	}
	return false;
}

/* Whether a partition drives the UART the hypervisor prints on (its own, not an emulated one). */
static bool log_uart_has_owner(void)
{
	for (unsigned int i = 0; i < layout.device_count; i++) {
		if (layout.devices[i].base == platform_console_base())
			return layout.devices[i].owner >= 0;
	}
	return false;
}

void primary_main(uintptr_t boot_argument);
void primary_main(uintptr_t boot_argument)
{
	unsigned int online;

	console_init();
	log_debug("entered at EL%u, boot argument %#lx", arch_current_el(),
		  (unsigned long)boot_argument);
	arch_mmu_build_tables();
	arch_mmu_enable();
	/* Before anything reads the layout tables or starts another CPU. */
	boot_image_verify();
	log_info("boot-only code unmapped: %zu KiB", arch_mmu_unmap_boot_code() / 1024);
	online = cpus_bring_up();
	print_banner(online);

	run_selftest_fault();

	irq_init();
	partitions_init();
	/* BARs placed and config space emulated before any partition runs. */
	pci_host_init();
	/* Stage 2 is complete, and no partition has run yet. */
	smmu_init();
	if (partition_table_count == 0 || !any_partition_running()) {
		log_notice("no partition to run; powering off");
		arch_power_off();
	}
	sched_set_epoch(arch_counter_read());
	/* From here a partition may own the UART: the console must never wait for it. */
	console_share_uart(log_uart_has_owner());
	console_never_wait();
	cpus_release();
	arch_cpu_controls_init();
	irq_cpu_init();
	sched_cpu_init(cpu_this());
	cpu_idle();
}
