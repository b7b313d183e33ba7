/* SMMUv3 registers and structures (Arm IHI 0070), as smmuv3*.c use them. */
#ifndef SMMUV3_INTERNAL_H
#define SMMUV3_INTERNAL_H

#include <stdint.h>

#define SMMU_IDR0		0x00
#define SMMU_IDR1		0x04
#define SMMU_IDR5		0x14
#define SMMU_CR0		0x20
#define SMMU_CR0ACK		0x24
#define SMMU_CR1		0x28
#define SMMU_CR2		0x2c
#define SMMU_GBPA		0x44
#define SMMU_IRQ_CTRL		0x50
#define SMMU_IRQ_CTRLACK	0x54
#define SMMU_GERROR		0x60
#define SMMU_GERRORN		0x64
#define SMMU_GERROR_IRQ_CFG0	0x68
#define SMMU_STRTAB_BASE	0x80
#define SMMU_STRTAB_BASE_CFG	0x88
#define SMMU_CMDQ_BASE		0x90
#define SMMU_CMDQ_PROD		0x98
#define SMMU_CMDQ_CONS		0x9c
#define SMMU_EVENTQ_BASE	0xa0
#define SMMU_EVENTQ_IRQ_CFG0	0xb0
#define SMMU_EVENTQ_PROD	0x100a8	/* page 1 */
#define SMMU_EVENTQ_CONS	0x100ac

#define IDR0_S2P		(1U << 0)
#define IDR0_S1P		(1U << 1)
#define IDR0_TTF_AARCH64	(2U << 2)
#define IDR0_TTENDIAN(v)	(((v) >> 21) & 3U)
#define IDR0_TTENDIAN_BE	3U
#define IDR1_SIDSIZE(v)		((v) & 0x3fU)
#define IDR1_EVENTQS(v)		(((v) >> 16) & 0x1fU)
#define IDR1_CMDQS(v)		(((v) >> 21) & 0x1fU)
#define IDR1_TABLES_PRESET	(1U << 30)
#define IDR1_QUEUES_PRESET	(1U << 29)
#define IDR5_OAS(v)		((v) & 7U)
#define IDR5_OAS_40BIT		2U
#define IDR5_GRAN4K		(1U << 4)

#define CR0_SMMUEN		(1U << 0)
#define CR0_EVENTQEN		(1U << 2)
#define CR0_CMDQEN		(1U << 3)
/* Tables and queues: inner-shareable, write-back cacheable (inner and outer). */
#define CR1_VALUE		((1U << 0) | (1U << 2) | (3U << 4) | (1U << 6) | (1U << 8) | (3U << 10))
#define CR2_RECINVSID		(1U << 1)	/* report streams beyond the table */
#define GBPA_ABORT		(1U << 20)
#define GBPA_UPDATE		(1U << 31)
#define IRQ_CTRL_GERROR		(1U << 0)
#define IRQ_CTRL_EVENTQ		(1U << 2)

#define GERROR_CMDQ_ERR		(1U << 0)
#define GERROR_EVENTQ_ABT_ERR	(1U << 2)
#define CMDQ_CONS_ERR(v)	(((v) >> 24) & 0x7fU)
#define QUEUE_OVERFLOW		(1U << 31)	/* EVENTQ_PROD.OVFLG, EVENTQ_CONS.OVACKFLG */

#define BASE_READ_ALLOCATE	(1UL << 62)
#define BASE_ADDR_MASK		0x000fffffffffffe0UL

/* Queue sizes (log2 of entries): well within any SMMU's maximum (IDR1). */
#define CMDQ_LOG2		5
#define EVENTQ_LOG2		7
#define CMD_DWORDS		2
#define EVENT_DWORDS		4
#define STE_DWORDS		8
#define CD_DWORDS		8

#define CMD_CFGI_STE		0x03
#define CMD_CFGI_ALL		0x04
#define CMD_TLBI_NH_ASID	0x11
#define CMD_TLBI_NSNH_ALL	0x30
#define CMD_SYNC		0x46

#define STE_0_V			(1UL << 0)
#define STE_0_CFG_ABORT		(0UL << 1)
#define STE_0_CFG_S1_TRANS	(5UL << 1)	/* stage 1 translates, stage 2 bypassed */
#define STE_0_S1FMT_LINEAR	(0UL << 4)
#define STE_0_S1CTXPTR_MASK	0x000fffffffffffc0UL
/* CD fetches inner-shareable write-back; "stream world" NS-EL1. */
#define STE_1_VALUE		((1UL << 2) | (1UL << 4) | (3UL << 6))

#define CD_0_T0SZ(bits)		(64UL - (bits))
#define CD_0_TG0_4K		(0UL << 6)
#define CD_0_IRGN0_WBWA		(1UL << 8)
#define CD_0_ORGN0_WBWA		(1UL << 10)
#define CD_0_SH0_INNER		(3UL << 12)
#define CD_0_EPD1		(1UL << 30)
#define CD_0_V			(1UL << 31)
#define CD_0_IPS_40BIT		(2UL << 32)
#define CD_0_AA64		(1UL << 41)
#define CD_0_R			(1UL << 45)	/* record faults */
#define CD_0_A			(1UL << 46)	/* abort faulting transactions */
#define CD_0_ASET		(1UL << 47)	/* not shared with the CPUs' broadcast TLB maintenance */
#define CD_0_ASID(a)		((uint64_t)(a) << 48)
#define CD_1_TTB0_MASK		0x000ffffffffffff0UL

#define EVENT_TYPE(e0)		((unsigned int)((e0) & 0xff))
#define EVENT_STREAM(e0)	((uint32_t)((e0) >> 32))
#define EVENT_READ(e1)		(((e1) >> 35) & 1U)
#define EVT_BAD_STREAMID	0x02
#define EVT_F_TRANSLATION	0x10
#define EVT_F_ADDR_SIZE		0x11
#define EVT_F_ACCESS		0x12
#define EVT_F_PERMISSION	0x13

struct smmu_state {
	uintptr_t base;
	uint32_t eventq_cons;		/* our copy, with its wrap bit */
	const struct layout_iommu *board;
};

extern struct smmu_state smmu;

static inline volatile uint32_t *smmu_reg(uintptr_t offset)
{
	return (volatile uint32_t *)(smmu.base + offset);
}

static inline volatile uint64_t *smmu_reg64(uintptr_t offset)
{
	return (volatile uint64_t *)(smmu.base + offset);
}

/* The event queue, for smmuv3_events.c. */
extern uint64_t smmu_eventq[1U << EVENTQ_LOG2][EVENT_DWORDS];

void smmu_events_drain(void);
void smmu_gerror_report(void);

#endif
