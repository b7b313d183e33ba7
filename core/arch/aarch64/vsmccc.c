/*
 * The firmware a partition sees. PSCI acts on the partition's own vCPUs
 * only (a vCPU is named by its virtual MPIDR, Aff0 = index); SYSTEM_OFF and
 * SYSTEM_RESET stop or restart the calling partition, except that the
 * root's SYSTEM_OFF powers the machine off. The Spectre workaround calls
 * 1 and 3 and their feature queries are answered by the real firmware, so
 * a partition learns the truth about the CPU it runs on. The SSBD
 * mitigation (WORKAROUND_2) is the hypervisor's: it stays on for every
 * CPU, which other partitions share, so a partition is told it need not
 * ask, and asking changes nothing.
 */
#include <arch/psci.h>
#include <arch/vsmccc.h>
#include <hypercall.h>
#include <hypercall_abi.h>
#include <log.h>
#include <partition.h>
#include <vcpu_run.h>

#define SMCCC_VERSION			0x80000000U
#define SMCCC_ARCH_FEATURES		0x80000001U
#define SMCCC_ARCH_WORKAROUND_1		0x80008000U
#define SMCCC_ARCH_WORKAROUND_2		0x80007fffU
#define SMCCC_ARCH_WORKAROUND_3		0x80003fffU
#define SMCCC_VERSION_1_1		0x10001U
#define SMCCC_RET_SUCCESS		0
#define SMCCC_RET_NOT_SUPPORTED		(-1)
#define SMCCC_RET_NOT_REQUIRED		(-2)

#define PSCI_CPU_SUSPEND_64		0xc4000001U
#define PSCI_MIGRATE_INFO_TYPE		0x84000006U
#define PSCI_VERSION_1_1		0x10001U
#define PSCI_TOS_NOT_PRESENT_MP		2
#define PSCI_AFFINITY_ON		0
#define PSCI_AFFINITY_OFF		1
#define PSCI_AFFINITY_ON_PENDING	2

/* PSCI and SMCCC ids use 32-bit function ids; the high half is ignored. */
static uint32_t function_id(const struct exception_frame *frame)
{
	return (uint32_t)frame->x[0];
}

static void set_result(struct exception_frame *frame, int64_t value)
{
	frame->x[0] = (uint64_t)value;
}

static bool is_workaround(uint32_t fid)
{
	return fid == SMCCC_ARCH_WORKAROUND_1 || fid == SMCCC_ARCH_WORKAROUND_2 ||
	       fid == SMCCC_ARCH_WORKAROUND_3;
}

static bool psci_implements(uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION: case PSCI_CPU_OFF: case PSCI_CPU_ON_64: case PSCI_AFFINITY_INFO_64:
	case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
	case PSCI_CPU_SUSPEND_64: case PSCI_MIGRATE_INFO_TYPE:
		return true;
	default:
		return false;
	}
}

/* The vCPU an MPIDR names within the caller's partition, or NULL. */
static struct vcpu *target_vcpu(struct vcpu *caller, uint64_t mpidr)
{
	if ((mpidr & ~0xffUL) != 0)
		return NULL;
	return partition_vcpu(caller->partition, (unsigned int)(mpidr & 0xff));
}

static int64_t psci_cpu_on(struct vcpu *caller, uint64_t mpidr, uint64_t entry, uint64_t context)
{
	struct vcpu *target = target_vcpu(caller, mpidr);

	if (target == NULL)
		return PSCI_INVALID_PARAMETERS;
	if (partition_guest_buffer(caller->partition, entry, 4, false) == NULL)
		return PSCI_INVALID_ADDRESS;
	switch (vcpu_power_on(target, entry, context)) {
	case VCPU_POWER_STARTED: return PSCI_SUCCESS;
	case VCPU_POWER_ALREADY_ON: return PSCI_ALREADY_ON;
	case VCPU_POWER_ON_PENDING: return PSCI_ON_PENDING;
	default: return PSCI_DENIED;
	}
}

static int64_t psci_affinity_info(struct vcpu *caller, uint64_t mpidr, uint64_t level)
{
	struct vcpu *target = target_vcpu(caller, mpidr);

	if (target == NULL || level != 0)
		return PSCI_INVALID_PARAMETERS;
	switch (target->state) {
	case VCPU_RUNNING: return PSCI_AFFINITY_ON;
	case VCPU_PENDING: return PSCI_AFFINITY_ON_PENDING;
	default: return PSCI_AFFINITY_OFF;
	}
}

/* Returns whether the caller continues. */
static bool psci_call(struct vcpu *vcpu, struct exception_frame *frame)
{
	uint64_t *x = frame->x;

	switch (function_id(frame)) {
	case PSCI_VERSION: set_result(frame, PSCI_VERSION_1_1); return true;
	case PSCI_FEATURES:
		set_result(frame, psci_implements((uint32_t)x[1]) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED);
		return true;
	case PSCI_CPU_ON_64: set_result(frame, psci_cpu_on(vcpu, x[1], x[2], x[3])); return true;
	case PSCI_AFFINITY_INFO_64: set_result(frame, psci_affinity_info(vcpu, x[1], x[2])); return true;
	/* Standby: the vCPU may continue at once, as if woken immediately. */
	case PSCI_CPU_SUSPEND_64: set_result(frame, PSCI_SUCCESS); return true;
	case PSCI_MIGRATE_INFO_TYPE: set_result(frame, PSCI_TOS_NOT_PRESENT_MP); return true;
	case PSCI_CPU_OFF: vcpu_power_off(vcpu); return false;
	case PSCI_SYSTEM_OFF:
		if (vcpu->partition->is_root)
			machine_power_off(vcpu->partition);
		log_info("partition %s powered itself off", vcpu->partition->name);
		partition_stop(vcpu->partition);
		return false;
	case PSCI_SYSTEM_RESET:
		log_info("partition %s asked for a reset", vcpu->partition->name);
		partition_restart(vcpu->partition, RESTART_BY_OWN_RESET);
		return false;
	default: set_result(frame, PSCI_NOT_SUPPORTED); return true;
	}
}

/*
 * SSBD as a partition sees it: not required, for the hypervisor keeps the
 * mitigation on (firmware_ssbd_keep_enabled) or the CPU needs none;
 * or, when the firmware has no mitigation to offer, not supported — the
 * truth, as no partition could turn one on either.
 */
static int64_t ssbd_feature(void)
{
	int64_t firmware = (int64_t)smccc_smc(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_2, 0, 0);

	return firmware == SMCCC_RET_NOT_SUPPORTED ? SMCCC_RET_NOT_SUPPORTED : SMCCC_RET_NOT_REQUIRED;
}

static void smccc_arch_call(struct exception_frame *frame)
{
	uint32_t fid = function_id(frame);

	if (fid == SMCCC_VERSION) {
		set_result(frame, SMCCC_VERSION_1_1);
	} else if (fid == SMCCC_ARCH_FEATURES) {
		uint32_t queried = (uint32_t)frame->x[1];
		if (queried == SMCCC_ARCH_WORKAROUND_2)
			set_result(frame, ssbd_feature());
		else if (is_workaround(queried))
			set_result(frame, (int64_t)smccc_smc(SMCCC_ARCH_FEATURES, queried, 0, 0));
		else
			set_result(frame, psci_implements(queried) || queried == SMCCC_VERSION ?
					  PSCI_SUCCESS : PSCI_NOT_SUPPORTED);
	} else if (fid == SMCCC_ARCH_WORKAROUND_2) {
		/* Never forwarded: x1 = 0 would turn SSBD off for everyone on this CPU. */
		set_result(frame, SMCCC_RET_SUCCESS);
	} else if (is_workaround(fid)) {
		set_result(frame, (int64_t)smccc_smc(fid, 0, 0, 0));
	} else {
		set_result(frame, PSCI_NOT_SUPPORTED);
	}
}

static bool is_psci(uint32_t fid)
{
	return (fid & 0xbfffffe0U) == 0x84000000U;	/* SMC32 or SMC64, ids 0-0x1f */
}

static bool is_smccc_arch(uint32_t fid)
{
	return (fid & 0xffff0000U) == 0x80000000U;
}

bool smccc_dispatch(struct vcpu *vcpu, struct exception_frame *frame, enum smccc_conduit conduit)
{
	uint32_t fid = function_id(frame);

	if (is_psci(fid))
		return psci_call(vcpu, frame);
	if (is_smccc_arch(fid)) {
		smccc_arch_call(frame);
		return true;
	}
	if (conduit == SMCCC_CONDUIT_HVC && (frame->x[0] & 0xffff0000U) == BH_HC_BASE) {
		uint64_t results[HYPERCALL_RESULTS];
		hypercall_handle(vcpu, frame->x, results);
		/*
		 * A refused call performed nothing, and says only that in x0:
		 * x1-x3 keep the caller's values, whatever a handler stored in
		 * its results before it gave up.
		 */
		frame->x[0] = results[0];
		if (results[0] == BH_OK)
			for (unsigned int i = 1; i < HYPERCALL_RESULTS; i++)
				frame->x[i] = results[i];
		return true;
	}
	set_result(frame, PSCI_NOT_SUPPORTED);
	return true;
}
