/*
 * heartbeat: proves a partition keeps running. A virtual-timer interrupt
 * every 10 ms drives a counter; every 10th tick prints "HEARTBEAT n", so a
 * test can check that the partition still advances after something else
 * happened. Runs until its partition is stopped.
 */
#include <guest.h>

void guest_main(uint64_t dtb)
{
	(void)dtb;
	guest_printf("heartbeat: started\n");
	heartbeat(0);
}
