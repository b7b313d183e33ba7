/*
 * bootcount: prints the generic counter as a time since the machine was
 * reset. Run first thing by the root's /init, it gives the boot cost to
 * /init; under QEMU's -icount shift=0 one nanosecond is one instruction.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	uint64_t count, frequency;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(count));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
	if (frequency == 0)
		return 1;
	printf("bootcount: %llu counter ticks at %llu Hz = %llu ns since reset\n", (unsigned long long)count,
	       (unsigned long long)frequency,
	       (unsigned long long)((unsigned __int128)count * 1000000000u / frequency));
	return 0;
}
