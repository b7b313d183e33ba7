/*
 * Probes: one access that may abort, with the abort caught and described
 * instead of ending the guest. For checks that an access is forbidden,
 * and that the access right beside it is not.
 */
#ifndef GUEST_PROBE_H
#define GUEST_PROBE_H

#include <stdbool.h>
#include <stdint.h>

struct probe_result {
	bool aborted;
	uint64_t esr, far;	/* valid when aborted */
	uint64_t value;		/* what a load read; a store-exclusive's status */
};

/*
 * Every way an instruction can reach memory that a stage-2 check must
 * stop. Only plain loads and stores carry a syndrome the hypervisor can
 * decode (ESR ISV=1); pairs, exclusives, atomics and DC ZVA do not.
 */
enum probe_op {
	PROBE_LOAD,		/* LDRB/LDRH/LDR W/LDR X by width 1/2/4/8 */
	PROBE_STORE,		/* STRB/STRH/STR W/STR X */
	PROBE_LOAD_PAIR,	/* LDP X: 16 bytes */
	PROBE_STORE_PAIR,	/* STP X */
	PROBE_LOAD_EXCLUSIVE,	/* LDXR X */
	PROBE_STORE_EXCLUSIVE,	/* LDXR X then STXR X: value is STXR's status */
	PROBE_ATOMIC_ADD,	/* LSE LDADD X */
	PROBE_COMPARE_SWAP,	/* LSE CAS X */
	PROBE_SWAP,		/* LSE SWP X */
	PROBE_ZERO_BLOCK,	/* DC ZVA: zeroes the DCZID_EL0 block holding address */
	PROBE_OPS
};

struct probe_result probe_read(uintptr_t address);
struct probe_result probe_write(uintptr_t address, uint64_t value);
struct probe_result probe_execute(uintptr_t address);
/* One access of kind op and width bytes (PROBE_LOAD/PROBE_STORE only;
 * the others have their own width, probe_width()). Stores write value. */
struct probe_result probe_access(enum probe_op op, unsigned int width, uintptr_t address, uint64_t value);

/* What op writes (a store, atomic or DC ZVA) and how many bytes it
 * touches at address; its name, for verdicts ("ldp", "strh", ...). */
bool probe_writes(enum probe_op op);
unsigned int probe_width(enum probe_op op, unsigned int width);
const char *probe_name(enum probe_op op, unsigned int width);
/* Whether this CPU lets a partition run op: LSE atomics need
 * ID_AA64ISAR0_EL1.Atomic, DC ZVA an unprohibited DCZID_EL0. */
bool probe_available(enum probe_op op);
/* Whether r is the abort a hypervisor injects for op: a data abort, FAR
 * at far, and for plain and pair accesses the direction op went. */
bool probe_contained(const struct probe_result *r, enum probe_op op, uintptr_t far);
/* DC ZVA's block size in bytes. */
unsigned int probe_zero_block_size(void);

#endif
