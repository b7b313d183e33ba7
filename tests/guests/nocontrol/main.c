/*
 * nocontrol: a partition the layout does not grant `control`. The control
 * hypercall says so, the control page is not there (the access aborts;
 * its policy is inject), and then it keeps beating: nothing else changed.
 */
#include <guest.h>
#include <control_abi.h>

#ifndef CONTROL_PAGE
#define CONTROL_PAGE	0x0b000000UL
#endif

void guest_main(uint64_t dtb)
{
	struct smccc_result r = hvc_call(BH_HC_CONTROL, BH_CTL_CMD_SUMMARY, 0, 0);
	struct probe_result read;

	(void)dtb;
	check((int64_t)r.x0 == BH_ERR_DENIED, "control-hypercall-denied", "status %lld", (long long)r.x0);
	r = hvc_call(BH_HC_CONTROL, BH_CTL_CMD_STOP, 0, 0);
	check((int64_t)r.x0 == BH_ERR_DENIED, "control-stop-root-denied", "status %lld", (long long)r.x0);
	read = probe_read(CONTROL_PAGE);
	check(read.aborted, "control-page-absent", "the control page answered a partition without control");
	console_printf("nocontrol: verdicts done, beating\n");
	heartbeat(0);
}
