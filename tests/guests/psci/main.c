/*
 * psci: a partition controls its own vCPUs through PSCI and nobody
 * else's. vCPU 1 starts, AFFINITY_INFO follows it on and off, a second
 * CPU_ON while it runs is refused, CPU_ON of an MPIDR the partition does
 * not have is refused, vCPU 1 turns itself off and can be started again.
 * Then vCPU 1 turns itself off with an SGI acknowledged and never ended
 * (active in a list register under a hypervisor), and started again it
 * must still get that SGI: clearing its active state (GICR_ICACTIVER0)
 * makes it deliverable again, whatever the vCPU held when it went off.
 * Ends with SYSTEM_OFF.
 *
 * Build-time knobs (GUEST_DEFINES_psci='-D...'):
 *   PSCI_OWN_VCPU       a vCPU of this partition other than 0
 *   PSCI_FOREIGN_MPIDR  an MPIDR it must not be able to start
 */
#include <guest.h>

#ifndef PSCI_OWN_VCPU
#define PSCI_OWN_VCPU		1
#endif
#ifndef PSCI_FOREIGN_MPIDR
#define PSCI_FOREIGN_MPIDR	0x7UL		/* beyond the partition's (and QEMU's -smp 2) vCPUs */
#endif
#define OTHER_CLUSTER_MPIDR	0x100UL		/* Aff1 = 1: the partition's vCPUs are all Aff1 = 0 */
#define UNKNOWN_PSCI_FUNCTION	0x8400001fU	/* in PSCI's range, defined by no version */
#define WAIT_NS			1000000000ULL

/* vCPU 1 writes the round it was started in; vCPU 0 tells it when to stop. */
static volatile uint32_t rounds_reported, stop_requested;
static volatile uint32_t current_round;

#define ACTIVE_SGI		5U
/* The SGI rounds: vCPU 1 acknowledges ACTIVE_SGI, ending it (or not). */
enum sgi_round { SGI_NONE, SGI_LEAVE_ACTIVE, SGI_TAKE_AFTER_OFF };
static volatile uint32_t sgi_round, sgi_taken_in;

static bool wait_until(bool (*condition)(void))
{
	uint64_t start = counter_read(), limit = ticks_from_ns(WAIT_NS);

	while (!condition()) {
		if (counter_read() - start > limit)
			return false;
	}
	return true;
}

static bool reported(void)
{
	return __atomic_load_n(&rounds_reported, __ATOMIC_ACQUIRE) == current_round;
}

static bool reports_off(void)
{
	return psci_affinity_info(PSCI_OWN_VCPU) == PSCI_AFFINITY_OFF;
}

/* With IRQs masked, polling the acknowledge register: the SGI becomes active. */
static bool acknowledge_within(unsigned int intid, uint64_t ns)
{
	uint64_t start = counter_read(), limit = ticks_from_ns(ns);

	while (counter_read() - start <= limit) {
		unsigned int acked = gic_acknowledge();

		if (acked == intid)
			return true;
		if (acked < GIC_INTID_SPECIAL)
			gic_end_of_interrupt(acked);
	}
	return false;
}

static void own_vcpu_main(unsigned int vcpu)
{
	uint32_t round = __atomic_load_n(&sgi_round, __ATOMIC_ACQUIRE);

	(void)vcpu;
	if (round != SGI_NONE) {
		gic_cpu_init();
		if (round == SGI_TAKE_AFTER_OFF)
			gic_clear_active(ACTIVE_SGI);
		gic_enable(ACTIVE_SGI);
	}
	__atomic_store_n(&rounds_reported, current_round, __ATOMIC_RELEASE);
	if (round != SGI_NONE && acknowledge_within(ACTIVE_SGI, WAIT_NS)) {
		/* Left active in the first round: it goes off holding it. */
		if (round == SGI_TAKE_AFTER_OFF)
			gic_end_of_interrupt(ACTIVE_SGI);
		__atomic_store_n(&sgi_taken_in, round, __ATOMIC_RELEASE);
	}
	while (__atomic_load_n(&stop_requested, __ATOMIC_ACQUIRE) != current_round)
		;
	/* Returning calls CPU_OFF: the check is that it takes effect. */
}

static bool start_own_vcpu(const char *name)
{
	int64_t status;

	current_round++;
	status = start_vcpu(PSCI_OWN_VCPU, own_vcpu_main);
	check(status == PSCI_SUCCESS && wait_until(reported), name, "CPU_ON of vCPU %u returned %lld%s",
	      PSCI_OWN_VCPU, (long long)status, status == PSCI_SUCCESS ? ", but it never reported in" : "");
	return status == PSCI_SUCCESS && reported();
}

static void check_version_and_features(void)
{
	int64_t version = psci_version(), status;

	console_printf("psci: version %lld.%lld over %s\n", (long long)(version >> PSCI_VERSION_MAJOR_SHIFT),
		       (long long)(version & PSCI_VERSION_MINOR_MASK), bulkhead_present() ? "SMC (Bulkhead)" : "HVC (QEMU)");
	check(version >= PSCI_VERSION_1_0, "psci-version-1-or-later", "PSCI_VERSION returned %#llx",
	      (unsigned long long)version);
	status = psci_features(PSCI_AFFINITY_INFO_64);
	check(status >= 0, "psci-features-affinity-info", "PSCI_FEATURES(AFFINITY_INFO) returned %lld",
	      (long long)status);
	status = psci_features(UNKNOWN_PSCI_FUNCTION);
	check(status == PSCI_NOT_SUPPORTED, "psci-features-unknown-not-supported",
	      "PSCI_FEATURES(%#x) returned %lld", UNKNOWN_PSCI_FUNCTION, (long long)status);
}

static void check_refusals(void)
{
	int64_t status = psci_cpu_on(PSCI_OWN_VCPU, _start, 0);

	check(status == PSCI_ALREADY_ON, "psci-cpu-on-running-vcpu-already-on",
	      "CPU_ON of the running vCPU %u returned %lld", PSCI_OWN_VCPU, (long long)status);
	status = psci_cpu_on(PSCI_FOREIGN_MPIDR, _start, 0);
	check(status == PSCI_INVALID_PARAMETERS || status == PSCI_DENIED, "psci-cpu-on-foreign-refused",
	      "CPU_ON of MPIDR %#lx returned %lld", PSCI_FOREIGN_MPIDR, (long long)status);
	status = psci_cpu_on(OTHER_CLUSTER_MPIDR, _start, 0);
	check(status == PSCI_INVALID_PARAMETERS || status == PSCI_DENIED, "psci-cpu-on-other-cluster-refused",
	      "CPU_ON of MPIDR %#lx returned %lld", OTHER_CLUSTER_MPIDR, (long long)status);
	status = psci_affinity_info(PSCI_FOREIGN_MPIDR);
	check(status == PSCI_INVALID_PARAMETERS || status == PSCI_DENIED, "psci-affinity-info-foreign-refused",
	      "AFFINITY_INFO of MPIDR %#lx returned %lld", PSCI_FOREIGN_MPIDR, (long long)status);
}

static void stop_own_vcpu(const char *name)
{
	__atomic_store_n(&stop_requested, current_round, __ATOMIC_RELEASE);
	check(wait_until(reports_off), name, "AFFINITY_INFO still says %lld", (long long)psci_affinity_info(PSCI_OWN_VCPU));
}

static bool sgi_taken(void)
{
	return __atomic_load_n(&sgi_taken_in, __ATOMIC_ACQUIRE) == sgi_round;
}

/* One round of vCPU 1 taking ACTIVE_SGI from vCPU 0. */
static void sgi_round_check(enum sgi_round round, const char *started, const char *taken, const char *stopped)
{
	__atomic_store_n(&sgi_round, round, __ATOMIC_RELEASE);
	if (!start_own_vcpu(started))
		return;
	gic_send_sgi(ACTIVE_SGI, PSCI_OWN_VCPU);
	check(wait_until(sgi_taken), taken, "vCPU %u never acknowledged SGI %u", PSCI_OWN_VCPU, ACTIVE_SGI);
	stop_own_vcpu(stopped);
}

void guest_main(uint64_t dtb)
{
	int64_t state;

	(void)dtb;
	check_version_and_features();
	state = psci_affinity_info(PSCI_OWN_VCPU);
	check(state == PSCI_AFFINITY_OFF, "psci-affinity-info-off-before-start", "AFFINITY_INFO says %lld",
	      (long long)state);
	if (start_own_vcpu("psci-cpu-on-own-vcpu")) {
		state = psci_affinity_info(PSCI_OWN_VCPU);
		check(state == PSCI_AFFINITY_ON, "psci-affinity-info-on", "AFFINITY_INFO says %lld", (long long)state);
		check_refusals();
		stop_own_vcpu("psci-cpu-off-from-vcpu1");
		if (start_own_vcpu("psci-cpu-on-after-off"))
			stop_own_vcpu("psci-cpu-off-again");
	}
	gic_init();
	sgi_round_check(SGI_LEAVE_ACTIVE, "psci-cpu-on-for-sgi", "psci-sgi-taken-left-active",
			"psci-cpu-off-with-sgi-active");
	sgi_round_check(SGI_TAKE_AFTER_OFF, "psci-cpu-on-after-active-off", "psci-sgi-taken-after-active-off",
			"psci-cpu-off-last");
	/* done() ends with SYSTEM_OFF. */
}
