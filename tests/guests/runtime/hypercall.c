/*
 * The SMC Calling Convention over HVC and SMC, and the Bulkhead hypercalls.
 * SMCCC lets the callee clobber x0-x17; the asm says so.
 */
#include <hypercall.h>

#define SMCCC_CALL(insn)							\
	register uint64_t x0 __asm__("x0") = function;				\
	register uint64_t x1 __asm__("x1") = a1;				\
	register uint64_t x2 __asm__("x2") = a2;				\
	register uint64_t x3 __asm__("x3") = a3;				\
	register uint64_t x4 __asm__("x4") = a4;				\
	register uint64_t x5 __asm__("x5") = a5;				\
	__asm__ volatile(insn " #0"						\
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),	\
			   "+r"(x5)						\
			 : : "x6", "x7", "x8", "x9", "x10", "x11",		\
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");	\
	return (struct smccc_result){ (int64_t)x0, x1, x2, x3 }

struct smccc_result hvc_call5(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			      uint64_t a5)
{
	SMCCC_CALL("hvc");
}

struct smccc_result hvc_call4(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	return hvc_call5(function, a1, a2, a3, a4, 0);
}

struct smccc_result hvc_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return hvc_call4(function, a1, a2, a3, 0);
}

static struct smccc_result smc_call5(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3,
				     uint64_t a4, uint64_t a5)
{
	SMCCC_CALL("smc");
}

struct smccc_result smc_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return smc_call5(function, a1, a2, a3, 0, 0);
}

enum presence { PRESENCE_UNKNOWN, PRESENCE_ABSENT, PRESENCE_PRESENT };
static volatile enum presence presence;

bool bulkhead_present(void)
{
	if (presence == PRESENCE_UNKNOWN)
		presence = hvc_call(BH_HC_VERSION, 0, 0, 0).x0 == BH_OK ? PRESENCE_PRESENT
									: PRESENCE_ABSENT;
	return presence == PRESENCE_PRESENT;
}

int64_t bh_version(uint32_t *version)
{
	struct smccc_result r = hvc_call(BH_HC_VERSION, 0, 0, 0);

	*version = (uint32_t)r.x1;
	return r.x0;
}

int64_t bh_partition_id(uint64_t *partition, uint64_t *vcpu)
{
	struct smccc_result r = hvc_call(BH_HC_PARTITION_ID, 0, 0, 0);

	*partition = r.x1;
	*vcpu = r.x2;
	return r.x0;
}

int64_t bh_console_write(const void *buffer, size_t length)
{
	return hvc_call(BH_HC_CONSOLE_WRITE, (uint64_t)(uintptr_t)buffer, length, 0).x0;
}

int64_t bh_yield(void)
{
	return hvc_call(BH_HC_YIELD, 0, 0, 0).x0;
}
