/* A ticket lock: fair between CPUs, no allocation, usable with the MMU off. */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include <arch/spin_wait.h>

#include <stdint.h>

struct spinlock {
	uint32_t next;
	uint32_t serving;
};

static inline void spin_lock(struct spinlock *lock)
{
	uint32_t ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

	if (__atomic_load_n(&lock->serving, __ATOMIC_ACQUIRE) != ticket)
		arch_wait_until_equal32(&lock->serving, ticket);
}

static inline void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->serving, lock->serving + 1, __ATOMIC_RELEASE);
}

#endif
