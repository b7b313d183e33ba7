/* Polled transmit on an Arm PL011 UART: all the hypervisor console needs. */
#include <pl011.h>

#include <stdint.h>

#define PL011_DR	0x000
#define PL011_FR	0x018
#define PL011_FR_TXFF	(1U << 5)

static inline volatile uint32_t *pl011_reg(uintptr_t base, uintptr_t offset)
{
	return (volatile uint32_t *)(base + offset);
}

void pl011_putc(uintptr_t base, char c)
{
	while (*pl011_reg(base, PL011_FR) & PL011_FR_TXFF)
		;
	*pl011_reg(base, PL011_DR) = (uint8_t)c;
}
