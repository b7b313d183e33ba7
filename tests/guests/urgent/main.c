/*
 * urgent: vCPU 0 (pinned) sends SGIs to vCPU 1, which has a 1 ms window in
 * a shared CPU's 10 ms frame and is marked urgent (tests/layouts/sched-urgent.yaml).
 * vCPU 1 measures each SGI's latency from the send time vCPU 0 stored:
 * urgent, it must be served within 50 us, not at its next window up to
 * 9 ms later. vCPU 0 waits with WFI on a 100 us timer, never busy-polling,
 * so that QEMU's round-robin -icount runs the other CPUs meanwhile.
 */
#include <guest.h>

#define SGI_ALARM	4
#define ROUNDS		10
#define LIMIT_NS	50000ULL

static volatile uint32_t started, received;
static volatile uint64_t sent_at, worst;

static void on_alarm(unsigned int intid)
{
	uint64_t latency = counter_read() - sent_at;

	(void)intid;
	if (latency > worst)
		worst = latency;
	received++;
}

void guest_secondary(unsigned int vcpu)
{
	gic_cpu_init();
	set_irq_handler(SGI_ALARM, on_alarm);
	gic_enable(SGI_ALARM);
	irq_enable();
	__atomic_store_n(&started, vcpu, __ATOMIC_RELEASE);
	for (;;)
		__asm__ volatile("wfi");
}

static void wait_ticks(uint64_t ticks)
{
	uint64_t start = counter_read();

	while (counter_read() - start < ticks)
		__asm__ volatile("wfi");
}

void guest_main(uint64_t dtb)
{
	uint64_t tick = counter_frequency() / 10000, limit = LIMIT_NS * counter_frequency() / 1000000000ULL;

	(void)dtb;
	gic_init();
	timer_start_periodic(tick);
	irq_enable();
	check(psci_cpu_on(1, _start, 0) == 0, "urgent-cpu-on", "CPU_ON failed");
	while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) != 1)
		wait_ticks(tick);
	for (uint32_t i = 1; i <= ROUNDS; i++) {
		/* Spread the sends over the frame, mostly outside vCPU 1's window. */
		wait_ticks(counter_frequency() / 1000 * (3 + i % 7) / 3);
		sent_at = counter_read();
		gic_send_sgi(SGI_ALARM, 1);
		while (received < i && counter_read() - sent_at < counter_frequency())
			wait_ticks(tick);
	}
	check(received == ROUNDS && worst <= limit, "urgent-sgi-latency",
	      "%u of %u SGIs, worst latency %llu ticks (limit %llu)", received, ROUNDS,
	      (unsigned long long)worst, (unsigned long long)limit);
	console_printf("urgent: worst SGI latency %llu ns\n",
		     (unsigned long long)(worst * 1000000000ULL / counter_frequency()));
	done();
}
