/*
 * Sentinels: bytes and register values a check plants where a refused
 * call must not write, and finds again afterwards. Byte loops go through
 * volatile pointers, so the compiler makes no memset or memcmp call.
 */
#ifndef GUEST_SENTINEL_H
#define GUEST_SENTINEL_H

#include <hypercall.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a caller leaves in x1-x3 where a refused call must not write. */
#define SENTINEL_X1	0x5e5e0001c0de0001UL
#define SENTINEL_X2	0x5e5e0002c0de0002UL
#define SENTINEL_X3	0x5e5e0003c0de0003UL
#define SENTINEL_BYTE	0xa5

void sentinel_fill(uintptr_t at, size_t size, uint8_t value);
void sentinel_copy(uint8_t *to, uintptr_t from, size_t size);
/* How many of the `size` bytes at `at` differ from `expected`. */
size_t sentinel_changed(uintptr_t at, const uint8_t *expected, size_t size);
/* How many of the `size` bytes at `at` are not `value`. */
size_t sentinel_not(uintptr_t at, size_t size, uint8_t value);

/*
 * The verdict `name` for a call that must be refused with `expected` and
 * do nothing: x1-x3 still what the call was given, and `written` (the
 * bytes of its buffer that changed) 0.
 */
void expect_nothing_done(const char *name, struct smccc_result r, int64_t expected, uint64_t x1, uint64_t x2,
			 uint64_t x3, size_t written);

#endif
