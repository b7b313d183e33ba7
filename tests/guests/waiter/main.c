/*
 * waiter: a root that keeps the machine up for two seconds of guest time
 * (twenty heartbeats), long enough for the scheduling tests' partitions to
 * measure 60 frames, then reads every other partition's vCPU 0 accounting
 * (the root may), with the checks on its buffer argument, prints it, and
 * powers the machine off.
 */
#include <guest.h>
#include <hypercall_abi.h>

void guest_main(uint64_t dtb)
{
	(void)dtb;
	heartbeat(20);
	for (uint64_t p = 1;; p++) {
		static struct bh_vcpu_stats stats;
		struct smccc_result r = hvc_call4(BH_HC_VCPU_STATS, p, 0, (uint64_t)&stats, sizeof(stats));
		if (r.x0 != BH_OK)
			break;
		if (p == 1) {
			check(hvc_call4(BH_HC_VCPU_STATS, p, 0, (uint64_t)&stats, sizeof(stats) - 1).x0 == BH_ERR_BAD_ADDRESS,
			      "stats-short-buffer-refused", "a buffer smaller than the statistics was accepted");
			check(hvc_call4(BH_HC_VCPU_STATS, p, 0, 0x50000000UL, sizeof(stats)).x0 == BH_ERR_BAD_ADDRESS,
			      "stats-foreign-buffer-refused", "a buffer outside the caller's memory was accepted");
		}
		console_printf("STATS partition %llu: %llu ns, %llu windows, %llu exits\n", (unsigned long long)p,
			     (unsigned long long)r.x1, (unsigned long long)r.x2, (unsigned long long)r.x3);
		console_printf("STATS partition %llu: hypervisor %llu ns, %llu interrupts, exits hvc %llu smc %llu "
			     "sysreg %llu memory %llu wfi %llu irq %llu other %llu\n", (unsigned long long)p,
			     (unsigned long long)stats.hypervisor_ns, (unsigned long long)stats.interrupts_injected,
			     (unsigned long long)stats.exits_by_reason[BH_EXIT_HYPERCALL],
			     (unsigned long long)stats.exits_by_reason[BH_EXIT_FIRMWARE],
			     (unsigned long long)stats.exits_by_reason[BH_EXIT_SYSREG],
			     (unsigned long long)stats.exits_by_reason[BH_EXIT_MEMORY],
			     (unsigned long long)stats.exits_by_reason[BH_EXIT_WFI],
			     (unsigned long long)stats.exits_by_reason[BH_EXIT_INTERRUPT],
			     (unsigned long long)stats.exits_by_reason[BH_EXIT_OTHER]);
	}
	console_printf("waiter: powering off\n");
	psci_system_off();
}
