/* Virtual-timer interrupt latency (timer_latency.h). */
#include <guest.h>

#include "measure.h"
#include "timer_latency.h"

/* Far enough ahead that setting the deadline is over before it passes. */
#define DEADLINE_AHEAD_NS	50000ULL
/* A deadline whose interrupt has not come after this is lost. */
#define DEADLINE_LOST_NS	100000000ULL

extern const char irq_stamp_vectors[];
extern volatile uint64_t irq_stamp_counter;

static volatile bool timer_fired;

static void on_timer(unsigned int intid)
{
	(void)intid;
	timer_stop();	/* level-triggered: lower it before the EOI */
	timer_fired = true;
}

static void install_vectors(const void *vectors)
{
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(vectors) : "memory");
}

static uint64_t current_vectors(void)
{
	uint64_t vectors;

	__asm__ volatile("mrs %0, vbar_el1" : "=r"(vectors));
	return vectors;
}

/* One deadline: its latency, or LOST if its interrupt never came. */
#define LOST UINT64_MAX
static uint64_t one_sample(bool waiting_in_wfi)
{
	uint64_t deadline = counter_read() + ticks_from_ns(DEADLINE_AHEAD_NS);
	uint64_t give_up = deadline + ticks_from_ns(DEADLINE_LOST_NS);

	timer_fired = false;
	irq_stamp_counter = 0;
	timer_set_deadline(deadline);
	while (!timer_fired) {
		if (waiting_in_wfi) {
			/* Masked, so the interrupt cannot come between the
			 * check and the WFI; WFI wakes for it all the same. */
			irq_disable();
			if (!timer_fired)
				wait_for_interrupt();
			irq_enable();
		}
		if (counter_read() > give_up) {
			timer_stop();
			return LOST;
		}
	}
	return irq_stamp_counter >= deadline ? instructions_between(deadline, irq_stamp_counter) : LOST;
}

uint64_t timer_latency(bool waiting_in_wfi, unsigned int samples)
{
	uint64_t runtime_vectors = current_vectors(), total = 0;

	set_irq_handler(TIMER_PPI, on_timer);
	gic_enable(TIMER_PPI);
	install_vectors(irq_stamp_vectors);
	irq_enable();
	for (unsigned int i = 0; i < samples; i++) {
		uint64_t latency = one_sample(waiting_in_wfi);

		if (latency == LOST) {
			total = 0;
			break;
		}
		total += latency;
	}
	irq_disable();
	install_vectors((const void *)(uintptr_t)runtime_vectors);
	gic_disable(TIMER_PPI);
	return total / samples;
}
