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

struct partition;

/* A device's DMA that its owner's memory does not allow, as the IOMMU reports it. */
struct device_fault {
	const char *device;	/* its name in the layout */
	const char *function;	/* the PCI function's name in the layout, or NULL: the device's streams */
	uint32_t stream;	/* IOMMU stream id */
	uint32_t requester;	/* PCIe requester id (bus:dev.fn) */
	enum fault_kind kind;	/* FAULT_READ or FAULT_WRITE */
	uint64_t address;	/* the address the device used: guest-physical in its owner */
	uint64_t last;		/* the highest address of the faults reported as one (a transfer) */
	unsigned int accesses;	/* how many faults this one stands for */
	const char *reason;	/* e.g. "SMMU translation fault" */
};

/* Logged like a CPU fault; the owner's policy then applies: stop or restart
 * it, or, for "inject", nothing more (there is no vCPU to inject into). */
void fault_device(struct partition *p, const struct device_fault *fault);

#endif
