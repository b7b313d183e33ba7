/*
 * Console output on a polled PL011, and through the console hypercall.
 * Formatting is core/lib/format.c, the engine the hypervisor uses and a
 * host unit test compares with the C library's printf.
 */
#include <arch.h>
#include <console.h>
#include <format.h>
#include <hypercall.h>

static uintptr_t pl011_base = PL011_BASE;

void console_set_uart(uintptr_t base)
{
	pl011_base = base;
}

static void pl011_putc(char c)
{
	while (mmio_read32(pl011_base + PL011_FR) & PL011_FR_TXFF)
		;
	mmio_write32(pl011_base + PL011_DR, (uint8_t)c);
}

void console_putc(char c)
{
	pl011_putc(c);
}

void console_puts(const char *text)
{
	while (*text != '\0')
		pl011_putc(*text++);
}

static void format_sink_pl011(void *context, char c)
{
	(void)context;
	pl011_putc(c);
}

void console_vprintf(const char *fmt, va_list args)
{
	format_v(format_sink_pl011, 0, fmt, args);
}

void console_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	console_vprintf(fmt, args);
	va_end(args);
}

int64_t console_write_hypercall(const char *text, size_t length)
{
	while (length > 0) {
		size_t chunk = length < BH_CONSOLE_WRITE_MAX ? length : BH_CONSOLE_WRITE_MAX;
		int64_t status = bh_console_write(text, chunk);

		if (status != BH_OK)
			return status;
		text += chunk;
		length -= chunk;
	}
	return BH_OK;
}
