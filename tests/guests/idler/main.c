/*
 * idler: waits for interrupts forever with nothing enabled, so every WFI
 * gives the rest of its window back. Its accounting should show almost
 * no run time; the others on its CPU lose nothing to it.
 */
#include <guest.h>

void guest_main(uint64_t dtb)
{
	(void)dtb;
	console_printf("idler: waiting\n");
	for (;;)
		__asm__ volatile("wfi");
}
