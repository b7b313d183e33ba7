/* The hypervisor console on QEMU virt is UART0, a PL011. */
#include <platform.h>
#include <platform_console.h>
#include <pl011.h>

void platform_console_init(void)
{
	/* Its baud rate needs no programming; transmit must be on for pl011_tx_ready(). */
	pl011_enable_tx(PLATFORM_UART_BASE);
}

uint64_t platform_console_base(void)
{
	return PLATFORM_UART_BASE;
}

bool platform_console_ready(void)
{
	return pl011_tx_ready(PLATFORM_UART_BASE);
}

void platform_console_write(char c)
{
	pl011_write(PLATFORM_UART_BASE, c);
}
