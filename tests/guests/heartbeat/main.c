/*
 * heartbeat: proves a partition keeps running. A virtual-timer interrupt
 * every 10 ms drives a counter; every 10th tick prints "HEARTBEAT n", so a
 * test can check that the partition still advances after something else
 * happened. Runs until its partition is stopped.
 *
 * It names itself in its first line: HEARTBEAT_NAME from the build
 * (GUEST_DEFINES_heartbeat='-DHEARTBEAT_NAME=\"rt\"'), else its partition
 * id from the hypervisor, else "native". The heartbeat lines themselves
 * carry no name: under the hypervisor every line is prefixed with the
 * partition's name already, and the tests match "HEARTBEAT n" exactly.
 */
#include <guest.h>

static void announce(void)
{
#ifdef HEARTBEAT_NAME
	console_printf("heartbeat: started as %s\n", HEARTBEAT_NAME);
#else
	uint64_t partition, vcpu;

	if (bulkhead_present() && bh_partition_id(&partition, &vcpu) == BH_OK)
		console_printf("heartbeat: started in partition %llu\n", (unsigned long long)partition);
	else
		console_printf("heartbeat: started natively\n");
#endif
}

void guest_main(uint64_t dtb)
{
	(void)dtb;
	announce();
	heartbeat(0);
}
