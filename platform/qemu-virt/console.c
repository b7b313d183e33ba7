/* The hypervisor console on QEMU virt is UART0, a PL011. */
#include <platform.h>
#include <platform_console.h>
#include <pl011.h>

void platform_console_init(void)
{
	/* QEMU's PL011 transmits without programming: nothing to set up. */
}

void platform_console_putc(char c)
{
	pl011_putc(PLATFORM_UART_BASE, c);
}
