/*
 * hog: an urgent vCPU (tests/layouts/sched-urgent-*.yaml) that tries to
 * keep a shared CPU beyond its window. Its mode is a word of its command
 * line (/chosen/bootargs):
 *   hog=masked  sends itself an SGI and spins with PSTATE.I set: the SGI
 *               stays pending in a list register for ever;
 *   hog=pmr0    the same with interrupts unmasked but ICC_PMR_EL1 = 0, so
 *               no interrupt ever gets through;
 *   hog=storm   vCPU 0 (pinned) sends vCPU 1 (urgent) an SGI every 2 ms;
 *               vCPU 1 takes each one and spins with interrupts unmasked,
 *               never waiting, so each SGI makes it urgent again. (Rarer
 *               SGIs would do as well; more frequent ones only make the
 *               two CPUs contend for the vGIC's lock, which under QEMU's
 *               round-robin -icount costs the whole machine time.)
 * It never stops; the root ends the run.
 */
#include <guest.h>

#define SGI_HOG		5

static volatile uint64_t taken;

static void on_sgi(unsigned int intid)
{
	(void)intid;
	taken++;
}

/* Whether the device tree's bytes hold `word` (the command line is there verbatim). */
static bool bootargs_say(uint64_t dtb, const char *word)
{
	const uint8_t *blob = (const uint8_t *)(uintptr_t)dtb;
	size_t length = 0, size;

	if (dtb == 0)
		return false;
	size = (size_t)blob[4] << 24 | (size_t)blob[5] << 16 | (size_t)blob[6] << 8 | blob[7];
	while (word[length] != '\0')
		length++;
	for (size_t at = 0; at + length <= size && size < 0x100000; at++) {
		size_t i = 0;
		while (i < length && blob[at + i] == (uint8_t)word[i])
			i++;
		if (i == length)
			return true;
	}
	return false;
}

static _Noreturn void spin(void)
{
	for (;;)
		__asm__ volatile("" ::: "memory");
}

void guest_secondary(unsigned int vcpu)
{
	(void)vcpu;
	gic_cpu_init();
	set_irq_handler(SGI_HOG, on_sgi);
	gic_enable(SGI_HOG);
	irq_enable();
	spin();
}

void guest_main(uint64_t dtb)
{
	uint64_t tick = counter_frequency() / 500;

	gic_init();
	set_irq_handler(SGI_HOG, on_sgi);
	gic_enable(SGI_HOG);
	if (bootargs_say(dtb, "hog=storm")) {
		timer_start_periodic(tick);
		irq_enable();
		check(psci_cpu_on(1, _start, 0) == 0, "hog-cpu-on", "CPU_ON failed");
		for (;;) {
			gic_send_sgi(SGI_HOG, 1);
			wait_for_interrupt();
		}
	}
	if (bootargs_say(dtb, "hog=pmr0")) {
		sysreg_icc_pmr_el1_write(0);
		irq_enable();
	} else {
		__asm__ volatile("msr daifset, #0x2" ::: "memory");
	}
	isb();
	gic_send_sgi(SGI_HOG, 0);
	console_printf("hog: interrupt pending and never taken\n");
	spin();
}
