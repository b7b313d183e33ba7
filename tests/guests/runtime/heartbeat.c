/* The heartbeat: a line every HEARTBEAT_TICKS_PER_BEAT virtual-timer ticks. */
#include <arch.h>
#include <console.h>
#include <gic.h>
#include <heartbeat.h>
#include <timer.h>

void heartbeat(uint64_t beats)
{
	uint64_t printed = 0;

	gic_init();
	timer_start_periodic(ticks_from_ns(HEARTBEAT_TICK_NS));
	irq_enable();
	while (beats == 0 || printed < beats) {
		uint64_t beat = timer_ticks / HEARTBEAT_TICKS_PER_BEAT;

		if (beat != printed) {
			printed = beat;
			/* The test suites match this line exactly: keep its shape. */
			console_printf("HEARTBEAT %llu\n", (unsigned long long)beat);
		}
		wait_for_interrupt();
	}
}
