/* Polled transmit on an Arm PL011 UART: all the hypervisor console needs, and it never waits. */
#include <pl011.h>

#include <stdint.h>

#define PL011_DR		0x000
#define PL011_FR		0x018
#define PL011_CR		0x030
#define PL011_FR_CTS		(1U << 0)	/* nUARTCTS is asserted */
#define PL011_FR_TXFF		(1U << 5)
#define PL011_CR_UARTEN		(1U << 0)
#define PL011_CR_TXE		(1U << 8)
#define PL011_CR_CTSEN		(1U << 15)

static inline volatile uint32_t *pl011_reg(uintptr_t base, uintptr_t offset)
{
	return (volatile uint32_t *)(base + offset);
}

void pl011_enable_tx(uintptr_t base)
{
	*pl011_reg(base, PL011_CR) |= PL011_CR_UARTEN | PL011_CR_TXE;
}

bool pl011_tx_ready(uintptr_t base)
{
	uint32_t control = *pl011_reg(base, PL011_CR), flags = *pl011_reg(base, PL011_FR);

	if ((control & (PL011_CR_UARTEN | PL011_CR_TXE)) != (PL011_CR_UARTEN | PL011_CR_TXE))
		return false;
	if ((control & PL011_CR_CTSEN) && !(flags & PL011_FR_CTS))
		return false;
	return !(flags & PL011_FR_TXFF);
}

void pl011_write(uintptr_t base, char c)
{
	*pl011_reg(base, PL011_DR) = (uint8_t)c;
}
