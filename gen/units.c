/* Parsing sizes, addresses and times with overflow checks. */
#include "units.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int digit_value(char c, unsigned int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return (unsigned int)v < base ? v : -1;
}

/* Parses digits from *p, stopping at the first character that is not one. */
static enum units_status parse_digits(const char **p, uint64_t *value)
{
	const char *s = *p;
	unsigned int base = 10;
	bool any = false, last_underscore = false;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++) {
		int d;
		if (*s == '_' && any && !last_underscore) {
			last_underscore = true;
			continue;
		}
		d = digit_value(*s, base);
		if (d < 0)
			break;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return UNITS_OVERFLOW;
		v = v * base + (uint64_t)d;
		any = true;
		last_underscore = false;
	}
	if (!any || last_underscore)
		return UNITS_SYNTAX;
	*p = s;
	*value = v;
	return UNITS_OK;
}

enum units_status units_parse_integer(const char *text, uint64_t *value)
{
	enum units_status status = parse_digits(&text, value);

	if (status == UNITS_OK && *text != '\0')
		return UNITS_SYNTAX;
	return status;
}

static bool multiply(uint64_t *value, uint64_t factor)
{
	if (factor != 0 && *value > UINT64_MAX / factor)
		return false;
	*value *= factor;
	return true;
}

enum units_status units_parse_size(const char *text, uint64_t *value)
{
	static const struct { const char *suffix; unsigned int shift; } suffixes[] = {
		{ "", 0 }, { "K", 10 }, { "M", 20 }, { "G", 30 }, { "T", 40 },
		{ "KiB", 10 }, { "MiB", 20 }, { "GiB", 30 }, { "TiB", 40 },
	};
	enum units_status status = parse_digits(&text, value);

	if (status != UNITS_OK)
		return status;
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (strcmp(text, suffixes[i].suffix) == 0)
			return multiply(value, 1ULL << suffixes[i].shift) ? UNITS_OK : UNITS_OVERFLOW;
	}
	return UNITS_SYNTAX;
}

enum units_status units_parse_time(const char *text, uint64_t *nanoseconds)
{
	static const struct { const char *unit; uint64_t factor; } units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000 },
	};
	enum units_status status = parse_digits(&text, nanoseconds);

	if (status != UNITS_OK)
		return status;
	if (*text == '\0')
		return UNITS_NO_UNIT;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(text, units[i].unit) == 0)
			return multiply(nanoseconds, units[i].factor) ? UNITS_OK : UNITS_OVERFLOW;
	}
	return UNITS_SYNTAX;
}

void units_format_size(uint64_t size, char *text, unsigned int length)
{
	static const char suffixes[] = "KMGT";

	/* The largest unit it reaches; a size that is not a whole number of it
	 * (a file's) as the nearest tenth, with the exact count. */
	for (int i = 3; i >= 0; i--) {
		uint64_t unit = 1ULL << (10 * (i + 1));
		if (size < unit)
			continue;
		if (size % unit == 0)
			snprintf(text, length, "%llu%c", (unsigned long long)(size / unit), suffixes[i]);
		else
			snprintf(text, length, "%.1f%c (%llu bytes)", (double)size / (double)unit, suffixes[i],
				 (unsigned long long)size);
		return;
	}
	snprintf(text, length, "%llu bytes", (unsigned long long)size);
}

void units_format_time(uint64_t ns, char *text, unsigned int length)
{
	static const struct { const char *unit; uint64_t factor; } units[] = {
		{ "s", 1000000000 }, { "ms", 1000000 }, { "us", 1000 },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (ns != 0 && ns % units[i].factor == 0) {
			snprintf(text, length, "%llu%s", (unsigned long long)(ns / units[i].factor), units[i].unit);
			return;
		}
	}
	snprintf(text, length, "%lluns", (unsigned long long)ns);
}
