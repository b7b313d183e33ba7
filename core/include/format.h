/*
 * printf-style formatting into a caller-supplied sink, for a
 * freestanding hypervisor. Supports %c %s %d %i %u %x %X %p %% with
 * flags '-' '0' '#', a field width, a precision for %s (.N or .*),
 * and the length modifiers l, ll, z.
 */
#ifndef FORMAT_H
#define FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_sink)(void *context, char c);

/* Returns the number of characters produced. */
size_t format_v(format_sink sink, void *context, const char *fmt, va_list args);

/* Like vsnprintf: always NUL-terminates when size > 0; returns the full length. */
size_t format_vbuffer(char *buffer, size_t size, const char *fmt, va_list args);

/* Like snprintf: always NUL-terminates when size > 0; returns the full length. */
size_t format_buffer(char *buffer, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
