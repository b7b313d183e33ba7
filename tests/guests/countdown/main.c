/*
 * countdown: the demo root partition. It beats five times on the virtual
 * timer, then powers off — and because it is the root, its SYSTEM_OFF
 * powers off the machine, so `make run` returns to the shell.
 */
#include <guest.h>

#define BEATS 5

void guest_main(uint64_t dtb)
{
	(void)dtb;
	console_printf("countdown: the machine powers off after %u heartbeats\n", BEATS);
	heartbeat(BEATS);
	console_printf("countdown: powering off\n");
	psci_system_off();
}
