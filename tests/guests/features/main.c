/*
 * features: a bare-metal partition checks its own feature mask while Linux
 * runs beside it (tests/layouts/linux-root*.yaml hide pmu and debug here):
 * the ID registers say the PMU and EL2 are absent, a PMU register access
 * is an undefined instruction, and the debug registers read as zero and
 * ignore writes. Then it beats like heartbeat.
 */
#include <guest.h>

static volatile unsigned int undefined_taken;

static enum sync_action expect_undefined(const struct exception_info *info)
{
	if (esr_class(info->esr) != ESR_EC_UNKNOWN)
		return SYNC_UNEXPECTED;
	undefined_taken++;
	return SYNC_SKIP;
}

void guest_main(uint64_t dtb)
{
	uint64_t pfr0, dfr0, mdscr = 1;

	(void)dtb;
	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	__asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
	check(((pfr0 >> 8) & 0xf) == 0, "features-el2-hidden", "ID_AA64PFR0_EL1 %#llx", (unsigned long long)pfr0);
	check(((dfr0 >> 8) & 0xf) == 0, "features-pmu-hidden", "ID_AA64DFR0_EL1 %#llx", (unsigned long long)dfr0);
	set_sync_hook(expect_undefined);
	__asm__ volatile("mrs x0, pmcr_el0" ::: "x0");
	check(undefined_taken == 1, "features-pmu-trapped", "reading PMCR_EL0 did not fault");
	__asm__ volatile("msr mdscr_el1, %0\n\tisb\n\tmrs %0, mdscr_el1" : "+r"(mdscr));
	check(mdscr == 0, "features-debug-raz-wi", "MDSCR_EL1 read back %#llx", (unsigned long long)mdscr);
	set_sync_hook(0);
	console_printf("features: checks done\n");
	heartbeat(0);
}
