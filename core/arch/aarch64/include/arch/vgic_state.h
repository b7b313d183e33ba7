/*
 * Virtual GICv3 state: one record per virtual interrupt, the private ones
 * (SGIs, PPIs) per vCPU, the shared ones (SPIs) per partition. Virtual
 * INTIDs equal physical INTIDs, so a partition's device tree can name its
 * devices' real interrupts.
 */
#ifndef ARCH_VGIC_STATE_H
#define ARCH_VGIC_STATE_H

#include <arch/gicv3.h>
#include <spinlock.h>

#include <stdbool.h>
#include <stdint.h>

#define VGIC_MAX_SPIS		256
#define VGIC_MAX_INTID		(GIC_PRIVATE_COUNT + VGIC_MAX_SPIS)
#define VGIC_NO_INTID		0xffffU

struct virq {
	uint8_t priority;
	bool owned;		/* SPIs: the layout gives this interrupt to the partition */
	bool hw;		/* backed by the physical interrupt of the same id */
	bool enabled;
	bool pending;		/* waiting for a list register */
	bool active;		/* as last seen in a list register */
	bool in_lr;
	/* In a list register that asks for a maintenance interrupt when the
	 * partition deactivates it: the exit that follows hands over what is
	 * pending, so new edges need no kick until then. */
	bool eoi_armed;
	bool edge;
	uint8_t target;		/* vCPU index (SPIs: from GICD_IROUTER) */
	uint64_t route;		/* GICD_IROUTER as the partition wrote it */
};

struct vgic_cpu {
	struct virq private_irqs[GIC_PRIVATE_COUNT];
	uint16_t lr_intid[ICH_LR_COUNT_MAX];	/* what each list register holds */
	/* Bit n: lr_intid[n] holds an interrupt. Like lr_intid, written only
	 * by the CPU the vCPU runs on, or by a reset while it runs nowhere: that
	 * CPU reads it without the lock, and an exit with nothing in the list
	 * registers syncs nothing. */
	uint32_t lr_used;
	bool asleep;				/* GICR_WAKER.ProcessorSleep */
	/* The virtual CPU interface while the vCPU is off its (shared) CPU. */
	uint64_t saved_lrs[ICH_LR_COUNT_MAX];
	uint64_t saved_vmcr;
	uint64_t saved_ap0r[4], saved_ap1r[4];	/* as many as the CPU's priority bits need */
	/* Under the distributor lock: virqs with pending set whose target
	 * (an SPI's route) is this vCPU, for a cheap flush. The charge moves
	 * with the route (vgic_spi_set_target), so it is never left on a vCPU
	 * the interrupt no longer goes to. */
	unsigned int pending_count;
	uint32_t pending_private;		/* bit n: private_irqs[n].pending */
	/* A kick is on its way to this vCPU's CPU: set (atomically) by the
	 * CPU that sends it, cleared by the vCPU's own CPU when it next looks
	 * at its interrupts (vgic_flush). Further kicks until then would only
	 * cost whoever runs on that CPU an exit each. */
	bool kick_sent;
};

/*
 * The distributor lock protects every virq of the partition (its SPIs and
 * every vCPU's private ones), ctlr, pending_spis and each vCPU's
 * pending_count and pending_private: the partition's other vCPUs write
 * them from other CPUs at the same moment, and so do peers ringing a
 * doorbell and the CPUs forwarding its device interrupts.
 */
struct vgic_dist {
	struct spinlock lock;
	uint32_t ctlr;
	unsigned int spi_count;
	struct virq spis[VGIC_MAX_SPIS];
	/* Bit n of word n / 64: spis[n].pending. A flush looks only at what
	 * is pending instead of at every interrupt of the partition. */
	uint64_t pending_spis[VGIC_MAX_SPIS / 64];
};

_Static_assert(GIC_PRIVATE_COUNT == 32, "pending_private has a bit per private interrupt");
_Static_assert(VGIC_MAX_SPIS % 64 == 0, "pending_spis has a bit per SPI");

#endif
