/* The host's stand-in for the hypervisor's arch/spin_wait.h: a plain spin. */
#ifndef ARCH_SPIN_WAIT_H
#define ARCH_SPIN_WAIT_H

#include <stdint.h>

static inline void arch_wait_until_equal32(const uint32_t *word, uint32_t value)
{
	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) != value)
		;
}

#endif
