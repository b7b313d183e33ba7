/*
 * Waiting for a lock word another CPU will store: WFE between looks, the
 * look a load-exclusive, so the releasing store (which clears this CPU's
 * exclusive monitor) is the event that wakes it. A plain spin would burn
 * the instructions, and under QEMU's single-threaded TCG (-icount) it
 * burns the waiter's whole time slice while the holder cannot run: WFE
 * yields to the other CPUs there.
 */
#ifndef ARCH_SPIN_WAIT_H
#define ARCH_SPIN_WAIT_H

#include <stdint.h>

static inline void arch_wait_until_equal32(const uint32_t *word, uint32_t value)
{
	uint32_t seen;

	__asm__ volatile("	sevl\n"
			 "1:	wfe\n"
			 "	ldaxr	%w0, [%1]\n"
			 "	cmp	%w0, %w2\n"
			 "	b.ne	1b\n"
			 : "=&r"(seen)
			 : "r"(word), "r"(value)
			 : "memory", "cc");
}

#endif
