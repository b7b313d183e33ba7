/* Attack verdicts (attack.h). */
#include <attack.h>
#include <exceptions.h>
#include <verdict.h>

/* What a store writes: recognisable if it ever lands somewhere. */
#define ATTACK_PATTERN	0xa5a5a5a5a5a5a5a5UL

void attack_must_abort(const char *name, enum probe_op op, unsigned int width, uintptr_t address, uintptr_t far)
{
	struct probe_result r;

	if (!probe_available(op)) {
		skip(name, "this CPU has no %s", probe_name(op, width));
		return;
	}
	r = probe_access(op, width, address, ATTACK_PATTERN);
	check(probe_contained(&r, op, far), name, "%s at %#lx: abort %d, ESR %#llx, FAR %#llx (expected %#lx)",
	      probe_name(op, width), (unsigned long)address, r.aborted, (unsigned long long)r.esr,
	      (unsigned long long)r.far, (unsigned long)far);
}

void attack_must_not_execute(const char *name, uintptr_t address)
{
	struct probe_result r = probe_execute(address);

	check(r.aborted && esr_is_instruction_abort(r.esr) && r.far == address, name,
	      "executing %#lx: abort %d, ESR %#llx, FAR %#llx", (unsigned long)address, r.aborted,
	      (unsigned long long)r.esr, (unsigned long long)r.far);
}
