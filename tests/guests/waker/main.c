/*
 * waker: owns the first 2 ms of each 10 ms frame (tests/layouts/sched-timer.yaml).
 * Five times it arms its virtual timer for 4 ms into the frame, when
 * another partition runs, and waits: the interrupt must stay pending while
 * it is descheduled and arrive when its next window starts, not before and
 * not later. A first WFI with nothing pending gives its window back: the
 * vCPU comes back exactly at its next window start, which anchors the grid.
 */
#include <guest.h>

#define FRAME_NS	10000000ULL
#define DEADLINE_NS	4000000ULL
#define TOLERANCE_NS	10000ULL

static volatile uint64_t fired_at;

static uint64_t ticks_of(uint64_t ns)
{
	return ns * counter_frequency() / 1000000000ULL;
}

static void on_timer(unsigned int intid)
{
	(void)intid;
	fired_at = counter_read();
	timer_stop();
}

void guest_main(uint64_t dtb)
{
	uint64_t frame = ticks_of(FRAME_NS), worst = 0, window;
	bool early = false;

	(void)dtb;
	gic_init();
	set_irq_handler(TIMER_PPI, on_timer);
	gic_enable(TIMER_PPI);
	irq_enable();
	__asm__ volatile("wfi");
	window = counter_read();	/* the start of a window */
	for (uint64_t k = 0; k < 5; k++, window += frame) {
		uint64_t deadline = window + ticks_of(DEADLINE_NS), expected = window + frame;
		fired_at = 0;
		timer_set_deadline(deadline);
		while (fired_at == 0)
			__asm__ volatile("wfi");
		if (fired_at < expected)
			early = true;
		else if (fired_at - expected > worst)
			worst = fired_at - expected;
	}
	check(!early, "timer-not-delivered-while-descheduled", "an interrupt arrived before its window");
	check(worst <= ticks_of(TOLERANCE_NS), "timer-delivered-at-next-window",
	      "up to %llu ticks after the window started", (unsigned long long)worst);
	console_printf("waker: latest delivery %llu ticks after its window started\n", (unsigned long long)worst);
	done();
}
