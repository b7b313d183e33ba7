/*
 * Console output: formatting happens on the caller's stack, then the text
 * is written to the UART in one piece under the console lock.
 */
#include <console.h>
#include <format.h>
#include <platform_console.h>
#include <spinlock.h>

#include <stdarg.h>
#include <stdbool.h>

#ifdef CONFIG_HV_CONSOLE
static const bool console_enabled = true;
#else
static const bool console_enabled = false;
#endif

/* Longer messages are cut, and the cut is marked. */
#define CONSOLE_MESSAGE_MAX 512

static struct spinlock console_lock;

void console_init(void)
{
	if (console_enabled)
		platform_console_init();
}

void console_write(const char *text, size_t len)
{
	if (!console_enabled)
		return;
	spin_lock(&console_lock);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			platform_console_putc('\r');
		platform_console_putc(text[i]);
	}
	spin_unlock(&console_lock);
}

void console_vprintf(const char *fmt, va_list args)
{
	static const char cut_mark[] = "...\n";
	char message[CONSOLE_MESSAGE_MAX];
	size_t len = format_vbuffer(message, sizeof(message), fmt, args);

	if (len >= sizeof(message)) {
		len = sizeof(message) - 1;
		for (size_t i = 0; i < sizeof(cut_mark) - 1; i++)
			message[len - (sizeof(cut_mark) - 1) + i] = cut_mark[i];
	}
	console_write(message, len);
}

void console_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	console_vprintf(fmt, args);
	va_end(args);
}
