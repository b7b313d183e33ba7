/*
 * The attacker: two vCPUs, vCPU 0 alone on CPU 1, vCPU 1 in CPU 2's
 * schedule beside the bystander. It aims at what would be reachable if the
 * virtual GIC's protection were wrong: the hypervisor's kicks at the CPU
 * it shares, the owner's and the bystander's real SPIs and doorbells,
 * SGIs at vCPUs it does not have, redistributor frames beyond its own. It
 * also routes its own pending SPI between its vCPUs: delivered once, to
 * the vCPU it was last routed to, nothing lost or left behind.
 */
#include "link.h"

#define SGI_TO_VCPU1		3
#define SGI_IRM			4
#define SGI_FOREIGN_TARGETS	5
#define SGI_OTHER_CLUSTER	6
#define SGI_ALIAS		7
#define SGI_GROUP0		8
#define SGI_CHECK		9
#define SGI_FIRST		SGI_TO_VCPU1
#define SGI_LAST		SGI_CHECK
#define ICC_SGI1R_IRM		(1UL << 40)
#define ICC_SGI1R_AFF1_SHIFT	16
#define OWN_TARGETS		0x3UL		/* vCPUs 0 and 1 */
#define FOREIGN_TARGETS		0xfffcUL	/* every vCPU it does not have */
#define PHASE_TICKS		(counter_frequency() / 10)

static volatile uint32_t received[2][128];	/* [vCPU][INTID] */
static volatile uint32_t vcpu1_ready;

static void on_interrupt(unsigned int intid)
{
	__atomic_fetch_add(&received[this_vcpu()][intid], 1, __ATOMIC_RELAXED);
}

static void listen(void)
{
	for (unsigned int sgi = SGI_FIRST; sgi <= SGI_LAST; sgi++) {
		set_irq_handler(sgi, on_interrupt);
		gic_enable(sgi);
	}
	set_irq_handler(ATTACKER_DOORBELL, on_interrupt);
	set_irq_handler(RTC_INTID, on_interrupt);
	set_irq_handler(OWNER_VIRTIO_INTID, on_interrupt);
	set_irq_handler(BYSTANDER_VIRTIO_INTID, on_interrupt);
	set_irq_handler(OWNER_DOORBELL, on_interrupt);
	set_irq_handler(BYSTANDER_DOORBELL, on_interrupt);
}

static void vcpu1_main(unsigned int vcpu)
{
	(void)vcpu;
	gic_cpu_init();
	listen();
	irq_enable();
	__atomic_store_n(&vcpu1_ready, 1, __ATOMIC_RELEASE);
	for (;;)
		__asm__ volatile("wfi");	/* traps: gives its window back */
}

static void sgi_write(uint64_t value, bool alias, bool group0)
{
	dsb_sy();
	if (group0)
		__asm__ volatile("msr S3_0_C12_C11_7, %0" : : "r"(value));	/* ICC_SGI0R_EL1 */
	else if (alias)
		__asm__ volatile("msr S3_0_C12_C11_6, %0" : : "r"(value));	/* ICC_ASGI1R_EL1 */
	else
		sysreg_icc_sgi1r_el1_write(value);
	isb();
}

static uint64_t sgi(unsigned int intid, uint64_t targets)
{
	return ((uint64_t)intid << ICC_SGI1R_INTID_SHIFT) | targets;
}

static void set_phase(enum phase phase)
{
	LINK(LINK_IPA)->phase = phase;
	LINK(ATTACKER_BYSTANDER_LINK)->phase = phase;
	dsb_sy();
}

/* An attack lasts 5 of the bystander's windows (and 100 ms), or 5 s if it is starved. */
static uint64_t phase_windows;

static uint64_t phase_start(void)
{
	phase_windows = LINK(ATTACKER_BYSTANDER_LINK)->windows;
	return counter_read();
}

/*
 * Each round of an attack ends with a 50 us nap: under -icount, which runs
 * the CPUs in turn, a kick sent in one round is taken before the next,
 * so the bystander's exits count the kicks and not the turns.
 */
static bool until(uint64_t start)
{
	uint64_t elapsed;

	nap(counter_frequency() / 20000);
	elapsed = counter_read() - start;

	return elapsed < PHASE_TICKS ||
	       (LINK(ATTACKER_BYSTANDER_LINK)->windows - phase_windows < 5 && elapsed < 50 * PHASE_TICKS);
}

/* Its own SPI pending, disabled, for vCPU 1: nothing vCPU 1 could take. */
static void park_pending_for_vcpu1(void)
{
	gicd_write_bit(GICD_ICENABLER, ATTACKER_DOORBELL);
	gicd_set_route(ATTACKER_DOORBELL, 1);
	gicd_write_bit(GICD_ISPENDR, ATTACKER_DOORBELL);
}

static void ctlr_loop(void)
{
	uint32_t ctlr = mmio_read32(GICD_BASE + GICD_CTLR);

	for (uint64_t start = phase_start(); until(start);)
		mmio_write32(GICD_BASE + GICD_CTLR, ctlr);
}

/* Every write changes nothing: the same value back, a disabled one disabled, foreign bits. */
static void noop_writes(void)
{
	uint8_t priority = gicd_priority(ATTACKER_DOORBELL);
	uint32_t icfgr = mmio_read32(gicd_icfgr_word(ATTACKER_DOORBELL));
	uintptr_t vcpu1_frame = GICR_BASE + GICR_STRIDE;
	uint32_t waker = mmio_read32(vcpu1_frame + GICR_WAKER);

	for (uint64_t start = phase_start(); until(start);) {
		gicd_write_bit(GICD_ICENABLER, ATTACKER_DOORBELL);
		gicd_write_bit(GICD_ISPENDR, ATTACKER_DOORBELL);
		gicd_set_priority(ATTACKER_DOORBELL, priority);
		mmio_write32(gicd_icfgr_word(ATTACKER_DOORBELL), icfgr);
		gicd_set_route(ATTACKER_DOORBELL, 1);
		gicd_write_bit(GICD_ISENABLER, RTC_INTID);
		gicd_write_bit(GICD_ISPENDR, BYSTANDER_VIRTIO_INTID);
		mmio_write32(vcpu1_frame + GICR_WAKER, waker);
		mmio_write32(vcpu1_frame + GICR_SGI_FRAME + GICR_ICENABLER0, 1U << 12);	/* never enabled */
	}
}

/* Legitimate changes, for a vCPU that cannot run now: one kick serves them all. */
static void pend_toggle(void)
{
	gicd_write_bit(GICD_ISENABLER, ATTACKER_DOORBELL);
	for (uint64_t start = phase_start(); until(start);) {
		gicd_write_bit(GICD_ICPENDR, ATTACKER_DOORBELL);
		gicd_write_bit(GICD_ISPENDR, ATTACKER_DOORBELL);
	}
	gicd_write_bit(GICD_ICENABLER, ATTACKER_DOORBELL);
	gicd_write_bit(GICD_ICPENDR, ATTACKER_DOORBELL);
}

static void sgi_storm(void)
{
	for (uint64_t start = phase_start(); until(start);) {
		sgi_write(sgi(SGI_TO_VCPU1, 1UL << 1), false, false);
		sgi_write(sgi(SGI_IRM, 0) | ICC_SGI1R_IRM, false, false);
		sgi_write(sgi(SGI_FOREIGN_TARGETS, FOREIGN_TARGETS), false, false);
		sgi_write(sgi(SGI_OTHER_CLUSTER, OWN_TARGETS | FOREIGN_TARGETS) | (1UL << ICC_SGI1R_AFF1_SHIFT),
			  false, false);
		sgi_write(sgi(SGI_ALIAS, FOREIGN_TARGETS), true, false);
		sgi_write(sgi(SGI_GROUP0, OWN_TARGETS | FOREIGN_TARGETS) | ICC_SGI1R_IRM, false, true);
	}
}

static void check_sgis(void)
{
	uint64_t start = counter_read();

	/* vCPU 1 takes what waited for it in its next window. */
	while ((received[1][SGI_TO_VCPU1] == 0 || received[1][SGI_IRM] == 0) &&
	       counter_read() - start < counter_frequency())
		nap(counter_frequency() / 10000);
	check(received[1][SGI_TO_VCPU1] > 0 && received[1][SGI_IRM] > 0 && received[0][SGI_IRM] == 0,
	      "sgi-irm-reaches-own-vcpus-only", "vCPU 1: %u targeted, %u IRM; vCPU 0: %u IRM",
	      received[1][SGI_TO_VCPU1], received[1][SGI_IRM], received[0][SGI_IRM]);
	nap(counter_frequency() / 20);
	check(received[0][SGI_FOREIGN_TARGETS] + received[1][SGI_FOREIGN_TARGETS] +
	      received[0][SGI_OTHER_CLUSTER] + received[1][SGI_OTHER_CLUSTER] == 0,
	      "sgi-foreign-targets-reach-nobody", "%u/%u to foreign targets, %u/%u to another cluster",
	      received[0][SGI_FOREIGN_TARGETS], received[1][SGI_FOREIGN_TARGETS],
	      received[0][SGI_OTHER_CLUSTER], received[1][SGI_OTHER_CLUSTER]);
	check(received[0][SGI_ALIAS] + received[1][SGI_ALIAS] == 0, "sgi-asgi1r-foreign-targets-reach-nobody",
	      "%u/%u", received[0][SGI_ALIAS], received[1][SGI_ALIAS]);
	check(received[0][SGI_GROUP0] + received[1][SGI_GROUP0] == 0, "sgi-sgi0r-ignored", "%u/%u",
	      received[0][SGI_GROUP0], received[1][SGI_GROUP0]);
}

static bool reads_as_zero(unsigned int intid)
{
	return !gicd_bit_set(GICD_ISENABLER, intid) && !gicd_bit_set(GICD_ISPENDR, intid) &&
	       !gicd_bit_set(GICD_ISACTIVER, intid) && gicd_priority(intid) == 0 &&
	       (mmio_read32(gicd_icfgr_word(intid)) & gicd_edge_bit(intid)) == 0 && gicd_route(intid) == 0;
}

/*
 * Every distributor register on SPIs of the owner and the bystander: had
 * one write gone through, the owner's RTC would be disabled, pending,
 * active, of another priority, trigger or route.
 */
static void attack_foreign_spis(void)
{
	static const uint16_t targets[] = { RTC_INTID, OWNER_VIRTIO_INTID, OWNER_DOORBELL,
					    BYSTANDER_VIRTIO_INTID, BYSTANDER_DOORBELL };
	bool invisible = true;

	for (unsigned int i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		unsigned int intid = targets[i];

		invisible = invisible && reads_as_zero(intid);
		gicd_write_bit(GICD_ISPENDR, intid);
		gicd_write_bit(GICD_ISACTIVER, intid);
		gicd_write_bit(GICD_ISENABLER, intid);
		gicd_set_priority(intid, 0xf0);
		mmio_write32(gicd_icfgr_word(intid), mmio_read32(gicd_icfgr_word(intid)) ^ gicd_edge_bit(intid));
		mmio_write32(gicd_icfgr_word(intid), 0xaaaaaaaaU);
		gicd_set_route(intid, 1);
		gicd_set_route(intid, 1UL << 31);	/* IRM: any vCPU */
		gicd_write_bit(GICD_ICACTIVER, intid);
		gicd_write_bit(GICD_ICPENDR, intid);
		gicd_write_bit(GICD_ICENABLER, intid);
		invisible = invisible && reads_as_zero(intid);
	}
	/* Whole words too: every bit of the RTC's word of each bit register. */
	for (uint32_t base = GICD_ISENABLER; base <= GICD_ICACTIVER; base += 0x80)
		mmio_write32(gicd_bit_word(base, RTC_INTID), 0xffffffffU);
	check(invisible, "foreign-spis-read-as-zero", "a register of another partition's SPI read non-zero");
	nap(counter_frequency() / 20);
	check(received[0][RTC_INTID] + received[0][OWNER_VIRTIO_INTID] + received[0][OWNER_DOORBELL] +
	      received[0][BYSTANDER_VIRTIO_INTID] + received[0][BYSTANDER_DOORBELL] == 0,
	      "foreign-spis-never-delivered-to-attacker", "another partition's SPI was delivered here");
}

/* Frames 0 and 1 are its own; 2 and 3 are where the bystander's and the owner's CPUs' would be. */
static void attack_redistributors(void)
{
	uint64_t typer = *(volatile uint64_t *)(GICR_BASE + GICR_STRIDE + GICR_TYPER);
	bool contained = true;

	check((typer & GICR_TYPER_LAST) && (typer >> 32) == 1, "redistributor-last-is-own-vcpu1",
	      "vCPU 1's GICR_TYPER is %#llx", (unsigned long long)typer);
	for (unsigned int frame = 2; frame < 8; frame++) {
		uintptr_t rd = GICR_BASE + frame * GICR_STRIDE;
		struct probe_result r = probe_read(rd + GICR_TYPER);
		struct probe_result w = probe_write(rd + GICR_SGI_FRAME + GICR_ISPENDR0, 0xffffffffU);
		struct probe_result e = probe_write(rd + GICR_SGI_FRAME + GICR_ICENABLER0, 0xffffffffU);

		contained = contained && r.aborted && r.far == rd + GICR_TYPER && w.aborted && e.aborted;
	}
	check(contained, "redistributor-frames-beyond-own-abort", "a redistributor frame beyond vCPU 1 answered");
}

static bool wait_received(unsigned int vcpu, unsigned int intid, uint32_t count)
{
	uint64_t start = counter_read();

	/* vCPU 1 runs 1 ms in 10: a few frames at most. */
	while (received[vcpu][intid] < count && counter_read() - start < counter_frequency() / 5)
		nap(counter_frequency() / 10000);
	nap(counter_frequency() / 50);	/* and nothing more comes */
	return received[vcpu][intid] == count;
}

/* Pending while disabled, so the route changes under it; then enabled where it now goes. */
static void pend_then_route(const unsigned int *route, unsigned int hops)
{
	gicd_write_bit(GICD_ICENABLER, ATTACKER_DOORBELL);
	gicd_write_bit(GICD_ISPENDR, ATTACKER_DOORBELL);
	for (unsigned int i = 0; i < hops; i++)
		gicd_set_route(ATTACKER_DOORBELL, route[i]);
	gicd_write_bit(GICD_ISENABLER, ATTACKER_DOORBELL);
}

static void reroute(void)
{
	static const unsigned int to_1[] = { 1 }, to_0[] = { 1, 0, 1, 0 }, back_to_1[] = { 0, 1, 0, 1 };
	uint32_t before0, before1;
	bool every_once = true;

	gicd_write_bit(GICD_ICENABLER, ATTACKER_DOORBELL);
	gicd_write_bit(GICD_ICPENDR, ATTACKER_DOORBELL);
	gicd_set_route(ATTACKER_DOORBELL, 0);
	before0 = received[0][ATTACKER_DOORBELL];
	before1 = received[1][ATTACKER_DOORBELL];
	/* Made pending for vCPU 0, then routed to vCPU 1 before it is enabled. */
	pend_then_route(to_1, 1);
	check(wait_received(1, ATTACKER_DOORBELL, before1 + 1) && received[0][ATTACKER_DOORBELL] == before0,
	      "reroute-pending-spi-delivered-once", "vCPU 1 took it %u times, vCPU 0 %u times",
	      received[1][ATTACKER_DOORBELL] - before1, received[0][ATTACKER_DOORBELL] - before0);
	/* Back and forth: each time once, to where it was routed last. */
	for (unsigned int round = 0; round < 4; round++) {
		unsigned int target = round % 2 == 0 ? 0 : 1;
		uint32_t expected = received[target][ATTACKER_DOORBELL] + 1;
		uint32_t other = received[1 - target][ATTACKER_DOORBELL];

		pend_then_route(target == 0 ? to_0 : back_to_1, 4);
		every_once = every_once && wait_received(target, ATTACKER_DOORBELL, expected) &&
			     received[1 - target][ATTACKER_DOORBELL] == other;
	}
	check(every_once, "reroute-back-and-forth-delivered-once", "vCPU 0 took it %u times, vCPU 1 %u times",
	      received[0][ATTACKER_DOORBELL] - before0, received[1][ATTACKER_DOORBELL] - before1);
	/* Cleared after a move: where it went must not count it twice (or below zero). */
	gicd_write_bit(GICD_ICENABLER, ATTACKER_DOORBELL);
	gicd_set_route(ATTACKER_DOORBELL, 0);
	gicd_write_bit(GICD_ISPENDR, ATTACKER_DOORBELL);
	gicd_set_route(ATTACKER_DOORBELL, 1);
	gicd_write_bit(GICD_ICPENDR, ATTACKER_DOORBELL);
	gicd_set_route(ATTACKER_DOORBELL, 0);
	before0 = received[0][ATTACKER_DOORBELL];
	before1 = received[1][ATTACKER_DOORBELL];
	gicd_write_bit(GICD_ISENABLER, ATTACKER_DOORBELL);
	nap(counter_frequency() / 20);
	check(received[0][ATTACKER_DOORBELL] == before0 && received[1][ATTACKER_DOORBELL] == before1,
	      "reroute-cleared-stays-cleared", "a cleared SPI was delivered (%u, %u)",
	      received[0][ATTACKER_DOORBELL] - before0, received[1][ATTACKER_DOORBELL] - before1);
	gicd_set_route(ATTACKER_DOORBELL, 1);
	gicd_write_bit(GICD_ISPENDR, ATTACKER_DOORBELL);
	gic_send_sgi(SGI_CHECK, 1);
	check(wait_received(1, ATTACKER_DOORBELL, before1 + 1) && wait_received(1, SGI_CHECK, 1) &&
	      !gicd_bit_set(GICD_ISPENDR, ATTACKER_DOORBELL) && !gicd_bit_set(GICD_ISACTIVER, ATTACKER_DOORBELL),
	      "reroute-nothing-lost-or-left-pending", "vCPU 1: %u doorbell, %u SGI; pending %d, active %d",
	      received[1][ATTACKER_DOORBELL] - before1, received[1][SGI_CHECK],
	      gicd_bit_set(GICD_ISPENDR, ATTACKER_DOORBELL), gicd_bit_set(GICD_ISACTIVER, ATTACKER_DOORBELL));
}

/* Rings a doorbell for a phase; the victim learns how often through the link. */
static void doorbell_storm(uintptr_t doorbell, struct link *link)
{
	uint64_t rings = 0;

	for (uint64_t start = phase_start(); until(start); rings++)
		mmio_write32(doorbell, 1);
	link->rings = rings;
	dsb_sy();
}

static void wait_configured(const struct link *link)
{
	uint64_t start = counter_read();

	while (link->ready < LINK_CONFIGURED && counter_read() - start < 10 * counter_frequency())
		nap(counter_frequency() / 1000);
}

void attacker_main(void)
{
	gic_init();
	listen();
	nap_init();
	irq_enable();
	check(start_vcpu(1, vcpu1_main) == 0, "attacker-second-vcpu-on", "CPU_ON of vCPU 1 failed");
	while (!__atomic_load_n(&vcpu1_ready, __ATOMIC_ACQUIRE))
		nap(counter_frequency() / 1000);
	wait_configured(LINK(LINK_IPA));
	wait_configured(LINK(ATTACKER_BYSTANDER_LINK));
	park_pending_for_vcpu1();

	set_phase(PHASE_QUIET);
	for (uint64_t start = phase_start(); until(start);)
		;
	set_phase(PHASE_CTLR_LOOP);
	ctlr_loop();
	set_phase(PHASE_NOOP_WRITES);
	noop_writes();
	set_phase(PHASE_PEND_TOGGLE);
	pend_toggle();
	set_phase(PHASE_SGI_STORM);
	sgi_storm();
	set_phase(PHASE_FOREIGN);
	check_sgis();
	attack_foreign_spis();
	attack_redistributors();
	set_phase(PHASE_REROUTE);
	reroute();
	for (uint64_t start = counter_read(); LINK(LINK_IPA)->ready != LINK_MEASURING &&
	     counter_read() - start < 10 * counter_frequency();)
		nap(counter_frequency() / 1000);
	set_phase(PHASE_OWNER_STORM);
	doorbell_storm(OWNER_LINK_DOORBELL, LINK(LINK_IPA));
	set_phase(PHASE_BYSTANDER_STORM);
	doorbell_storm(BYSTANDER_LINK_DOORBELL, LINK(ATTACKER_BYSTANDER_LINK));
	set_phase(PHASE_FINISHED);
}
