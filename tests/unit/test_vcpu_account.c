// tests: core/vcpu_account.c
// libs: -lpthread
// defines: -DACCOUNT_TEST_HOOK
/*
 * A vCPU's run and wait time (core/vcpu_account.c) against a counter the
 * test moves by hand: stretches add up, a wait counts no further than the
 * window it gave back, a reader sees the current stretch up to now, and a
 * reader on another thread while the owning CPU writes never gets a copy
 * that is half old (the sequence count makes it retry).
 */
#include "unit.h"

#include <vcpu_account.h>

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>

static uint64_t counter;
static unsigned long writes;

/* Between the totals and the stretch's start: the owner lets the reader run. */
void account_between_writes(void)
{
	if (++writes % 16 == 0)
		sched_yield();
}

uint64_t arch_counter_read(void)
{
	return __atomic_load_n(&counter, __ATOMIC_SEQ_CST);
}

static void stretches_add_up(void)
{
	struct vcpu v = { 0 };
	struct vcpu_times t;

	counter = 1000;
	account_running(&v, counter);
	counter = 1300;
	t = vcpu_times(&v);
	CHECK(t.run_ticks == 300 && t.wait_ticks == 0);	/* the current stretch, up to now */
	account_waiting(&v, counter, ACCOUNT_WAIT_OPEN);
	counter = 2300;
	t = vcpu_times(&v);
	CHECK(t.run_ticks == 300 && t.wait_ticks == 1000);
	account_running(&v, counter);
	counter = 2400;
	account_off(&v, counter);
	counter = 9000;	/* off: nothing more counts */
	t = vcpu_times(&v);
	CHECK(t.run_ticks == 400 && t.wait_ticks == 1000);
}

static void a_wait_ends_with_its_window(void)
{
	struct vcpu v = { 0 };
	struct vcpu_times t;

	counter = 100;
	account_running(&v, counter);
	counter = 200;
	account_waiting(&v, counter, 500);	/* gave back a window that ends at 500 */
	counter = 400;
	CHECK(vcpu_times(&v).wait_ticks == 200);
	counter = 800;
	t = vcpu_times(&v);
	CHECK(t.wait_ticks == 300 && t.run_ticks == 100);	/* not past 500 */
	account_running(&v, counter);	/* its next window */
	counter = 850;
	t = vcpu_times(&v);
	CHECK(t.wait_ticks == 300 && t.run_ticks == 150);
}

/* The owning CPU: moves time on and switches stretch, over and over. */
static struct vcpu shared_vcpu;
static volatile bool writer_done;

static void *owning_cpu(void *arg)
{
	(void)arg;
	for (unsigned int i = 0; i < 400000; i++) {
		uint64_t now = __atomic_add_fetch(&counter, 7, __ATOMIC_SEQ_CST);

		if (i % 2)
			account_running(&shared_vcpu, now);
		else
			account_waiting(&shared_vcpu, now, ACCOUNT_WAIT_OPEN);
	}
	writer_done = true;
	return NULL;
}

/*
 * Everything since 0 is run or wait, so a whole copy adds up to the
 * counter it was read at; a torn one (new totals, the old stretch's start)
 * would count a stretch twice and add up to more than the counter.
 */
static void a_reader_never_counts_twice(void)
{
	pthread_t writer;
	unsigned long reads = 0, too_much = 0;

	counter = 0;
	account_running(&shared_vcpu, 0);
	pthread_create(&writer, NULL, owning_cpu, NULL);
	while (!writer_done) {
		struct vcpu_times t = vcpu_times(&shared_vcpu);
		uint64_t after = __atomic_load_n(&counter, __ATOMIC_SEQ_CST);

		reads++;
		too_much += t.run_ticks + t.wait_ticks > after;
	}
	pthread_join(writer, NULL);
	printf("%lu reads while the owner wrote, %lu counted a stretch twice\n", reads, too_much);
	CHECK(reads > 0 && too_much == 0);
}

int main(void)
{
	stretches_add_up();
	a_wait_ends_with_its_window();
	a_reader_never_counts_twice();
	return unit_finish("vcpu_account");
}
