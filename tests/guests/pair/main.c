/*
 * pair: a two-vCPU partition whose vCPUs sit on two different CPUs'
 * schedules (tests/layouts/sched-spread.yaml). vCPU 0 starts vCPU 1 with
 * PSCI, they exchange SGIs, and AFFINITY_INFO follows vCPU 1 off again:
 * all of it must work although each vCPU runs only in its own windows.
 */
#include <guest.h>

#define SGI_PING 2
#define SGI_PONG 3

static volatile uint32_t started, pings, pongs;

static void on_ping(unsigned int intid)
{
	(void)intid;
	pings++;
	gic_send_sgi(SGI_PONG, 0);
}

static void on_pong(unsigned int intid)
{
	(void)intid;
	pongs++;
}

void guest_secondary(unsigned int vcpu)
{
	gic_cpu_init();
	set_irq_handler(SGI_PING, on_ping);
	gic_enable(SGI_PING);
	irq_enable();
	__atomic_store_n(&started, vcpu, __ATOMIC_RELEASE);
	while (pings < 5)
		__asm__ volatile("wfi");
	psci_cpu_off();
}

static bool wait_until(volatile uint32_t *value, uint32_t want, uint64_t seconds)
{
	uint64_t start = counter_read();

	while (*value < want && counter_read() - start < seconds * counter_frequency())
		__asm__ volatile("wfi");
	return *value >= want;
}

void guest_main(uint64_t dtb)
{
	uint64_t start;

	(void)dtb;
	gic_init();
	set_irq_handler(SGI_PONG, on_pong);
	gic_enable(SGI_PONG);
	irq_enable();
	check(psci_cpu_on(1, _start, 0) == 0, "spread-psci-cpu-on", "CPU_ON failed");
	check(wait_until(&started, 1, 2), "spread-second-vcpu-runs", "vCPU 1 never reported in");
	for (uint32_t i = 1; i <= 5; i++) {
		gic_send_sgi(SGI_PING, 1);
		if (!wait_until(&pongs, i, 2))
			break;
	}
	check(pongs == 5, "spread-sgi-round-trips", "%u of 5 SGI round trips", pongs);
	start = counter_read();
	while (psci_affinity_info(1) != 1 && counter_read() - start < 2 * counter_frequency())
		__asm__ volatile("wfi");
	check(psci_affinity_info(1) == 1, "spread-affinity-info-off", "vCPU 1 never turned off");
	done();
}
