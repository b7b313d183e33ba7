/*
 * Numbers as layouts write them: sizes ("16M", "4K", "1G", "0x1000_0000",
 * "4096"), addresses, and times ("2ms", "500us", "1s", "100ns"). Overflow
 * is an error, never a wrap.
 */
#ifndef GEN_UNITS_H
#define GEN_UNITS_H

#include <stdbool.h>
#include <stdint.h>

enum units_status {
	UNITS_OK,
	UNITS_SYNTAX,		/* not a number of the expected form */
	UNITS_OVERFLOW,		/* does not fit in 64 bits */
	UNITS_NO_UNIT,		/* a time without its unit */
};

/* An integer: decimal or 0x hexadecimal, '_' allowed between digits. */
enum units_status units_parse_integer(const char *text, uint64_t *value);
/* An integer with an optional binary suffix K, M, G, T (also KiB, MiB, ...). */
enum units_status units_parse_size(const char *text, uint64_t *value);
/* A time in nanoseconds; the unit (ns, us, ms, s) is required. */
enum units_status units_parse_time(const char *text, uint64_t *nanoseconds);

/* Writes a size the way a person reads it: "16M", "4K", "4.6K (4660 bytes)", "100 bytes". */
void units_format_size(uint64_t size, char *text, unsigned int length);
/* Writes a time in the largest unit that keeps it whole: "10ms", "250us". */
void units_format_time(uint64_t nanoseconds, char *text, unsigned int length);

#endif
