/*
 * Attack verdicts: one probe (probe.h) that must be contained, reported
 * as PASS or FAIL name with what happened instead, or SKIP when the CPU
 * lacks the instruction.
 */
#ifndef GUEST_ATTACK_H
#define GUEST_ATTACK_H

#include <probe.h>

/* op at address must end in the injected data abort, FAR at far. */
void attack_must_abort(const char *name, enum probe_op op, unsigned int width, uintptr_t address, uintptr_t far);
/* Branching to address must end in an instruction abort, FAR there. */
void attack_must_not_execute(const char *name, uintptr_t address);

#endif
