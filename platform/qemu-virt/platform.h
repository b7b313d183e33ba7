/*
 * QEMU virt: the few constants the hypervisor image needs before the
 * layout tables exist. Everything else about the board lives in its
 * description (board.yaml), compiled into the tables.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

/*
 * Where the hypervisor is linked: inside the boot artifact, which QEMU
 * loads as an arm64 Image at the start of RAM + ARTIFACT_TEXT_OFFSET.
 */
#define PLATFORM_ARTIFACT_BASE	0x40080000UL
#define PLATFORM_HV_BASE	0x40081000

/* RAM as QEMU's -m gives it, and the end of the MMIO space below it. */
#define PLATFORM_RAM_BASE	0x40000000UL
#define PLATFORM_RAM_SIZE	((unsigned long)CONFIG_QEMU_RAM_MB << 20)
#define PLATFORM_MMIO_END	0x40000000UL

/* GICv3 distributor and the first redistributor frame. */
#define PLATFORM_GICD_BASE	0x08000000UL
#define PLATFORM_GICR_BASE	0x080a0000UL

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
