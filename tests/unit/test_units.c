// tests: gen/units.c
/*
 * Sizes, addresses and times as layouts write them: every accepted form,
 * every malformed one, and overflow reported instead of wrapped.
 */
#include "unit.h"
#include "units.h"

#include <stdint.h>

static uint64_t v;

static void test_integers(void)
{
	CHECK(units_parse_integer("4096", &v) == UNITS_OK && v == 4096);
	CHECK(units_parse_integer("0x1000_0000", &v) == UNITS_OK && v == 0x10000000);
	CHECK(units_parse_integer("0XfF", &v) == UNITS_OK && v == 255);
	CHECK(units_parse_integer("18446744073709551615", &v) == UNITS_OK && v == UINT64_MAX);
	CHECK(units_parse_integer("18446744073709551616", &v) == UNITS_OVERFLOW);
	CHECK(units_parse_integer("0x1_0000_0000_0000_0000", &v) == UNITS_OVERFLOW);
	CHECK(units_parse_integer("", &v) == UNITS_SYNTAX);
	CHECK(units_parse_integer("0x", &v) == UNITS_SYNTAX);
	CHECK(units_parse_integer("_1", &v) == UNITS_SYNTAX);
	CHECK(units_parse_integer("1_", &v) == UNITS_SYNTAX);
	CHECK(units_parse_integer("1__0", &v) == UNITS_SYNTAX);
	CHECK(units_parse_integer("-1", &v) == UNITS_SYNTAX);
	CHECK(units_parse_integer("12a", &v) == UNITS_SYNTAX);
}

static void test_sizes(void)
{
	CHECK(units_parse_size("4K", &v) == UNITS_OK && v == 4096);
	CHECK(units_parse_size("16M", &v) == UNITS_OK && v == 16u << 20);
	CHECK(units_parse_size("1G", &v) == UNITS_OK && v == 1u << 30);
	CHECK(units_parse_size("2GiB", &v) == UNITS_OK && v == 2ull << 30);
	CHECK(units_parse_size("16777215T", &v) == UNITS_OK && v == 16777215ull << 40);
	CHECK(units_parse_size("16777216T", &v) == UNITS_OVERFLOW);
	CHECK(units_parse_size("16m", &v) == UNITS_SYNTAX);
	CHECK(units_parse_size("16 M", &v) == UNITS_SYNTAX);
	CHECK(units_parse_size("M", &v) == UNITS_SYNTAX);
}

static void test_times(void)
{
	CHECK(units_parse_time("2ms", &v) == UNITS_OK && v == 2000000);
	CHECK(units_parse_time("500us", &v) == UNITS_OK && v == 500000);
	CHECK(units_parse_time("1s", &v) == UNITS_OK && v == 1000000000);
	CHECK(units_parse_time("100ns", &v) == UNITS_OK && v == 100);
	CHECK(units_parse_time("10", &v) == UNITS_NO_UNIT);
	CHECK(units_parse_time("10h", &v) == UNITS_SYNTAX);
	CHECK(units_parse_time("18446744074s", &v) == UNITS_OVERFLOW);
}

static void test_formatting(void)
{
	char text[32];

	units_format_size(16u << 20, text, sizeof(text));
	CHECK_STR(text, "16M");
	units_format_size(0x1234, text, sizeof(text));
	CHECK_STR(text, "4.6K (4660 bytes)");
	units_format_size(33619968, text, sizeof(text));
	CHECK_STR(text, "32.1M (33619968 bytes)");
	units_format_size(100, text, sizeof(text));
	CHECK_STR(text, "100 bytes");
	units_format_size(3ull << 40, text, sizeof(text));
	CHECK_STR(text, "3T");
	units_format_time(10000000, text, sizeof(text));
	CHECK_STR(text, "10ms");
	units_format_time(1500, text, sizeof(text));
	CHECK_STR(text, "1500ns");
}

int main(void)
{
	test_integers();
	test_sizes();
	test_times();
	test_formatting();
	return unit_finish("units");
}
