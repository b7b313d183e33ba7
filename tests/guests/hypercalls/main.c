/*
 * hypercalls: the Bulkhead hypercalls answer what the ABI promises, and
 * refuse bad arguments with the right status: a console buffer outside
 * the partition's RAM, one that wraps around the address space, lengths
 * over the limit, unknown function ids, hypercall ids over SMC. Natively
 * it checks only that QEMU's firmware refuses the ids (which is how the
 * runtime tells the two apart) and skips the rest.
 *
 * Build-time knob (GUEST_DEFINES_hypercalls='-D...'):
 *   HYPERCALLS_FOREIGN_BUFFER  an address outside the partition's RAM
 */
#include <guest.h>

#ifndef HYPERCALLS_FOREIGN_BUFFER
#define HYPERCALLS_FOREIGN_BUFFER	0x50000000UL	/* the victim's RAM in core-checks.yaml */
#endif
#define FOREIGN_LENGTH		16
#define WRAPPING_BUFFER		(~0UL - 4)	/* 16 bytes from here wrap to 0 */
#define UNKNOWN_BULKHEAD_ID	(BH_HC_BASE + 0x77)
#define OTHER_OWNER_ID		(BH_HC_BASE - 1)	/* the last id of the previous service owner */

static const char console_line[] = "hypercalls: a line through BH_HC_CONSOLE_WRITE\n";

static bool runs_here(const char *name)
{
	if (bulkhead_present())
		return true;
	skip(name, "no hypervisor");
	return false;
}

static void expect_status(const char *name, struct smccc_result r, int64_t expected)
{
	check(r.x0 == expected, name, "status %lld, expected %lld", (long long)r.x0, (long long)expected);
}

static void check_identity(void)
{
	uint32_t version = 0;
	uint64_t partition = 0, vcpu = 0;
	int64_t status;

	if (runs_here("hypercall-version")) {
		status = bh_version(&version);
		check(status == BH_OK && version >> BH_VERSION_MAJOR_SHIFT == BH_ABI_VERSION_MAJOR, "hypercall-version",
		      "status %lld, version %#x", (long long)status, version);
	}
	if (runs_here("hypercall-partition-id")) {
		status = bh_partition_id(&partition, &vcpu);
		check(status == BH_OK && vcpu == this_vcpu(), "hypercall-partition-id",
		      "status %lld, partition %llu, vCPU %llu", (long long)status, (unsigned long long)partition,
		      (unsigned long long)vcpu);
	}
}

static void check_console_write(void)
{
	if (runs_here("hypercall-console-write"))
		check(console_write_hypercall(console_line, sizeof(console_line) - 1) == BH_OK,
		      "hypercall-console-write", "own buffer refused");
	if (runs_here("hypercall-foreign-buffer-refused"))
		expect_status("hypercall-foreign-buffer-refused",
			      hvc_call(BH_HC_CONSOLE_WRITE, HYPERCALLS_FOREIGN_BUFFER, FOREIGN_LENGTH, 0),
			      BH_ERR_BAD_ADDRESS);
	if (runs_here("hypercall-wrapping-buffer-refused"))
		expect_status("hypercall-wrapping-buffer-refused",
			      hvc_call(BH_HC_CONSOLE_WRITE, WRAPPING_BUFFER, FOREIGN_LENGTH, 0), BH_ERR_BAD_ADDRESS);
	if (runs_here("hypercall-length-over-limit-refused"))
		expect_status("hypercall-length-over-limit-refused",
			      hvc_call(BH_HC_CONSOLE_WRITE, (uint64_t)(uintptr_t)console_line,
				       BH_CONSOLE_WRITE_MAX + 1, 0), BH_ERR_INVALID);
	if (runs_here("hypercall-huge-length-refused"))
		expect_status("hypercall-huge-length-refused",
			      hvc_call(BH_HC_CONSOLE_WRITE, (uint64_t)(uintptr_t)console_line, ~0UL, 0),
			      BH_ERR_INVALID);
}

static void check_stats(void)
{
	static struct bh_vcpu_stats stats;
	uint64_t partition = 0, vcpu = 0;
	struct smccc_result r;

	if (!bulkhead_present()) {
		skip("hypercall-stats-own", "no hypervisor");
		skip("hypercall-stats-short-buffer-refused", "no hypervisor");
		return;
	}
	bh_partition_id(&partition, &vcpu);
	r = hvc_call4(BH_HC_VCPU_STATS, partition, vcpu, (uint64_t)(uintptr_t)&stats, sizeof(stats));
	/* This guest has made hypercalls already: its own exits cannot be 0. */
	check(r.x0 == BH_OK && stats.exits > 0 && stats.exits_by_reason[BH_EXIT_HYPERCALL] > 0,
	      "hypercall-stats-own", "status %lld, %llu exits, %llu by HVC", (long long)r.x0,
	      (unsigned long long)stats.exits, (unsigned long long)stats.exits_by_reason[BH_EXIT_HYPERCALL]);
	expect_status("hypercall-stats-short-buffer-refused",
		      hvc_call4(BH_HC_VCPU_STATS, partition, vcpu, (uint64_t)(uintptr_t)&stats, sizeof(stats) - 1),
		      BH_ERR_BAD_ADDRESS);
}

static void check_unknown_and_conduit(void)
{
	if (!bulkhead_present()) {
		/* What bulkhead_present() relies on: natively nobody implements the ids. */
		expect_status("native-firmware-refuses-hypercalls", hvc_call(BH_HC_VERSION, 0, 0, 0),
			      BH_ERR_NOT_SUPPORTED);
	}
	if (runs_here("hypercall-unknown-refused"))
		expect_status("hypercall-unknown-refused", hvc_call(UNKNOWN_BULKHEAD_ID, 0, 0, 0),
			      BH_ERR_NOT_SUPPORTED);
	if (runs_here("hypercall-other-owner-refused"))
		expect_status("hypercall-other-owner-refused", hvc_call(OTHER_OWNER_ID, 0, 0, 0),
			      BH_ERR_NOT_SUPPORTED);
	if (runs_here("hypercall-yield"))
		expect_status("hypercall-yield", hvc_call(BH_HC_YIELD, 0, 0, 0), BH_OK);
	/* SMC at EL1 natively, with no EL3, is undefined: only try it under Bulkhead. */
	if (runs_here("hypercalls-only-over-hvc"))
		expect_status("hypercalls-only-over-hvc", smc_call(BH_HC_VERSION, 0, 0, 0), BH_ERR_NOT_SUPPORTED);
}

void guest_main(uint64_t dtb)
{
	(void)dtb;
	console_printf("hypercalls: %s\n", bulkhead_present() ? "under Bulkhead" : "natively (no Bulkhead)");
	check_unknown_and_conduit();
	check_identity();
	check_console_write();
	check_stats();
}
