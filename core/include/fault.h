/*
 * A partition touched what it does not own. The event is logged with what
 * the layout puts at that address, then the partition's fault policy
 * decides: inject an abort, stop it, or restart it.
 */
#ifndef FAULT_H
#define FAULT_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

enum fault_kind {
	FAULT_READ,
	FAULT_WRITE,
	FAULT_EXECUTE,
	FAULT_SERROR,
};

struct fault {
	enum fault_kind kind;
	uint64_t address;	/* guest-physical */
	uint64_t syndrome;	/* architecture's raw syndrome, for the log */
	const char *reason;	/* e.g. "no mapping", "emulated device refused" */
	bool escalate;		/* injecting cannot help: stop whatever the policy */
	bool permission;	/* mapped, but not for this access (e.g. a read-only channel end) */
};

/* True when the vCPU should continue (with an injected abort); false when
 * it no longer runs (stopped or restarting), and must not be resumed. */
bool fault_handle(struct vcpu *vcpu, const struct fault *fault);

#endif
