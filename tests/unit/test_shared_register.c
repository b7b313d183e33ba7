// tests: core/include/shared_register.h
// libs: -lpthread
/*
 * The read-modify-write of a physical distributor register that several
 * partitions share (GICD_ICFGR, through irq_set_edge), against a fake
 * register in host memory and two threads for two partitions. First the
 * interleaving that loses an update without the lock, forced: the second
 * partition's update is started between the first one's read and write
 * and given time to finish. Then both hammer their own bits of one word.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

static void between_read_and_write(void);
#define SHARED_REGISTER_BETWEEN_READ_AND_WRITE() between_read_and_write()

#include "unit.h"
#include "shared_register.h"

#define FIRST_EDGE	(2U << 2)	/* INTID 16n + 1's edge bit */
#define SECOND_EDGE	(2U << 4)	/* INTID 16n + 2's, another partition's */

static struct spinlock register_lock;
static volatile uint32_t icfgr;
static volatile bool interleave, second_done;
static pthread_t first_thread;

static void sleep_us(long us)
{
	struct timespec t = { .tv_sec = 0, .tv_nsec = us * 1000 };

	nanosleep(&t, NULL);
}

static void *second_partition(void *arg)
{
	(void)arg;
	shared_register_update(&register_lock, &icfgr, SECOND_EDGE, SECOND_EDGE);
	__atomic_store_n(&second_done, true, __ATOMIC_RELEASE);
	return NULL;
}

/* In the first partition's update: the second one's runs now, if it can. */
static void between_read_and_write(void)
{
	pthread_t second;

	if (!interleave || !pthread_equal(pthread_self(), first_thread))
		return;
	interleave = false;
	pthread_create(&second, NULL, second_partition, NULL);
	for (int waited = 0; waited < 100 && !__atomic_load_n(&second_done, __ATOMIC_ACQUIRE); waited++)
		sleep_us(1000);
	pthread_detach(second);
}

static void *first_partition(void *arg)
{
	(void)arg;
	shared_register_update(&register_lock, &icfgr, FIRST_EDGE, FIRST_EDGE);
	return NULL;
}

static void test_forced_interleaving(void)
{
	icfgr = 0;
	second_done = false;
	interleave = true;
	pthread_create(&first_thread, NULL, first_partition, NULL);
	pthread_join(first_thread, NULL);
	while (!__atomic_load_n(&second_done, __ATOMIC_ACQUIRE))
		sleep_us(100);
	CHECK(icfgr == (FIRST_EDGE | SECOND_EDGE));
}

#define ROUNDS 20000

static volatile uint32_t lost_updates;

/* Each sets and clears its own bit; the other's must never move it back. */
static void *toggle(void *arg)
{
	uint32_t bit = (uint32_t)(uintptr_t)arg;

	for (int i = 0; i < ROUNDS; i++) {
		uint32_t want = (i & 1) ? 0 : bit;
		shared_register_update(&register_lock, &icfgr, bit, want);
		if ((icfgr & bit) != want)
			__atomic_fetch_add(&lost_updates, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void test_concurrent_toggles(void)
{
	pthread_t a, b;

	icfgr = 0;
	pthread_create(&a, NULL, toggle, (void *)(uintptr_t)FIRST_EDGE);
	pthread_create(&b, NULL, toggle, (void *)(uintptr_t)SECOND_EDGE);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	CHECK(lost_updates == 0);
	CHECK(icfgr == 0);
}

int main(void)
{
	test_forced_interleaving();
	test_concurrent_toggles();
	return unit_finish("shared_register");
}
