/*
 * GICv3: the distributor (set up once, by vCPU 0), this vCPU's
 * redistributor and its CPU interface. Every interrupt is Group 1 with one
 * priority: the tests need delivery, not preemption between interrupts.
 */
#include <arch.h>
#include <gic.h>

#define GIC_REG_BITS		32	/* enable/group bits per 32-bit register */
#define GIC_PRIORITY_BYTES	4	/* priority fields per 32-bit register */
#define GICD_IROUTER_SIZE	8

static uintptr_t distributor = GICD_BASE, redistributors = GICR_BASE;

void gic_set_bases(uintptr_t gicd, uintptr_t gicr)
{
	distributor = gicd;
	redistributors = gicr;
}

uintptr_t gic_distributor(void)
{
	return distributor;
}

static uintptr_t redistributor(void)
{
	return redistributors + GICR_STRIDE * this_vcpu();
}

static uint32_t bit_of(unsigned int intid)
{
	return 1U << (intid % GIC_REG_BITS);
}

static uintptr_t word_of(unsigned int intid)
{
	return (intid / GIC_REG_BITS) * sizeof(uint32_t);
}

static void set_priority(uintptr_t ipriorityr, unsigned int intid)
{
	uintptr_t word = ipriorityr + (intid / GIC_PRIORITY_BYTES) * sizeof(uint32_t);
	unsigned int shift = (intid % GIC_PRIORITY_BYTES) * GIC_PRIORITY_BITS;
	uint32_t value = mmio_read32(word);

	value &= ~(GIC_PRIORITY_FIELD << shift);
	value |= (uint32_t)GIC_PRIORITY_DEFAULT << shift;
	mmio_write32(word, value);
}

void gic_cpu_init(void)
{
	uintptr_t rd = redistributor();

	/* A redistributor starts asleep: wake it before touching its SGI frame. */
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;
	mmio_write32(rd + GICR_SGI_FRAME + GICR_IGROUPR0, GICR_IGROUPR0_ALL_GROUP1);

	sysreg_icc_sre_el1_write(sysreg_icc_sre_el1_read() | ICC_SRE_SRE);
	isb();
	sysreg_icc_pmr_el1_write(ICC_PMR_ALLOW_ALL);
	sysreg_icc_igrpen1_el1_write(ICC_IGRPEN1_ENABLE);
	isb();
}

void gic_init(void)
{
	mmio_write32(distributor + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1);
	gic_cpu_init();
}

void gic_enable(unsigned int intid)
{
	if (intid < GIC_SPI_BASE) {
		uintptr_t sgi_frame = redistributor() + GICR_SGI_FRAME;

		set_priority(sgi_frame + GICR_IPRIORITYR, intid);
		mmio_write32(sgi_frame + GICR_ISENABLER0, bit_of(intid));
		return;
	}
	mmio_write32(distributor + GICD_IGROUPR + word_of(intid),
		     mmio_read32(distributor + GICD_IGROUPR + word_of(intid)) | bit_of(intid));
	set_priority(distributor + GICD_IPRIORITYR, intid);
	/* With affinity routing, Aff0 = this vCPU's index routes it here. */
	mmio_write64(distributor + GICD_IROUTER + GICD_IROUTER_SIZE * intid, this_vcpu());
	mmio_write32(distributor + GICD_ISENABLER + word_of(intid), bit_of(intid));
}

void gic_disable(unsigned int intid)
{
	if (intid < GIC_SPI_BASE)
		mmio_write32(redistributor() + GICR_SGI_FRAME + GICR_ICENABLER0, bit_of(intid));
	else
		mmio_write32(distributor + GICD_ICENABLER + word_of(intid), bit_of(intid));
}

void gic_clear_active(unsigned int intid)
{
	if (intid < GIC_SPI_BASE)
		mmio_write32(redistributor() + GICR_SGI_FRAME + GICR_ICACTIVER0, bit_of(intid));
	else
		mmio_write32(distributor + GICD_ICACTIVER + word_of(intid), bit_of(intid));
}

void gic_send_sgi(unsigned int intid, unsigned int target_vcpu)
{
	uint64_t value = ((uint64_t)intid << ICC_SGI1R_INTID_SHIFT) |
			 ((1UL << target_vcpu) & ICC_SGI1R_TARGETS_MASK);

	dsb_sy();	/* what the target will read is written before it is woken */
	sysreg_icc_sgi1r_el1_write(value);
	isb();
}

unsigned int gic_acknowledge(void)
{
	return (unsigned int)(sysreg_icc_iar1_el1_read() & ICC_IAR_INTID_MASK);
}

void gic_end_of_interrupt(unsigned int intid)
{
	sysreg_icc_eoir1_el1_write(intid);
	isb();
}

void irq_enable(void)
{
	__asm__ volatile("msr daifclr, %0" : : "i"(DAIF_IRQ_BIT) : "memory");
}

void irq_disable(void)
{
	__asm__ volatile("msr daifset, %0" : : "i"(DAIF_IRQ_BIT) : "memory");
}
