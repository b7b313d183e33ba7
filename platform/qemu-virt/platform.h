/*
 * QEMU virt: the few constants the hypervisor image needs before the
 * layout tables exist. Everything else about the board lives in its
 * description (board.yaml), compiled into the tables.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

/* Where the hypervisor ELF is linked and loaded: the start of RAM. */
#define PLATFORM_HV_BASE	0x40000000

/* RAM as QEMU's -m gives it, and the end of the MMIO space below it. */
#define PLATFORM_RAM_BASE	0x40000000UL
#define PLATFORM_RAM_SIZE	((unsigned long)CONFIG_QEMU_RAM_MB << 20)
#define PLATFORM_MMIO_END	0x40000000UL

/* PL011 UART0, the hypervisor console. */
#define PLATFORM_UART_BASE	0x09000000

#ifndef __ASSEMBLY__
#include <stdint.h>

/*
 * QEMU virt numbers CPUs into clusters of 16 with a GICv3: CPU i has
 * Aff1 = i / 16 and Aff0 = i % 16.
 */
static inline uint64_t platform_cpu_hwid(unsigned int index)
{
	return ((uint64_t)(index / 16) << 8) | (index % 16);
}
#endif

#endif
