/*
 * Read-modify-write of a device register whose fields belong to several
 * owners: GICD_ICFGR holds the trigger mode of sixteen interrupts a word,
 * which the layout may give to different partitions. Each partition's
 * own lock keeps out only its own vCPUs: two partitions changing their
 * own fields of one word at once would each write back the other's old
 * value. So every such update takes the one lock the caller passes for
 * the device, held for a load and a store, never across anything a
 * partition sized.
 */
#ifndef SHARED_REGISTER_H
#define SHARED_REGISTER_H

#include <spinlock.h>

#include <stdint.h>

/* A test runs the other owner's update here (tests/unit/test_shared_register.c). */
#ifndef SHARED_REGISTER_BETWEEN_READ_AND_WRITE
#define SHARED_REGISTER_BETWEEN_READ_AND_WRITE()
#endif

/* Sets the bits of mask in *reg to those of value, leaving the others as they are. */
static inline void shared_register_update(struct spinlock *lock, volatile uint32_t *reg, uint32_t mask,
					  uint32_t value)
{
	uint32_t old;

	spin_lock(lock);
	old = *reg;
	SHARED_REGISTER_BETWEEN_READ_AND_WRITE();
	*reg = (old & ~mask) | (value & mask);
	spin_unlock(lock);
}

#endif
