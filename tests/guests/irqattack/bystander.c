/*
 * The bystander: shares CPU 2 with the attacker's vCPU 1 (9 ms of every
 * 10) and spins with interrupts masked, so that every exit it makes is
 * one the hypervisor forced on it. It counts its exits during each of the
 * attacker's attacks: writes that change nothing, and interrupts made
 * pending for the descheduled vCPU, must not cost it an exit each. Then
 * it checks that its own interrupts (virtio8, a doorbell) kept their
 * configuration and that no SGI of the attacker's reached it.
 */
#include "link.h"

/* No table of names: it would hold link-time addresses, and the image runs where it is loaded. */
static const char *phase_name(unsigned int phase)
{
	switch (phase) {
	case PHASE_QUIET: return "quiet";
	case PHASE_CTLR_LOOP: return "ctlr-loop";
	case PHASE_NOOP_WRITES: return "noop-writes";
	case PHASE_PEND_TOGGLE: return "pend-toggle";
	case PHASE_SGI_STORM: return "sgi-storm";
	case PHASE_BYSTANDER_STORM: return "doorbell-storm";
	default: return 0;
	}
}

static struct self_stats at_start[PHASES];

static void configure(void)
{
	gic_init();
	for (unsigned int sgi = 0; sgi < GIC_SGI_COUNT; sgi++) {
		set_irq_handler(sgi, count_interrupt);
		gic_enable(sgi);
	}
	set_irq_handler(BYSTANDER_DOORBELL, count_interrupt);
	set_irq_handler(BYSTANDER_VIRTIO_INTID, count_interrupt);
	gic_enable(BYSTANDER_DOORBELL);
	gic_enable(BYSTANDER_VIRTIO_INTID);
	gicd_set_priority(BYSTANDER_DOORBELL, BYSTANDER_DOORBELL_PRIORITY);
	gicd_set_priority(BYSTANDER_VIRTIO_INTID, BYSTANDER_VIRTIO_PRIORITY);
	mmio_write32(gicd_icfgr_word(BYSTANDER_VIRTIO_INTID),
		     mmio_read32(gicd_icfgr_word(BYSTANDER_VIRTIO_INTID)) | gicd_edge_bit(BYSTANDER_VIRTIO_INTID));
}

/*
 * Every phase's exits and windows; a stats call marks each start (and
 * costs an exit). A jump in the counter is a new window: the attacker
 * paces its attacks by them.
 */
static void follow_phases(struct link *link)
{
	uint32_t seen = PHASE_SETUP;
	uint64_t start = counter_read(), previous = start, gap = counter_frequency() / 50000;

	while (seen < PHASE_FINISHED && previous - start < 60 * counter_frequency()) {
		uint64_t counter = counter_read();
		uint32_t now = link->phase;

		if (counter - previous > gap)
			link->windows++;
		previous = counter;
		if (now == seen || now >= PHASES)
			continue;
		for (uint32_t p = seen + 1; p <= now; p++)
			at_start[p] = self_stats(ID_BYSTANDER);
		seen = now;
	}
}

static void report(void)
{
	for (unsigned int p = PHASE_QUIET; p < PHASE_FINISHED; p++) {
		uint64_t exits = at_start[p + 1].exits - at_start[p].exits;
		uint64_t windows = at_start[p + 1].windows - at_start[p].windows;
		const char *phase = phase_name(p);
		char name[48];
		unsigned int n = 0;

		if (phase == 0)
			continue;
		console_printf("EXITS %s: %llu exits in %llu windows\n", phase, (unsigned long long)exits,
			       (unsigned long long)windows);
		for (const char *c = "bystander-exits-bounded-"; *c != '\0'; c++)
			name[n++] = *c;
		for (const char *c = phase; *c != '\0' && n < sizeof(name) - 1; c++)
			name[n++] = *c;
		name[n] = '\0';
		/* The window's own switch, its timer, the stats call: a few a window, whatever the attack. */
		check(windows > 0 && exits <= 3 * windows + 8, name, "%llu exits in %llu windows",
		      (unsigned long long)exits, (unsigned long long)windows);
	}
}

static bool config_is(unsigned int intid, uint8_t priority)
{
	return gicd_bit_set(GICD_ISENABLER, intid) && !gicd_bit_set(GICD_ISACTIVER, intid) &&
	       gicd_priority(intid) == priority && (mmio_read32(gicd_icfgr_word(intid)) & gicd_edge_bit(intid)) &&
	       gicd_route(intid) == 0;
}

void bystander_main(void)
{
	struct link *link = LINK(LINK_IPA);

	__asm__ volatile("msr daifset, #0xf");
	configure();
	link->ready = LINK_CONFIGURED;
	follow_phases(link);
	report();
	check(config_is(BYSTANDER_VIRTIO_INTID, BYSTANDER_VIRTIO_PRIORITY) &&
	      config_is(BYSTANDER_DOORBELL, BYSTANDER_DOORBELL_PRIORITY) &&
	      !gicd_bit_set(GICD_ISPENDR, BYSTANDER_VIRTIO_INTID), "bystander-config-unchanged",
	      "virtio8: enabled %d pending %d priority %#x route %#llx; doorbell: enabled %d priority %#x",
	      gicd_bit_set(GICD_ISENABLER, BYSTANDER_VIRTIO_INTID), gicd_bit_set(GICD_ISPENDR, BYSTANDER_VIRTIO_INTID),
	      gicd_priority(BYSTANDER_VIRTIO_INTID), (unsigned long long)gicd_route(BYSTANDER_VIRTIO_INTID),
	      gicd_bit_set(GICD_ISENABLER, BYSTANDER_DOORBELL), gicd_priority(BYSTANDER_DOORBELL));
	/* What waited while it was masked arrives now. */
	__asm__ volatile("msr daifclr, #0xf");
	delay_ticks(counter_frequency() / 20);
	/* One, or two if a ring came after the hypervisor last merged one into its list register. */
	check(taken[BYSTANDER_DOORBELL] >= 1 && taken[BYSTANDER_DOORBELL] <= 2, "bystander-storm-merged",
	      "%u doorbell interrupts after the storm", taken[BYSTANDER_DOORBELL]);
	check(sgis_taken() == 0 && taken[BYSTANDER_VIRTIO_INTID] == 0, "bystander-no-foreign-interrupt",
	      "%u SGIs, %u virtio8 interrupts", sgis_taken(), taken[BYSTANDER_VIRTIO_INTID]);
}
