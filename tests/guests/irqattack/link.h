/*
 * What the four roles of tests/layouts/vgic-attacks.yaml share: the
 * interrupts the attacker aims at, and the channel page through which it
 * tells the others which attack runs (they measure themselves around each).
 */
#ifndef IRQATTACK_LINK_H
#define IRQATTACK_LINK_H

#include <guest.h>

#include <stdint.h>

/* Partition ids: the layout's order. */
#define ID_REFEREE		0
#define ID_OWNER		1
#define ID_ATTACKER		2
#define ID_BYSTANDER		3

/* The owner's and the bystander's interrupts: real SPIs and doorbells. */
#define RTC_INTID		34	/* owner: a device that can fire */
#define OWNER_VIRTIO_INTID	48	/* owner: virtio0, which never fires */
#define BYSTANDER_VIRTIO_INTID	56	/* bystander: virtio8 */
#define ATTACKER_DOORBELL	100	/* the attacker's own SPI (no device) */
#define OWNER_DOORBELL		101
#define BYSTANDER_DOORBELL	102

/* Configuration the victims give their interrupts, read back after the attacks. */
#define RTC_PRIORITY		0x90
#define OWNER_DOORBELL_PRIORITY	0x98
#define BYSTANDER_VIRTIO_PRIORITY 0x50
#define BYSTANDER_DOORBELL_PRIORITY 0x60

/* Each end of a channel at 0x50000000 in its partition (the attacker's second at 0x50010000). */
#define LINK_IPA		0x50000000UL
#define ATTACKER_BYSTANDER_LINK	0x50010000UL
#define OWNER_LINK_DOORBELL	0x0b001000UL	/* channel 0's doorbell page */
#define BYSTANDER_LINK_DOORBELL	0x0b002000UL	/* channel 1's */

enum phase {
	PHASE_SETUP,
	PHASE_QUIET,		/* the attacker does nothing: the bystander's baseline */
	PHASE_CTLR_LOOP,	/* GICD_CTLR written with what it holds */
	PHASE_NOOP_WRITES,	/* every other register written without a change */
	PHASE_PEND_TOGGLE,	/* its own SPI made pending and cleared, for its descheduled vCPU */
	PHASE_SGI_STORM,	/* SGIs: to its descheduled vCPU, IRM, foreign targets, ASGI1R, SGI0R */
	PHASE_FOREIGN,		/* every distributor register on the others' SPIs; redistributors */
	PHASE_REROUTE,		/* its own pending SPI routed between its vCPUs */
	PHASE_OWNER_STORM,	/* the owner's doorbell rung in a loop */
	PHASE_BYSTANDER_STORM,	/* the bystander's, while it has interrupts masked */
	PHASE_FINISHED,
	PHASES
};

struct link {
	volatile uint32_t phase;	/* written by the attacker */
	volatile uint32_t ready;	/* written by the victim: LINK_* */
	volatile uint64_t rings;	/* doorbell rings of the last storm, from the attacker */
	volatile uint64_t windows;	/* the bystander's windows so far: attacks last 5 of them */
};

#define LINK_CONFIGURED		1	/* its interrupts are set up: attack */
#define LINK_MEASURING		2	/* the owner counts: start its storm */

#define LINK(address)		((struct link *)(address))

/* Distributor registers the runtime's gic.h does not name. */
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_ICACTIVER		0x0380
#define GICD_ICFGR		0x0c00
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		(1UL << 4)
#define GICR_ISPENDR0		0x0200

static inline uintptr_t gicd_bit_word(uint32_t base, unsigned int intid)
{
	return GICD_BASE + base + (intid / 32) * 4;
}

static inline uint32_t gicd_bit(unsigned int intid)
{
	return 1U << (intid % 32);
}

static inline uintptr_t gicd_icfgr_word(unsigned int intid)
{
	return GICD_BASE + GICD_ICFGR + (intid / 16) * 4;
}

static inline uint32_t gicd_edge_bit(unsigned int intid)
{
	return 2U << ((intid % 16) * 2);
}

static inline uint8_t gicd_priority(unsigned int intid)
{
	return *(volatile uint8_t *)(GICD_BASE + GICD_IPRIORITYR + intid);
}

static inline void gicd_set_priority(unsigned int intid, uint8_t priority)
{
	*(volatile uint8_t *)(GICD_BASE + GICD_IPRIORITYR + intid) = priority;
}

static inline uint64_t gicd_route(unsigned int intid)
{
	return *(volatile uint64_t *)(GICD_BASE + GICD_IROUTER + 8 * intid);
}

static inline void gicd_set_route(unsigned int intid, uint64_t route)
{
	*(volatile uint64_t *)(GICD_BASE + GICD_IROUTER + 8 * intid) = route;
}

static inline bool gicd_bit_set(uint32_t base, unsigned int intid)
{
	return (mmio_read32(gicd_bit_word(base, intid)) & gicd_bit(intid)) != 0;
}

static inline void gicd_write_bit(uint32_t base, unsigned int intid)
{
	mmio_write32(gicd_bit_word(base, intid), gicd_bit(intid));
}

/* This vCPU's exits so far, as the hypervisor counts them (and its windows). */
struct self_stats { uint64_t exits, windows, interrupts; };
struct self_stats self_stats(unsigned int partition);

/* Sleeps (WFI) for about ticks, woken by the virtual timer: a waiting role
 * leaves the host's CPUs to the ones under test. nap_init() once per vCPU. */
void nap_init(void);
void nap(uint64_t ticks);
extern volatile uint32_t naps_taken;	/* timer interrupts that ended one */

/* Interrupts taken by INTID (vCPU 0 of the owner and the bystander). */
extern volatile uint32_t taken[IRQ_HANDLERS_MAX];
void count_interrupt(unsigned int intid);
uint32_t sgis_taken(void);

void referee_main(void);
void owner_main(void);
void attacker_main(void);
void bystander_main(void);

#endif
