/*
 * The verdict protocol: one line per check, "PASS name", "FAIL name: why"
 * or "SKIP name: why", then "DONE n passed, m failed" and power-off.
 * Tests read these lines (prefixed with the partition's name under the
 * hypervisor).
 */
#ifndef GUEST_VERDICT_H
#define GUEST_VERDICT_H

#include <stdbool.h>

/* The guest's folder name, from the build (runtime/guest_name.c). */
extern const char guest_name[];

void pass(const char *name);
void fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* pass(name) if ok, else fail(name, fmt, ...). */
void check(bool ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A check that cannot run here (e.g. natively, without the hypervisor). */
void skip(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
unsigned int verdicts_failed(void);
/* Prints DONE and powers the partition (natively: the machine) off. */
_Noreturn void done(void);

#endif
