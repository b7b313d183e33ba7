/*
 * waiter: a root that keeps the machine up for two seconds of guest time
 * (twenty heartbeats), long enough for the scheduling tests' partitions to
 * measure 60 frames, then reads every other partition's vCPU 0 accounting
 * (the root may), prints it, and powers the machine off.
 */
#include <guest.h>
#include <hypercall_abi.h>

void guest_main(uint64_t dtb)
{
	(void)dtb;
	heartbeat(20);
	for (uint64_t p = 1;; p++) {
		struct smccc_result r = hvc_call(BH_HC_VCPU_STATS, p, 0, 0);
		if (r.x0 != BH_OK)
			break;
		guest_printf("STATS partition %llu: %llu ns, %llu windows, %llu exits\n", (unsigned long long)p,
			     (unsigned long long)r.x1, (unsigned long long)r.x2, (unsigned long long)r.x3);
	}
	guest_printf("waiter: powering off\n");
	psci_system_off();
}
