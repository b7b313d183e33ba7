/*
 * storm: a partition whose two vCPUs fault at once, as fast as they can,
 * (for BURST_MS, then vCPU 0 alone for STORM_MS), each at addresses no region maps. With the
 * "inject" policy each fault comes back as an abort (counted per vCPU, and
 * checked to be at the address attacked); then vCPU 0 points VBAR_EL1 at
 * nothing and faults again, so that the abort the hypervisor injects
 * faults in turn: that escalates to a stop. With "restart" the first fault
 * restarts the partition, whichever vCPU made it, until the crash-loop
 * limit stops it. tests/core/storm.sh runs it beside a partition sharing
 * vCPU 0's CPU, whose share must not move.
 */
#include <guest.h>

/* vCPU 0 storms for longer than the neighbour measures its share (60
 * frames of 10 ms); vCPU 1 only at the start, both at once: under -icount
 * a busy CPU elsewhere takes virtual time from every other CPU, which
 * would blur the neighbour's share with a cost that is QEMU's, not the
 * hypervisor's. */
#define STORM_MS	700
#define BURST_MS	2
#define UNMAPPED	0x70000000UL	/* nothing in tests/layouts/core-storm.yaml */
#define UNMAPPED_SPAN	0x00100000UL

static volatile uint64_t faults[2], misplaced[2];
static volatile uint64_t expected_far[2];
static volatile bool secondary_done;

static enum sync_action count_abort(const struct exception_info *info)
{
	unsigned int vcpu = this_vcpu() & 1;

	if (!esr_is_data_abort(info->esr))
		return SYNC_UNEXPECTED;
	faults[vcpu]++;
	if (info->far != expected_far[vcpu])
		misplaced[vcpu]++;
	return SYNC_SKIP;
}

static void storm(unsigned int vcpu, uint64_t ms)
{
	uint64_t end = counter_read() + ms * counter_frequency() / 1000;

	for (uint64_t i = 0; counter_read() < end; i++) {
		uintptr_t address = UNMAPPED + vcpu * UNMAPPED_SPAN + (i * 8) % UNMAPPED_SPAN;

		expected_far[vcpu] = address;
		(void)*(volatile uint64_t *)address;
	}
}

static volatile bool secondary_started;

static void secondary(unsigned int vcpu)
{
	secondary_started = true;
	storm(vcpu, BURST_MS);
	secondary_done = true;
}

void guest_main(uint64_t dtb)
{
	(void)dtb;
	console_printf("storm: faulting on two vCPUs\n");
	set_sync_hook(count_abort);
	check(start_vcpu(1, secondary) == PSCI_SUCCESS, "second-vcpu-started", "CPU_ON refused");
	/* Both at once: the restart policy's first fault must find both running. */
	while (!secondary_started)
		;
	storm(0, STORM_MS);
	while (!secondary_done)
		;
	console_printf("storm: %llu and %llu faults\n", (unsigned long long)faults[0], (unsigned long long)faults[1]);
	check(faults[0] > 0 && faults[1] > 0 && misplaced[0] == 0 && misplaced[1] == 0, "both-vcpus-contained",
	      "faults %llu/%llu, at other addresses %llu/%llu", (unsigned long long)faults[0],
	      (unsigned long long)faults[1], (unsigned long long)misplaced[0], (unsigned long long)misplaced[1]);
	console_printf("storm: escalating\n");
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(UNMAPPED) : "memory");
	(void)*(volatile uint64_t *)UNMAPPED;
	/* Never reached: the fault in its own vector stops the partition. */
	fail("escalation-stops", "the fault taken at an unmapped vector came back");
	done();
}
