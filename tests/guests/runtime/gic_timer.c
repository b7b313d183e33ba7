/* GICv3 (distributor, this vCPU's redistributor, ICC) and the virtual timer. */
#include <guest.h>

#define GICD_BASE		0x08000000UL
#define GICR_BASE		0x080a0000UL
#define GICR_STRIDE		0x20000UL
#define GICR_SGI		0x10000UL
#define GICD_CTLR		0x0000
#define GICD_ISENABLER		0x0100
#define GICD_IGROUPR		0x0080
#define GICD_IROUTER		0x6000
#define GICR_WAKER		0x0014
#define GICR_IGROUPR0		0x0080
#define GICR_ISENABLER0		0x0100
#define GICD_CTLR_ARE		(1U << 4)
#define GICD_CTLR_ENABLE_G1	(1U << 1)
#define WAKER_PROCESSOR_SLEEP	(1U << 1)
#define WAKER_CHILDREN_ASLEEP	(1U << 2)

#define REG32(addr) (*(volatile uint32_t *)(addr))

static unsigned int this_vcpu(void)
{
	uint64_t mpidr;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	return (unsigned int)(mpidr & 0xff);
}

static uintptr_t redistributor(void)
{
	return GICR_BASE + GICR_STRIDE * this_vcpu();
}

void gic_cpu_init(void)
{
	uintptr_t rd = redistributor();
	uint64_t sre;

	REG32(rd + GICR_WAKER) &= ~WAKER_PROCESSOR_SLEEP;
	while (REG32(rd + GICR_WAKER) & WAKER_CHILDREN_ASLEEP)
		;
	REG32(rd + GICR_SGI + GICR_IGROUPR0) = 0xffffffffU;
	__asm__ volatile("mrs %0, S3_0_C12_C12_5" : "=r"(sre));	/* ICC_SRE_EL1 */
	__asm__ volatile("msr S3_0_C12_C12_5, %0\n\tisb" : : "r"(sre | 1));
	__asm__ volatile("msr S3_0_C4_C6_0, %0" : : "r"(0xffUL));	/* ICC_PMR_EL1 */
	__asm__ volatile("msr S3_0_C12_C12_7, %0\n\tisb" : : "r"(1UL));	/* ICC_IGRPEN1_EL1 */
}

void gic_init(void)
{
	REG32(GICD_BASE + GICD_CTLR) = GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1;
	gic_cpu_init();
}

void gic_enable(unsigned int intid)
{
	if (intid < 32) {
		REG32(redistributor() + GICR_SGI + GICR_ISENABLER0) = 1U << intid;
		return;
	}
	REG32(GICD_BASE + GICD_IGROUPR + (intid / 32) * 4) |= 1U << (intid % 32);
	*(volatile uint64_t *)(GICD_BASE + GICD_IROUTER + 8UL * intid) = this_vcpu();
	REG32(GICD_BASE + GICD_ISENABLER + (intid / 32) * 4) = 1U << (intid % 32);
}

void gic_send_sgi(unsigned int intid, unsigned int target_vcpu)
{
	uint64_t value = ((uint64_t)intid << 24) | (1UL << target_vcpu);

	__asm__ volatile("dsb sy\n\tmsr S3_0_C12_C11_5, %0\n\tisb" : : "r"(value));	/* ICC_SGI1R_EL1 */
}

void irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

uint64_t counter_read(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v));
	return v;
}

uint64_t counter_frequency(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static uint64_t timer_period;
volatile uint64_t timer_ticks;

static void timer_tick(unsigned int intid)
{
	(void)intid;
	timer_ticks++;
	__asm__ volatile("msr cntv_tval_el0, %0\n\tisb" : : "r"(timer_period));
}

void timer_start_periodic(uint64_t period_ticks)
{
	timer_period = period_ticks;
	set_irq_handler(TIMER_PPI, timer_tick);
	gic_enable(TIMER_PPI);
	__asm__ volatile("msr cntv_tval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb"
			 : : "r"(period_ticks), "r"(1UL));
}

void delay_ticks(uint64_t ticks)
{
	uint64_t start = counter_read();

	while (counter_read() - start < ticks)
		;
}
