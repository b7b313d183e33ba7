/*
 * heartbeat: proves a partition keeps running. A virtual-timer interrupt
 * every 10 ms drives a counter; every 10th tick prints "HEARTBEAT n", so a
 * test can check that the partition still advances after something else
 * happened. Runs until its partition is stopped.
 */
#include <guest.h>

#define TICKS_PER_BEAT 10

void guest_main(uint64_t dtb)
{
	uint64_t printed = 0;

	(void)dtb;
	guest_printf("heartbeat: started\n");
	gic_init();
	timer_start_periodic(counter_frequency() / 100);
	irq_enable();
	for (;;) {
		uint64_t beat = timer_ticks / TICKS_PER_BEAT;
		if (beat != printed) {
			printed = beat;
			guest_printf("HEARTBEAT %llu\n", (unsigned long long)beat);
		}
		__asm__ volatile("wfi");
	}
}
