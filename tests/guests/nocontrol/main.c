/*
 * nocontrol: a partition the layout does not grant `control`. The control
 * hypercall says so and does nothing else (x1-x3 and its buffer stay as
 * they were), the control page is not there (the access aborts; its
 * policy is inject), and then it keeps beating: nothing else changed
 * (the root checks that its heartbeat goes on, tests/linux/control-test).
 * Every ten seconds it tries again.
 */
#include <guest.h>
#include <control_abi.h>

#ifndef CONTROL_PAGE
#define CONTROL_PAGE	0x0b000000UL
#endif

#define RECHECK_BEATS	100	/* 10 s */

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

static void check_refusals(void)
{
	expect_denied("control-hypercall-denied", BH_CTL_CMD_SUMMARY, SENTINEL_X2);
	expect_denied("control-stop-root-denied", BH_CTL_CMD_STOP, 0);
	expect_denied("control-log-denied", BH_CTL_CMD_LOG, 0);
	check(probe_read(CONTROL_PAGE).aborted, "control-page-absent",
	      "the control page answered a partition without control");
	console_printf("nocontrol: verdicts done, beating\n");
}

void guest_main(uint64_t dtb)
{
	(void)dtb;
	/*
	 * Again every RECHECK_BEATS beats: its console ring keeps only the
	 * last 4 KiB, and the root reads it long after the first round.
	 */
	for (uint64_t beats = RECHECK_BEATS;; beats += RECHECK_BEATS) {
		check_refusals();
		heartbeat(beats);
	}
}
