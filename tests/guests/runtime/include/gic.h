/*
 * GICv3 as QEMU's virt machine (and a partition) sees it: the distributor
 * at 0x08000000, one redistributor per vCPU from 0x080a0000 (unless
 * gic_set_bases() says otherwise, for another hypervisor's layout), the CPU
 * interface through the ICC_* system registers. Everything is Group 1
 * (non-secure), EOImode 0: an EOI also deactivates.
 */
#ifndef GUEST_GIC_H
#define GUEST_GIC_H

#include <stdint.h>

#define GICD_BASE		0x08000000UL
#define GICR_BASE		0x080a0000UL
#define GICR_STRIDE		0x20000UL	/* RD frame + SGI frame */
#define GICR_SGI_FRAME		0x10000UL

/* Distributor registers. */
#define GICD_CTLR		0x0000
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_IROUTER		0x6000
#define GICD_CTLR_ENABLE_G1	(1U << 1)
#define GICD_CTLR_ARE		(1U << 4)

/* Redistributor: RD frame, then registers of the SGI frame. */
#define GICR_WAKER		0x0014
#define GICR_WAKER_PROCESSOR_SLEEP	(1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP	(1U << 2)
#define GICR_IGROUPR0		0x0080
#define GICR_IGROUPR0_ALL_GROUP1	0xffffffffU	/* every SGI and PPI */
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180
#define GICR_ICACTIVER0		0x0380
#define GICR_IPRIORITYR		0x0400

/* CPU interface fields. */
#define ICC_SRE_SRE		(1UL << 0)
#define ICC_PMR_ALLOW_ALL	0xffUL
#define ICC_IGRPEN1_ENABLE	(1UL << 0)
#define ICC_IAR_INTID_MASK	0xffffffUL
#define ICC_SGI1R_TARGETS_MASK	0xffffUL
#define ICC_SGI1R_INTID_SHIFT	24

/* INTIDs: 0-15 SGIs, 16-31 PPIs, then SPIs; 1020-1023 are special. */
#define GIC_SGI_COUNT		16
#define GIC_SPI_BASE		32
#define GIC_INTID_SPECIAL	1020
#define GIC_PRIORITY_BITS	8
#define GIC_PRIORITY_FIELD	0xffU
#define GIC_PRIORITY_DEFAULT	0xa0	/* below PMR 0xff: always delivered */

/* Where the distributor and the first redistributor are; before gic_init(). */
void gic_set_bases(uintptr_t gicd, uintptr_t gicr);
uintptr_t gic_distributor(void);
void gic_init(void);		/* distributor (vCPU 0), then gic_cpu_init() */
void gic_cpu_init(void);	/* this vCPU's redistributor and CPU interface */
void gic_enable(unsigned int intid);	/* an SPI is routed to this vCPU */
void gic_disable(unsigned int intid);
void gic_clear_active(unsigned int intid);	/* GICR_ICACTIVER0 / GICD_ICACTIVER */
/* An SGI to one vCPU of this partition (Aff0 = vcpu, Aff1-3 = 0). */
void gic_send_sgi(unsigned int intid, unsigned int target_vcpu);
/* The next pending interrupt, or >= GIC_INTID_SPECIAL; EOI it after. */
unsigned int gic_acknowledge(void);
void gic_end_of_interrupt(unsigned int intid);
void irq_enable(void);
void irq_disable(void);

#endif
