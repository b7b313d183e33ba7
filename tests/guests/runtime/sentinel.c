/* Sentinels (sentinel.h). */
#include <sentinel.h>
#include <verdict.h>

void sentinel_fill(uintptr_t at, size_t size, uint8_t value)
{
	for (size_t i = 0; i < size; i++)
		((volatile uint8_t *)at)[i] = value;
}

void sentinel_copy(uint8_t *to, uintptr_t from, size_t size)
{
	for (size_t i = 0; i < size; i++)
		to[i] = ((volatile const uint8_t *)from)[i];
}

size_t sentinel_changed(uintptr_t at, const uint8_t *expected, size_t size)
{
	size_t changed = 0;

	for (size_t i = 0; i < size; i++)
		changed += ((volatile const uint8_t *)at)[i] != expected[i];
	return changed;
}

size_t sentinel_not(uintptr_t at, size_t size, uint8_t value)
{
	size_t changed = 0;

	for (size_t i = 0; i < size; i++)
		changed += ((volatile const uint8_t *)at)[i] != value;
	return changed;
}

void expect_nothing_done(const char *name, struct smccc_result r, int64_t expected, uint64_t x1, uint64_t x2,
			 uint64_t x3, size_t written)
{
	check(r.x0 == expected && r.x1 == x1 && r.x2 == x2 && r.x3 == x3 && written == 0, name,
	      "status %lld (expected %lld), x1-x3 %#llx %#llx %#llx (given %#llx %#llx %#llx), %zu bytes written",
	      (long long)r.x0, (long long)expected, (unsigned long long)r.x1, (unsigned long long)r.x2,
	      (unsigned long long)r.x3, (unsigned long long)x1, (unsigned long long)x2, (unsigned long long)x3,
	      written);
}
