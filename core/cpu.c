/*
 * Bringing up the physical CPUs. The primary starts each other CPU through
 * the firmware and waits, with a deadline, for it to report in; a CPU that
 * does not is left out rather than waited for forever.
 */
#include <arch.h>
#include <cpu.h>
#include <irq.h>
#include <log.h>
#include <platform.h>
#include <sched.h>
#include <vcpu_run.h>

#include <stddef.h>

/* How long a started CPU has to reach secondary_main(). */
#define CPU_ONLINE_TIMEOUT_MS 1000

static struct cpu cpus[CONFIG_NR_CPUS];

struct cpu *cpu_get(unsigned int index)
{
	return &cpus[index];
}
static bool partitions_ready;

struct cpu *cpu_this(void)
{
	return arch_this_cpu();
}

static void cpu_enter(unsigned int index)
{
	struct cpu *cpu = &cpus[index];

	cpu->index = index;
	cpu->hwid = arch_cpu_hwid();
	arch_set_this_cpu(cpu);
	__atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
	arch_send_event();
}

void secondary_main(unsigned int index);
void secondary_main(unsigned int index)
{
	if (index == 0 || index >= CONFIG_NR_CPUS)
		return;
	arch_mmu_enable();
	cpu_enter(index);
	log_debug("CPU%u online, hwid %#llx", index, (unsigned long long)cpus[index].hwid);
	/* The primary starts partitions only once every CPU is in here. */
	while (!__atomic_load_n(&partitions_ready, __ATOMIC_ACQUIRE))
		arch_wait_for_event();
	arch_cpu_controls_init();
	irq_cpu_init();
	if (sched_cpu_init(&cpus[index]))
		log_debug("CPU%u runs a schedule", index);
	cpu_idle();
}

void cpu_kick(unsigned int index)
{
	if (index == cpu_this()->index)
		return;
	irq_send_kick(index);
}

void cpus_release(void)
{
	__atomic_store_n(&partitions_ready, true, __ATOMIC_RELEASE);
	arch_send_event();
}

static bool wait_until_online(const struct cpu *cpu)
{
	uint64_t start = arch_counter_read();
	uint64_t ticks = arch_counter_frequency() / 1000 * CPU_ONLINE_TIMEOUT_MS;

	while (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE)) {
		if (arch_counter_read() - start > ticks)
			return false;
		arch_cpu_relax();
	}
	return true;
}

static const char *start_failure(enum arch_cpu_start_result result)
{
	switch (result) {
	case ARCH_CPU_ABSENT: return "not present";
	case ARCH_CPU_ALREADY_ON: return "already on before the hypervisor started it";
	default: return "firmware refused to start it";
	}
}

unsigned int cpus_bring_up(void)
{
	unsigned int online = 1;

	cpu_enter(0);
	log_debug("CPU0 online, hwid %#llx", (unsigned long long)cpus[0].hwid);
	for (unsigned int i = 1; i < CONFIG_NR_CPUS; i++) {
		enum arch_cpu_start_result result = arch_cpu_start(platform_cpu_hwid(i), i);

		if (result != ARCH_CPU_STARTED) {
			log_warn("CPU%u (hwid %#llx) not started: %s", i,
				 (unsigned long long)platform_cpu_hwid(i), start_failure(result));
			continue;
		}
		if (!wait_until_online(&cpus[i])) {
			log_warn("CPU%u started but did not come online within %u ms", i,
				 CPU_ONLINE_TIMEOUT_MS);
			continue;
		}
		online++;
	}
	return online;
}
