/*
 * Console output. The PL011 at 0x09000000 is polled (the partition's own
 * UART, emulated or passed through, or QEMU's when running natively;
 * console_set_uart() moves it, for a hypervisor that puts it elsewhere);
 * console_write_hypercall() sends text through BH_HC_CONSOLE_WRITE
 * instead. Lines from several vCPUs printing at once may interleave.
 */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define PL011_BASE		0x09000000UL
#define PL011_DR		0x000	/* data */
#define PL011_FR		0x018	/* flags */
#define PL011_FR_TXFF		(1U << 5)	/* transmit FIFO full */

void console_set_uart(uintptr_t base);	/* before the first output */
void console_putc(char c);
void console_puts(const char *text);
/* printf with %c %s %d %i %u %x %p %%, flags - 0 #, width, and l ll z. */
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_vprintf(const char *fmt, va_list args);

/* Writes through the hypercall, in chunks the ABI allows; returns the
 * first status that is not BH_OK, or BH_OK. */
int64_t console_write_hypercall(const char *text, size_t length);

#endif
