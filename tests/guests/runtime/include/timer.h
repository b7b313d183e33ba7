/*
 * The EL1 virtual timer (PPI 27) and the virtual counter. The periodic
 * mode belongs to whichever vCPU started it; one-shot deadlines can be
 * set from any vCPU for itself.
 */
#ifndef GUEST_TIMER_H
#define GUEST_TIMER_H

#include <stdint.h>

#define TIMER_PPI		27	/* the EL1 virtual timer's INTID */
#define CNTV_CTL_ENABLE		(1UL << 0)
#define CNTV_CTL_IMASK		(1UL << 1)
#define CNTV_CTL_ISTATUS	(1UL << 2)
#define NS_PER_SECOND		1000000000ULL

uint64_t counter_read(void);
uint64_t counter_frequency(void);
uint64_t ticks_from_ns(uint64_t ns);
uint64_t ns_from_ticks(uint64_t ticks);
void delay_ticks(uint64_t ticks);	/* busy-waits */

/* Interrupt at counter value "deadline" (the caller handles TIMER_PPI). */
void timer_set_deadline(uint64_t deadline);
void timer_stop(void);

/* Every period_ticks: counts timer_ticks. Needs the GIC and IRQs on. */
void timer_start_periodic(uint64_t period_ticks);
extern volatile uint64_t timer_ticks;

#endif
