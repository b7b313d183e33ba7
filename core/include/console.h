/*
 * The hypervisor console: one physical UART shared by every CPU. Each
 * call writes its whole text under one lock, so lines from different
 * CPUs never interleave.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

void console_init(void);
void console_write(const char *text, size_t len);
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_vprintf(const char *fmt, va_list args);

#endif
