/* Console output on the partition's PL011 and the verdict protocol. */
#include <format.h>
#include <guest.h>

#include <stdarg.h>

#define UART_BASE	0x09000000UL
#define UART_DR		0x000
#define UART_FR		0x018
#define UART_FR_TXFF	(1U << 5)

static unsigned int passed, failed;

static void uart_putc(void *context, char c)
{
	volatile uint32_t *fr = (volatile uint32_t *)(UART_BASE + UART_FR);

	(void)context;
	while (*fr & UART_FR_TXFF)
		;
	*(volatile uint32_t *)(UART_BASE + UART_DR) = (uint8_t)c;
}

void guest_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	format_v(uart_putc, 0, fmt, args);
	va_end(args);
}

void pass(const char *name)
{
	passed++;
	guest_printf("PASS %s\n", name);
}

static void vfail(const char *name, const char *fmt, va_list args)
{
	failed++;
	guest_printf("FAIL %s: ", name);
	format_v(uart_putc, 0, fmt, args);
	guest_printf("\n");
}

void fail(const char *name, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vfail(name, fmt, args);
	va_end(args);
}

void check(bool ok, const char *name, const char *fmt, ...)
{
	va_list args;

	if (ok) {
		pass(name);
		return;
	}
	va_start(args, fmt);
	vfail(name, fmt, args);
	va_end(args);
}

_Noreturn void done(void)
{
	guest_printf("DONE %u passed, %u failed\n", passed, failed);
	psci_system_off();
}
