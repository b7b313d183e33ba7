/*
 * nocontrol: a partition the layout does not grant `control`. The control
 * hypercall says so and does nothing else (x1-x3 and its buffer stay as
 * they were), the control page is not there (the access aborts; its
 * policy is inject), and then it keeps beating: nothing else changed
 * (the root checks that its heartbeat goes on, tests/linux/control-test).
 */
#include <guest.h>
#include <control_abi.h>

#ifndef CONTROL_PAGE
#define CONTROL_PAGE	0x0b000000UL
#endif

static uint8_t buffer[256];

/* `command` on `arg0` is denied, with its registers and buffer untouched. */
static void expect_denied(const char *name, uint32_t command, uint64_t arg0)
{
	struct smccc_result r;

	sentinel_fill((uintptr_t)buffer, sizeof(buffer), SENTINEL_BYTE);
	r = hvc_call5(BH_HC_CONTROL, command, arg0, SENTINEL_X3, (uintptr_t)buffer, sizeof(buffer));
	expect_nothing_done(name, r, BH_ERR_DENIED, command, arg0, SENTINEL_X3,
			    sentinel_not((uintptr_t)buffer, sizeof(buffer), SENTINEL_BYTE));
}

void guest_main(uint64_t dtb)
{
	struct probe_result read;

	(void)dtb;
	expect_denied("control-hypercall-denied", BH_CTL_CMD_SUMMARY, SENTINEL_X2);
	expect_denied("control-stop-root-denied", BH_CTL_CMD_STOP, 0);
	expect_denied("control-log-denied", BH_CTL_CMD_LOG, 0);
	read = probe_read(CONTROL_PAGE);
	check(read.aborted, "control-page-absent", "the control page answered a partition without control");
	console_printf("nocontrol: verdicts done, beating\n");
	heartbeat(0);
}
