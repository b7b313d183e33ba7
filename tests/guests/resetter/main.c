/*
 * resetter: resets its own partition with PSCI SYSTEM_RESET as soon as it
 * starts, every time, as fast as it can. It needs no grant: any partition
 * may reset itself. Beside it, tests/sched/self-reset.sh measures that the
 * owner of the other window on its CPU keeps its share, and
 * tests/image/log-flood.sh that another partition's restart is still
 * measured (tests/layouts/sched-self-reset.yaml, log-flood.yaml).
 */
#include <guest.h>

void guest_main(uint64_t dtb)
{
	(void)dtb;
	psci_system_reset();
}
