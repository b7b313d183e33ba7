/*
 * The owner: holds the RTC (a device that fires), virtio0 and a doorbell,
 * configured its own way. After the attacker has written every
 * distributor register on them, their configuration must be as it left
 * it, nothing may have fired that it did not raise, no SGI may have
 * reached it, and the RTC must still interrupt it, once. Then it measures
 * what a doorbell storm from the attacker costs it.
 */
#include "link.h"

#define RTC_BASE		0x09010000UL
#define RTC_DR			0x00
#define RTC_MR			0x04
#define RTC_IMSC		0x10
#define RTC_ICR			0x1c
#define OWNER_VIRTIO_PRIORITY	0x88

static volatile uint32_t rtc_interrupts;

static void on_rtc(unsigned int intid)
{
	(void)intid;
	rtc_interrupts++;
	mmio_write32(RTC_BASE + RTC_ICR, 1);
}

static void wait_phase(const struct link *link, enum phase phase)
{
	uint64_t start = counter_read();

	while (link->phase < phase && counter_read() - start < 60 * counter_frequency())
		nap(counter_frequency() / 1000);
}

static bool config_is(unsigned int intid, uint8_t priority, bool edge)
{
	return gicd_bit_set(GICD_ISENABLER, intid) && !gicd_bit_set(GICD_ISPENDR, intid) &&
	       !gicd_bit_set(GICD_ISACTIVER, intid) && gicd_priority(intid) == priority &&
	       ((mmio_read32(gicd_icfgr_word(intid)) & gicd_edge_bit(intid)) != 0) == edge &&
	       gicd_route(intid) == 0;
}

static void configure(void)
{
	gic_init();
	for (unsigned int sgi = 0; sgi < GIC_SGI_COUNT; sgi++) {
		set_irq_handler(sgi, count_interrupt);
		gic_enable(sgi);
	}
	set_irq_handler(RTC_INTID, on_rtc);
	set_irq_handler(OWNER_DOORBELL, count_interrupt);
	set_irq_handler(OWNER_VIRTIO_INTID, count_interrupt);
	gic_enable(RTC_INTID);
	gic_enable(OWNER_DOORBELL);
	gic_enable(OWNER_VIRTIO_INTID);
	gicd_set_priority(RTC_INTID, RTC_PRIORITY);
	gicd_set_priority(OWNER_DOORBELL, OWNER_DOORBELL_PRIORITY);
	gicd_set_priority(OWNER_VIRTIO_INTID, OWNER_VIRTIO_PRIORITY);
	/* The RTC is level-triggered; virtio0 made edge, the doorbell is. */
	mmio_write32(gicd_icfgr_word(RTC_INTID), mmio_read32(gicd_icfgr_word(RTC_INTID)) & ~gicd_edge_bit(RTC_INTID));
	mmio_write32(gicd_icfgr_word(OWNER_VIRTIO_INTID),
		     mmio_read32(gicd_icfgr_word(OWNER_VIRTIO_INTID)) | gicd_edge_bit(OWNER_VIRTIO_INTID));
	irq_enable();
}

static void check_after_attacks(void)
{
	uint64_t start;

	check(config_is(RTC_INTID, RTC_PRIORITY, false) && config_is(OWNER_DOORBELL, OWNER_DOORBELL_PRIORITY, true) &&
	      config_is(OWNER_VIRTIO_INTID, OWNER_VIRTIO_PRIORITY, true), "owner-config-unchanged",
	      "RTC: enabled %d priority %#x edge %#x route %#llx; doorbell: enabled %d priority %#x; "
	      "virtio0: enabled %d priority %#x",
	      gicd_bit_set(GICD_ISENABLER, RTC_INTID), gicd_priority(RTC_INTID),
	      mmio_read32(gicd_icfgr_word(RTC_INTID)) & gicd_edge_bit(RTC_INTID),
	      (unsigned long long)gicd_route(RTC_INTID), gicd_bit_set(GICD_ISENABLER, OWNER_DOORBELL),
	      gicd_priority(OWNER_DOORBELL), gicd_bit_set(GICD_ISENABLER, OWNER_VIRTIO_INTID),
	      gicd_priority(OWNER_VIRTIO_INTID));
	check(rtc_interrupts == 0 && taken[OWNER_DOORBELL] == 0 && taken[OWNER_VIRTIO_INTID] == 0, "owner-no-spurious-interrupt",
	      "before it raised any: %u RTC, %u doorbell, %u virtio0 interrupts", rtc_interrupts, taken[OWNER_DOORBELL],
	      taken[OWNER_VIRTIO_INTID]);
	check(sgis_taken() == 0, "owner-no-foreign-sgi", "%u SGIs arrived", sgis_taken());

	mmio_write32(RTC_BASE + RTC_MR, mmio_read32(RTC_BASE + RTC_DR) + 1);
	mmio_write32(RTC_BASE + RTC_IMSC, 1);
	start = counter_read();
	while (rtc_interrupts == 0 && counter_read() - start < 3 * counter_frequency())
		nap(counter_frequency() / 1000);
	nap(counter_frequency() / 20);
	check(rtc_interrupts == 1, "owner-rtc-still-arrives", "the RTC alarm gave %u interrupts", rtc_interrupts);
}

static void measure_storm(struct link *link)
{
	struct self_stats before = self_stats(ID_OWNER), after;
	uint32_t doorbells_before = taken[OWNER_DOORBELL], naps_before = naps_taken, interrupts, naps;
	uint64_t exits;

	link->ready = LINK_MEASURING;
	wait_phase(link, PHASE_BYSTANDER_STORM);
	after = self_stats(ID_OWNER);
	interrupts = taken[OWNER_DOORBELL] - doorbells_before;
	exits = after.exits - before.exits;
	naps = naps_taken - naps_before;
	console_printf("STORM owner: %llu rings, %u interrupts, %llu exits, %u naps\n", (unsigned long long)link->rings,
		       interrupts, (unsigned long long)exits, naps);
	check(link->rings > 0 && interrupts >= 1 && interrupts <= link->rings, "owner-storm-interrupts-merged",
	      "%u interrupts for %llu rings", interrupts, (unsigned long long)link->rings);
	/* An exit per delivery at most (the kick and the interrupt are one), per nap, and the stats calls. */
	check(exits <= 2 * (uint64_t)(interrupts + naps) + 8, "owner-storm-exits-bounded",
	      "%llu exits for %u interrupts and %u naps", (unsigned long long)exits, interrupts, naps);
}

void owner_main(void)
{
	struct link *link = LINK(LINK_IPA);

	configure();
	nap_init();
	link->ready = LINK_CONFIGURED;
	wait_phase(link, PHASE_REROUTE);
	check(link->phase >= PHASE_REROUTE, "owner-saw-the-attacks", "the attacker never got past phase %u",
	      link->phase);
	check_after_attacks();
	measure_storm(link);
	wait_phase(link, PHASE_FINISHED);
}
