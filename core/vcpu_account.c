/*
 * A vCPU's time as stretches: each transition adds the stretch that ends
 * to its total and opens the next. Single writer (the vCPU's CPU, with
 * interrupts masked, so never preempted inside), many readers: an odd
 * sequence count means a write is under way.
 */
#include <arch.h>
#include <vcpu_account.h>

/* A reader retries at most this often; a write is a few instructions long. */
#define READ_ATTEMPTS 4096

/* The unit test widens the window a torn copy would come from (tests/unit/test_vcpu_account.c). */
#ifdef ACCOUNT_TEST_HOOK
void account_between_writes(void);
#define BETWEEN_WRITES() account_between_writes()
#else
#define BETWEEN_WRITES() ((void)0)
#endif

static void begin_write(struct vcpu *v)
{
	__atomic_store_n(&v->account.seq, v->account.seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void end_write(struct vcpu *v)
{
	__atomic_store_n(&v->account.seq, v->account.seq + 1, __ATOMIC_RELEASE);
}

static uint64_t wait_end(const struct vcpu_account *a, uint64_t now)
{
	return now < a->wait_until ? now : a->wait_until;
}

/* Adds the current stretch, up to now, to the totals in *a. */
static void close_stretch(struct vcpu_account *a, uint64_t now)
{
	if (a->stretch == ACCOUNT_RUNNING && now > a->since)
		a->run_ticks += now - a->since;
	else if (a->stretch == ACCOUNT_WAITING && wait_end(a, now) > a->since)
		a->wait_ticks += wait_end(a, now) - a->since;
}

static void switch_stretch(struct vcpu *v, uint64_t now, enum account_stretch next, uint64_t until)
{
	struct vcpu_account a = v->account;

	close_stretch(&a, now);
	begin_write(v);
	__atomic_store_n(&v->account.run_ticks, a.run_ticks, __ATOMIC_RELAXED);
	__atomic_store_n(&v->account.wait_ticks, a.wait_ticks, __ATOMIC_RELAXED);
	BETWEEN_WRITES();
	__atomic_store_n(&v->account.since, now, __ATOMIC_RELAXED);
	__atomic_store_n(&v->account.wait_until, until, __ATOMIC_RELAXED);
	__atomic_store_n(&v->account.stretch, next, __ATOMIC_RELAXED);
	end_write(v);
}

void account_running(struct vcpu *v, uint64_t now)
{
	switch_stretch(v, now, ACCOUNT_RUNNING, ACCOUNT_WAIT_OPEN);
}

void account_waiting(struct vcpu *v, uint64_t now, uint64_t until)
{
	switch_stretch(v, now, ACCOUNT_WAITING, until);
}

void account_off(struct vcpu *v, uint64_t now)
{
	switch_stretch(v, now, ACCOUNT_NONE, ACCOUNT_WAIT_OPEN);
}

struct vcpu_times vcpu_times(const struct vcpu *v)
{
	struct vcpu_account a;
	bool whole = false;

	for (unsigned int attempt = 0; attempt < READ_ATTEMPTS && !whole; attempt++) {
		uint32_t seq = __atomic_load_n(&v->account.seq, __ATOMIC_ACQUIRE);

		a.run_ticks = __atomic_load_n(&v->account.run_ticks, __ATOMIC_RELAXED);
		a.wait_ticks = __atomic_load_n(&v->account.wait_ticks, __ATOMIC_RELAXED);
		a.since = __atomic_load_n(&v->account.since, __ATOMIC_RELAXED);
		a.wait_until = __atomic_load_n(&v->account.wait_until, __ATOMIC_RELAXED);
		a.stretch = __atomic_load_n(&v->account.stretch, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		whole = seq % 2 == 0 && __atomic_load_n(&v->account.seq, __ATOMIC_RELAXED) == seq;
	}
	/*
	 * Torn every time (its CPU stalled mid-write, as an emulator's thread
	 * can be): the totals alone, short by the open stretch at most, never
	 * a stretch counted twice.
	 */
	if (whole)
		close_stretch(&a, arch_counter_read());
	return (struct vcpu_times){ .run_ticks = a.run_ticks, .wait_ticks = a.wait_ticks };
}
