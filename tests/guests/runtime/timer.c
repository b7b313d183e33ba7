/* The virtual counter and the EL1 virtual timer. */
#include <arch.h>
#include <exceptions.h>
#include <gic.h>
#include <timer.h>

uint64_t counter_read(void)
{
	isb();	/* not read early, out of order with what it times */
	return sysreg_cntvct_el0_read();
}

uint64_t counter_frequency(void)
{
	return sysreg_cntfrq_el0_read();
}

uint64_t ticks_from_ns(uint64_t ns)
{
	return ns * counter_frequency() / NS_PER_SECOND;
}

uint64_t ns_from_ticks(uint64_t ticks)
{
	return ticks * NS_PER_SECOND / counter_frequency();
}

void delay_ticks(uint64_t ticks)
{
	uint64_t start = counter_read();

	while (counter_read() - start < ticks)
		;
}

void timer_set_deadline(uint64_t deadline)
{
	sysreg_cntv_cval_el0_write(deadline);
	sysreg_cntv_ctl_el0_write(CNTV_CTL_ENABLE);
	isb();
}

void timer_stop(void)
{
	sysreg_cntv_ctl_el0_write(0);
	isb();
}

static uint64_t timer_period;
volatile uint64_t timer_ticks;

static void periodic_tick(unsigned int intid)
{
	(void)intid;
	timer_ticks++;
	/* Relative to now: a late tick delays the next rather than bunching. */
	sysreg_cntv_tval_el0_write(timer_period);
	isb();
}

void timer_start_periodic(uint64_t period_ticks)
{
	timer_period = period_ticks;
	set_irq_handler(TIMER_PPI, periodic_tick);
	gic_enable(TIMER_PPI);
	sysreg_cntv_tval_el0_write(period_ticks);
	sysreg_cntv_ctl_el0_write(CNTV_CTL_ENABLE);
	isb();
}
