/*
 * countdown: the demo root partition. It beats five times on the virtual
 * timer, then powers off — and because it is the root, its SYSTEM_OFF
 * powers off the machine, so `make run` returns to the shell.
 */
#include <guest.h>

#define BEATS 5
#define TICKS_PER_BEAT 10

void guest_main(uint64_t dtb)
{
	uint64_t printed = 0;

	(void)dtb;
	guest_printf("countdown: the machine powers off after %u heartbeats\n", BEATS);
	gic_init();
	timer_start_periodic(counter_frequency() / 100);
	irq_enable();
	while (printed < BEATS) {
		uint64_t beat = timer_ticks / TICKS_PER_BEAT;
		if (beat != printed) {
			printed = beat;
			guest_printf("HEARTBEAT %llu\n", (unsigned long long)beat);
		}
		__asm__ volatile("wfi");
	}
	guest_printf("countdown: powering off\n");
	psci_system_off();
}
