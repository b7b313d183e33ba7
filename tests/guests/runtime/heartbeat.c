/* The heartbeat every long-running guest prints, so tests see it advance. */
#include <guest.h>

#define TICKS_PER_SECOND 100
#define TICKS_PER_BEAT 10

void heartbeat(uint64_t beats)
{
	uint64_t printed = 0;

	gic_init();
	timer_start_periodic(counter_frequency() / TICKS_PER_SECOND);
	irq_enable();
	while (beats == 0 || printed < beats) {
		uint64_t beat = timer_ticks / TICKS_PER_BEAT;
		if (beat != printed) {
			printed = beat;
			guest_printf("HEARTBEAT %llu\n", (unsigned long long)beat);
		}
		__asm__ volatile("wfi");
	}
}
