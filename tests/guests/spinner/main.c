/*
 * spinner: spins with interrupts masked, reading the generic counter, and
 * measures what share of the CPU it gets and how regularly its windows
 * start: a jump in the counter between two reads means it was switched
 * out. After 60 frames of 10 ms it reports "SHARE <per mille>", the window
 * start jitter, and what the hypervisor's accounting says of it, then
 * powers its partition off. Built for the 10 ms frames of
 * tests/layouts/sched-*.yaml.
 */
#include <guest.h>
#include <hypercall_abi.h>

#define FRAME_NS	10000000ULL
#define FRAMES		60
#define GAP_NS		20000ULL	/* longer than any loop iteration: a switch */

static uint64_t ticks_of(uint64_t ns)
{
	return ns * counter_frequency() / 1000000000ULL;
}

static uint64_t ns_of(uint64_t ticks)
{
	return ticks * 1000000000ULL / counter_frequency();
}

void guest_main(uint64_t dtb)
{
	uint64_t frame = ticks_of(FRAME_NS), gap = ticks_of(GAP_NS);
	uint64_t start, previous, running = 0, first_resume = 0, resumes = 0, worst_jitter = 0;
	struct smccc_result id, stats;

	(void)dtb;
	__asm__ volatile("msr daifset, #0xf");	/* nothing may stop the window from ending */
	start = previous = counter_read();
	for (;;) {
		uint64_t now = counter_read();

		if (now - previous < gap) {
			running += now - previous;
		} else {
			/* A new window started at about "now": compare with the 10 ms grid. */
			uint64_t offset, jitter;
			if (resumes++ == 0)
				first_resume = now;
			offset = (now - first_resume) % frame;
			jitter = offset < frame / 2 ? offset : frame - offset;
			if (resumes > 1 && jitter > worst_jitter)
				worst_jitter = jitter;
		}
		previous = now;
		if (now - start >= FRAMES * frame)
			break;
	}
	id = hvc_call(BH_HC_PARTITION_ID, 0, 0, 0);
	stats = hvc_call(BH_HC_VCPU_STATS, id.x1, 0, 0);
	console_printf("SHARE %llu per mille over %llu ms, %llu windows, jitter %llu ns\n",
		     (unsigned long long)(running * 1000 / (previous - start)),
		     (unsigned long long)(ns_of(previous - start) / 1000000), (unsigned long long)resumes,
		     (unsigned long long)ns_of(worst_jitter));
	console_printf("ACCOUNTED %llu ns over %llu windows (measured %llu ns), status %lld\n",
		     (unsigned long long)stats.x1, (unsigned long long)stats.x2,
		     (unsigned long long)ns_of(running), (long long)stats.x0);
	psci_system_off();
}
