// tests: core/lib/format.c
/*
 * The hypervisor's formatter against the C library's snprintf: every
 * conversion, flag and length it supports must print exactly the same,
 * and truncation must behave like snprintf's.
 */
#include <format.h>
#include "unit.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

#include <limits.h>
#include <stdint.h>

#define SAME_AS_LIBC(...)						\
	do {								\
		char ours_[128], libc_[128];				\
		size_t n_ = format_buffer(ours_, sizeof(ours_), __VA_ARGS__); \
		int m_ = snprintf(libc_, sizeof(libc_), __VA_ARGS__);	\
		CHECK_STR(ours_, libc_);				\
		CHECK(n_ == (size_t)m_);				\
	} while (0)

static void test_conversions(void)
{
	SAME_AS_LIBC("plain text");
	SAME_AS_LIBC("%c%c", 'o', 'k');
	SAME_AS_LIBC("[%s] [%8s] [%-8s]", "abc", "abc", "abc");
	SAME_AS_LIBC("%d %i %d %d", 0, 42, -42, INT_MIN);
	SAME_AS_LIBC("%u %u", 0U, UINT_MAX);
	SAME_AS_LIBC("%ld %lu", LONG_MIN, ULONG_MAX);
	SAME_AS_LIBC("%lld %llu", LLONG_MIN, ULLONG_MAX);
	SAME_AS_LIBC("%zu", (size_t)SIZE_MAX);
	SAME_AS_LIBC("%x %X %lx %llx", 0xbeefU, 0xbeefU, 0x1234abcdUL, 0xffffffffffffffffULL);
	SAME_AS_LIBC("%#x %#x %#018llx %#010x", 0U, 255U, 0x96000021ULL, 0x25U);
	SAME_AS_LIBC("[%5d] [%-5d] [%05d] [%05d]", 42, 42, 42, -42);
	SAME_AS_LIBC("[%016llx] [%-4u|]", 0x40000000ULL, 7U);
	SAME_AS_LIBC("100%%");
	SAME_AS_LIBC("[%.3s] [%.*s] [%.0s] [%8.2s]", "abcdef", 2, "xyz", "gone", "abc");
	SAME_AS_LIBC("[%.*s]", 10, "short");
}

static void test_pointer(void)
{
	char out[32];

	format_buffer(out, sizeof(out), "%p", (void *)(uintptr_t)0x40001000);
	CHECK_STR(out, "0x0000000040001000");
}

static void test_truncation(void)
{
	char small[6];
	size_t n = format_buffer(small, sizeof(small), "%s-%d", "hyper", 2);

	CHECK_STR(small, "hyper");
	CHECK(n == 7);
	CHECK(format_buffer(small, 0, "abc") == 3);
	CHECK(format_buffer(small, 1, "abc") == 3 && small[0] == '\0');
}

/* Formats the compiler would reject are reached through a variable. */
static void test_unknown_conversion_is_visible(void)
{
	const char *unknown = "a%qb", *trailing = "end%";
	char out[16];

	format_buffer(out, sizeof(out), unknown, 0);
	CHECK_STR(out, "a%qb");
	format_buffer(out, sizeof(out), trailing, 0);
	CHECK_STR(out, "end");
}

int main(void)
{
	test_conversions();
	test_pointer();
	test_truncation();
	test_unknown_conversion_is_visible();
	return unit_finish("format");
}
