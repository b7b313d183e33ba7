/*
 * countdown: the demo root partition. It beats five times on the virtual
 * timer, then powers off — and because it is the root, its SYSTEM_OFF
 * powers off the machine, so `make run` returns to the shell. A layout
 * that needs the machine longer says `beats=N` in the image's cmdline.
 */
#include <guest.h>

#define BEATS 5

void guest_main(uint64_t dtb)
{
	char text[8];
	unsigned int beats = 0;

	if (bootargs_value(dtb, "beats=", text, sizeof(text)))
		for (const char *c = text; *c >= '0' && *c <= '9'; c++)
			beats = beats * 10 + (unsigned int)(*c - '0');
	if (beats == 0)
		beats = BEATS;
	console_printf("countdown: the machine powers off after %u heartbeats\n", beats);
	heartbeat(beats);
	console_printf("countdown: powering off\n");
	psci_system_off();
}
