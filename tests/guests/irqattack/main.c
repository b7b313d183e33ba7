/*
 * irqattack: the virtual GIC under attack (tests/layouts/vgic-attacks.yaml).
 * One image for four partitions, which each play the role their id gives:
 * the referee (root) keeps the machine up until the others are done; the
 * owner holds the RTC and a doorbell; the bystander shares CPU 2 with the
 * attacker's vCPU 1 and holds virtio8 and a doorbell; the attacker aims
 * at all of them. The victims check afterwards that they still get their
 * interrupts with the configuration they gave them, and measure the exits
 * each attack cost them.
 */
#include "link.h"

#include <control_abi.h>
#include <hypercall_abi.h>

struct self_stats self_stats(unsigned int partition)
{
	static struct bh_vcpu_stats stats;
	struct smccc_result r = hvc_call4(BH_HC_VCPU_STATS, partition, 0, (uint64_t)(uintptr_t)&stats,
					  sizeof(stats));

	if (r.x0 != BH_OK)
		return (struct self_stats){ 0, 0, 0 };
	return (struct self_stats){ stats.exits, stats.windows, stats.interrupts_injected };
}

volatile uint32_t taken[IRQ_HANDLERS_MAX];

void count_interrupt(unsigned int intid)
{
	taken[intid]++;
}

uint32_t sgis_taken(void)
{
	uint32_t sum = 0;

	for (unsigned int sgi = 0; sgi < GIC_SGI_COUNT; sgi++)
		sum += taken[sgi];
	return sum;
}

volatile uint32_t naps_taken;

static void on_nap_over(unsigned int intid)
{
	(void)intid;
	naps_taken++;
	timer_stop();
}

void nap_init(void)
{
	set_irq_handler(TIMER_PPI, on_nap_over);
	gic_enable(TIMER_PPI);
}

void nap(uint64_t ticks)
{
	uint64_t end = counter_read() + ticks;

	timer_set_deadline(end);
	while (counter_read() < end)
		__asm__ volatile("wfi");
}

/* The root: waits until the others have powered themselves off (or 60 s). */
void referee_main(void)
{
	static struct bh_partition_info info;
	uint64_t start = counter_read();
	bool all_stopped = true;

	gic_init();
	nap_init();
	irq_enable();
	for (uint32_t id = ID_OWNER; id <= ID_BYSTANDER; id++) {
		for (;;) {
			struct smccc_result r = hvc_call5(BH_HC_CONTROL, BH_CTL_CMD_PARTITION, id, 0,
							  (uint64_t)(uintptr_t)&info, sizeof(info));
			if (r.x0 == BH_OK && info.state == BH_PARTITION_STOPPED)
				break;
			if (r.x0 != BH_OK || counter_read() - start > 60 * counter_frequency()) {
				all_stopped = false;
				break;
			}
			nap(counter_frequency() / 100);
		}
	}
	check(all_stopped, "referee-the-others-finished", "a partition was still running after 60 s");
}

void guest_main(uint64_t dtb)
{
	struct smccc_result id = hvc_call(BH_HC_PARTITION_ID, 0, 0, 0);

	(void)dtb;
	if (!bulkhead_present()) {
		skip("irqattack", "needs the hypervisor and tests/layouts/vgic-attacks.yaml");
		return;
	}
	switch (id.x1) {
	case ID_REFEREE: referee_main(); break;
	case ID_OWNER: owner_main(); break;
	case ID_ATTACKER: attacker_main(); break;
	case ID_BYSTANDER: bystander_main(); break;
	default: fail("irqattack-role", "partition id %llu has no role", (unsigned long long)id.x1); break;
	}
}
