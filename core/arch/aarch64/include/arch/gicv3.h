/*
 * GICv3 registers: distributor, redistributor and the system-register CPU
 * and virtual interfaces. Field names follow the GICv3 architecture
 * specification; only what the hypervisor uses is named.
 */
#ifndef ARCH_GICV3_H
#define ARCH_GICV3_H

#include <stdint.h>

/* Interrupt id ranges. */
#define GIC_SGI_COUNT		16
#define GIC_PRIVATE_COUNT	32	/* SGIs and PPIs */
#define GIC_SPURIOUS		1020
#define GIC_MAX_INTID		1020

/* The hypervisor's own interrupts. */
#define GIC_SGI_KICK		0	/* look at your vCPUs again */
#define GIC_PPI_MAINTENANCE	25
#define GIC_PPI_HYP_TIMER	26
#define GIC_PPI_VIRT_TIMER	27

/* Distributor. */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IIDR		0x0008
#define GICD_TYPER2		0x000c
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_IROUTER		0x6000
#define GICD_PIDR2		0xffe8
#define GICD_SIZE		0x10000

#define GICD_CTLR_ENABLE_G1	(1U << 1)	/* EnableGrp1 (one security state) or EnableGrp1A */
#define GICD_CTLR_ARE		(1U << 4)
#define GICD_CTLR_DS		(1U << 6)
#define GICD_CTLR_RWP		(1U << 31)
#define GICD_TYPER_ITLINES(t)	((t) & 0x1fU)
#define GICD_TYPER_IDBITS_SHIFT	19

/* Redistributor: RD frame, then the SGI frame 64 KiB above it. */
#define GICR_CTLR		0x0000
#define GICR_IIDR		0x0004
#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_PIDR2		0xffe8
#define GICR_SGI_FRAME		0x10000
#define GICR_FRAME_SIZE		0x20000

#define GICR_TYPER_LAST		(1UL << 4)
#define GICR_TYPER_PROCESSOR_SHIFT	8
#define GICR_TYPER_AFFINITY_SHIFT	32
#define GICR_WAKER_PROCESSOR_SLEEP	(1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP	(1U << 2)

#define GIC_PIDR2_ARCH_V3	(0x3U << 4)

/* CPU interface (ICC) and virtual interface control (ICH). */
#define ICC_SRE_SRE		(1UL << 0)
#define ICC_SRE_DFB		(1UL << 1)
#define ICC_SRE_DIB		(1UL << 2)
#define ICC_SRE_EL2_ENABLE	(1UL << 3)	/* EL1 may use ICC_SRE_EL1 */
#define ICC_CTLR_EOIMODE	(1UL << 1)	/* EOI drops priority, DIR deactivates */
#define ICC_SGI1R_TARGETS_MASK	0xffffUL
#define ICC_SGI1R_AFF1_SHIFT	16
#define ICC_SGI1R_INTID_SHIFT	24
#define ICC_SGI1R_INTID_MASK	0xfUL
#define ICC_SGI1R_AFF2_SHIFT	32
#define ICC_SGI1R_IRM		(1UL << 40)
#define ICC_SGI1R_AFF3_SHIFT	48

#define ICH_HCR_EN		(1UL << 0)
#define ICH_HCR_UIE		(1UL << 1)	/* maintenance interrupt when LRs run low */
#define ICH_VTR_LISTREGS(v)	(((v) & 0x1fU) + 1)
#define ICH_VTR_PREBITS(v)	((unsigned int)(((v) >> 26) & 7U) + 1)	/* preemption bits */

#define ICH_LR_VINTID_MASK	0xffffffffUL
#define ICH_LR_PINTID_SHIFT	32
#define ICH_LR_PINTID_MASK	0x3ffUL
#define ICH_LR_PRIORITY_SHIFT	48
#define ICH_LR_GROUP1		(1UL << 60)
#define ICH_LR_HW		(1UL << 61)
#define ICH_LR_EOI		(1UL << 41)	/* HW = 0: maintenance interrupt when deactivated */
#define ICH_LR_STATE_SHIFT	62
#define ICH_LR_STATE_MASK	3UL
#define ICH_LR_PENDING		1UL
#define ICH_LR_ACTIVE		2UL

#define ICH_LR_COUNT_MAX	16

#endif
