/*
 * checks: the root partition of tests/layouts/core-checks.yaml. It checks
 * what a partition must observe: EL1, its own vCPUs through PSCI (and not
 * another partition's), SGIs between its vCPUs, its device's interrupt
 * forwarded to it (and interrupts it does not own invisible), a hardware
 * interrupt disabled while active, the virtual timer, and hypercalls
 * refusing bad arguments. Then it lets the other partitions run for a
 * while and powers the machine off.
 */
#include <guest.h>
#include <hypercall_abi.h>

#define RTC_BASE	0x09010000UL
#define RTC_DR		0x00	/* current time, seconds */
#define RTC_MR		0x04	/* match */
#define RTC_LR		0x08	/* load */
#define RTC_IMSC	0x10	/* interrupt mask set */
#define RTC_MIS		0x18
#define RTC_ICR		0x1c
#define RTC_INTID	34
#define FOREIGN_INTID	48	/* virtio0: the root does not own it in this layout */
#define SGI_PING	1

#define REG32(a) (*(volatile uint32_t *)(a))

static volatile uint32_t secondary_started, sgi_received, rtc_interrupts;

static void on_sgi(unsigned int intid)
{
	(void)intid;
	sgi_received++;
}

void guest_secondary(unsigned int vcpu)
{
	gic_cpu_init();
	set_irq_handler(SGI_PING, on_sgi);
	gic_enable(SGI_PING);
	irq_enable();
	__atomic_store_n(&secondary_started, vcpu, __ATOMIC_RELEASE);
	for (;;)
		__asm__ volatile("wfi");
}

static void check_el1(void)
{
	check(current_el() == 1, "runs-at-el1", "CurrentEL is EL%u", current_el());
}

static void check_psci_and_sgi(void)
{
	int64_t ret = psci_cpu_on(1, _start, 0);
	uint64_t start = counter_read();

	check(ret == 0, "psci-cpu-on-own-vcpu", "CPU_ON returned %lld", (long long)ret);
	while (__atomic_load_n(&secondary_started, __ATOMIC_ACQUIRE) != 1 &&
	       counter_read() - start < counter_frequency())
		;
	check(secondary_started == 1, "psci-second-vcpu-runs", "vCPU 1 never reported in");
	check(psci_affinity_info(1) == 0, "psci-affinity-info-on", "AFFINITY_INFO says %lld",
	      (long long)psci_affinity_info(1));
	ret = psci_cpu_on(1, _start, 0);
	check(ret == -4, "psci-cpu-on-twice-already-on", "second CPU_ON returned %lld", (long long)ret);
	/* vCPU 2 would be another partition's CPU, or nobody's: never ours. */
	ret = psci_cpu_on(2, _start, 0);
	check(ret == -2, "psci-cpu-on-foreign-refused", "CPU_ON of MPIDR 2 returned %lld", (long long)ret);
	ret = psci_cpu_on(0x100, _start, 0);
	check(ret == -2, "psci-cpu-on-other-cluster-refused", "CPU_ON of MPIDR 0x100 returned %lld", (long long)ret);

	gic_send_sgi(SGI_PING, 1);
	start = counter_read();
	while (sgi_received == 0 && counter_read() - start < counter_frequency() / 10)
		;
	check(sgi_received == 1, "sgi-between-own-vcpus", "vCPU 1 got %u SGIs", sgi_received);
}

static void on_rtc(unsigned int intid)
{
	(void)intid;
	rtc_interrupts++;
	REG32(RTC_BASE + RTC_ICR) = 1;
	if (rtc_interrupts == 1) {
		/* Disabled while active: the EOI that follows must still deactivate it. */
		REG32(GICD_BASE + GICD_ICENABLER + (RTC_INTID / 32) * 4) = 1U << (RTC_INTID % 32);
	}
}

static void fire_rtc_alarm(void)
{
	REG32(RTC_BASE + RTC_MR) = REG32(RTC_BASE + RTC_DR) + 1;
	REG32(RTC_BASE + RTC_IMSC) = 1;
}

static void wait_for(volatile uint32_t *counter, uint32_t value, uint64_t ticks)
{
	uint64_t start = counter_read();

	while (*counter < value && counter_read() - start < ticks)
		__asm__ volatile("wfi");
}

static void check_device_interrupts(void)
{
	uint32_t before;

	set_irq_handler(RTC_INTID, on_rtc);
	gic_enable(RTC_INTID);
	fire_rtc_alarm();
	wait_for(&rtc_interrupts, 1, 3 * counter_frequency());
	check(rtc_interrupts == 1, "device-interrupt-reaches-owner", "RTC alarm interrupts: %u", rtc_interrupts);
	check((REG32(GICD_BASE + GICD_ISENABLER + 4) & (1U << (RTC_INTID % 32))) == 0,
	      "device-interrupt-disabled-while-active", "still enabled after ICENABLER");
	gic_enable(RTC_INTID);
	fire_rtc_alarm();
	wait_for(&rtc_interrupts, 2, 3 * counter_frequency());
	check(rtc_interrupts == 2, "hardware-interrupt-not-left-active",
	      "after disabling while active, the next alarm gave %u interrupts in all", rtc_interrupts);

	before = REG32(GICD_BASE + GICD_ISENABLER + (FOREIGN_INTID / 32) * 4);
	REG32(GICD_BASE + GICD_ISENABLER + (FOREIGN_INTID / 32) * 4) = 1U << (FOREIGN_INTID % 32);
	check((before & (1U << (FOREIGN_INTID % 32))) == 0 &&
	      (REG32(GICD_BASE + GICD_ISENABLER + (FOREIGN_INTID / 32) * 4) & (1U << (FOREIGN_INTID % 32))) == 0,
	      "foreign-interrupt-invisible", "interrupt %u of another partition can be enabled", FOREIGN_INTID);
}

static void check_timer(void)
{
	uint64_t start = counter_read(), first;

	timer_start_periodic(counter_frequency() / 100);
	while (timer_ticks < 10 && counter_read() - start < 2 * counter_frequency())
		__asm__ volatile("wfi");
	first = counter_read() - start;
	check(timer_ticks >= 10, "virtual-timer-periodic", "%llu ticks in %llu counts",
	      (unsigned long long)timer_ticks, (unsigned long long)first);
}

static void check_hypercalls(void)
{
	static const char text[] = "hypercall console line\n";
	struct smccc_result r;

	r = hvc_call(BH_HC_VERSION, 0, 0, 0);
	check(r.x0 == BH_OK && r.x1 == ((BH_ABI_VERSION_MAJOR << 16) | BH_ABI_VERSION_MINOR),
	      "hypercall-version", "status %lld, version %#llx", (long long)r.x0, (unsigned long long)r.x1);
	r = hvc_call(BH_HC_PARTITION_ID, 0, 0, 0);
	check(r.x0 == BH_OK && r.x1 == 0 && r.x2 == 0, "hypercall-partition-id", "status %lld, id %llu",
	      (long long)r.x0, (unsigned long long)r.x1);
	r = hvc_call(BH_HC_CONSOLE_WRITE, (uint64_t)text, sizeof(text) - 1, 0);
	check(r.x0 == BH_OK, "hypercall-console-write", "status %lld", (long long)r.x0);
	r = hvc_call(BH_HC_CONSOLE_WRITE, 0x50000000UL, 16, 0);	/* the victim's RAM */
	check(r.x0 == BH_ERR_BAD_ADDRESS, "hypercall-foreign-buffer-refused", "status %lld", (long long)r.x0);
	r = hvc_call(BH_HC_CONSOLE_WRITE, 0x40081000UL, 16, 0);	/* the hypervisor */
	check(r.x0 == BH_ERR_BAD_ADDRESS, "hypercall-hypervisor-buffer-refused", "status %lld", (long long)r.x0);
	r = hvc_call(BH_HC_CONSOLE_WRITE, (uint64_t)text, BH_CONSOLE_WRITE_MAX + 1, 0);
	check(r.x0 == BH_ERR_INVALID, "hypercall-length-refused", "status %lld", (long long)r.x0);
	r = hvc_call(BH_HC_CONSOLE_WRITE, ~0UL - 4, 16, 0);
	check(r.x0 == BH_ERR_BAD_ADDRESS, "hypercall-wrapping-buffer-refused", "status %lld", (long long)r.x0);
	r = hvc_call(BH_HC_BASE + 0x77, 0, 0, 0);
	check(r.x0 == BH_ERR_NOT_SUPPORTED, "hypercall-unknown-refused", "status %lld", (long long)r.x0);
	r = smc_call(0x80000000U, 0, 0, 0);	/* SMCCC_VERSION */
	check(r.x0 == 0x10001, "smccc-version-1-1", "SMCCC_VERSION returned %#llx", (unsigned long long)r.x0);
	/* QEMU's firmware implements no workaround, so both queries say NOT_SUPPORTED. */
	r = smc_call(0x80000001U, 0x80008000U, 0, 0);	/* ARCH_FEATURES(WORKAROUND_1) */
	check(r.x0 == -1, "smccc-workaround-query-answered",
	      "ARCH_FEATURES(WORKAROUND_1) returned %lld, not -1", (long long)r.x0);
	r = smc_call(0x80000001U, 0x80007fffU, 0, 0);	/* ARCH_FEATURES(WORKAROUND_2) */
	check(r.x0 == -1, "smccc-ssbd-query-answered",
	      "ARCH_FEATURES(WORKAROUND_2) returned %lld, not -1", (long long)r.x0);
	/* Turning SSBD off is the hypervisor's to refuse: it answers 0 itself
	 * (QEMU's firmware, had the call reached it, would say -1). */
	r = smc_call(0x80007fffU, 0, 0, 0);		/* WORKAROUND_2, x1 = 0: disable */
	check(r.x0 == 0, "smccc-ssbd-disable-not-forwarded",
	      "WORKAROUND_2(0) returned %lld: it reached the firmware", (long long)r.x0);
	r = hvc_call(BH_HC_VERSION, 0, 0, 0);
	check(smc_call(BH_HC_VERSION, 0, 0, 0).x0 == -1, "hypercalls-only-over-hvc",
	      "a hypercall id over SMC was answered");
}

/* The boot protocol: x0 holds the partition's device tree; MPIDR numbers vCPUs from 0. */
static void check_boot_state(uint64_t dtb)
{
	uint64_t mpidr = sysreg_mpidr_el1_read();

	check(dtb != 0 && *(volatile uint32_t *)dtb == 0xedfe0dd0U, "x0-is-device-tree",
	      "x0 = %#llx does not point at a device tree", (unsigned long long)dtb);
	check((mpidr & 0xff00ffffffUL) == 0, "vcpu0-mpidr-is-0", "MPIDR %#llx", (unsigned long long)mpidr);
}

void guest_main(uint64_t dtb)
{
	check_boot_state(dtb);
	gic_init();
	irq_enable();
	check(bulkhead_present(), "runs-under-bulkhead", "no Bulkhead hypercall interface");
	check_el1();
	check_hypercalls();
	check_psci_and_sgi();
	check_timer();
	check_device_interrupts();
	console_printf("checks: letting the other partitions run\n");
	delay_ticks(3 * counter_frequency());
}
