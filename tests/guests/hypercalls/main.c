/*
 * hypercalls: the Bulkhead hypercalls answer what the ABI promises, and
 * refuse bad arguments with the right status and nothing else: a refused
 * call leaves x1-x3 as the caller set them (sentinels here) and writes no
 * byte of any buffer. Refused: a console buffer outside the partition's
 * RAM, one that wraps around the address space, lengths over the limit,
 * unknown function ids, hypercall ids over SMC, another partition's stats
 * (this is not the root), a stats buffer that is short, read-only, or
 * that straddles the end of its RAM by one byte. Natively it checks only
 * that QEMU's firmware refuses the ids (which is how the runtime tells
 * the two apart) and skips the rest.
 *
 * Build-time knobs (GUEST_DEFINES_hypercalls='-D...'):
 *   HYPERCALLS_FOREIGN_BUFFER   an address outside the partition's RAM
 *   HYPERCALLS_OTHER_PARTITION  another partition's id
 *   HYPERCALLS_RAM_END          the end of the partition's (only) RAM region
 *   HYPERCALLS_READ_ONLY        a read-only region of the partition
 */
#include <guest.h>

#ifndef HYPERCALLS_FOREIGN_BUFFER
#define HYPERCALLS_FOREIGN_BUFFER	0x50000000UL	/* the victim's RAM in core-checks.yaml */
#endif
#ifndef HYPERCALLS_OTHER_PARTITION
#define HYPERCALLS_OTHER_PARTITION	3U	/* the victim in tests/layouts/runtime-guests.yaml */
#endif
#ifndef HYPERCALLS_RAM_END
#define HYPERCALLS_RAM_END		0x41000000UL	/* 16 MiB at 0x40000000 */
#endif
#ifndef HYPERCALLS_READ_ONLY
#define HYPERCALLS_READ_ONLY		0x42000000UL
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

static void expect_refused(const char *name, struct smccc_result r, int64_t expected, uint64_t x1, uint64_t x2,
			   uint64_t x3)
{
	expect_nothing_done(name, r, expected, x1, x2, x3, 0);
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
		expect_refused("hypercall-foreign-buffer-refused",
			       hvc_call(BH_HC_CONSOLE_WRITE, HYPERCALLS_FOREIGN_BUFFER, FOREIGN_LENGTH, SENTINEL_X3),
			       BH_ERR_BAD_ADDRESS, HYPERCALLS_FOREIGN_BUFFER, FOREIGN_LENGTH, SENTINEL_X3);
	if (runs_here("hypercall-wrapping-buffer-refused"))
		expect_refused("hypercall-wrapping-buffer-refused",
			       hvc_call(BH_HC_CONSOLE_WRITE, WRAPPING_BUFFER, FOREIGN_LENGTH, SENTINEL_X3),
			       BH_ERR_BAD_ADDRESS, WRAPPING_BUFFER, FOREIGN_LENGTH, SENTINEL_X3);
	if (runs_here("hypercall-length-over-limit-refused"))
		expect_refused("hypercall-length-over-limit-refused",
			       hvc_call(BH_HC_CONSOLE_WRITE, (uint64_t)(uintptr_t)console_line,
					BH_CONSOLE_WRITE_MAX + 1, SENTINEL_X3),
			       BH_ERR_INVALID, (uint64_t)(uintptr_t)console_line, BH_CONSOLE_WRITE_MAX + 1, SENTINEL_X3);
	if (runs_here("hypercall-huge-length-refused"))
		expect_refused("hypercall-huge-length-refused",
			       hvc_call(BH_HC_CONSOLE_WRITE, (uint64_t)(uintptr_t)console_line, ~0UL, SENTINEL_X3),
			       BH_ERR_INVALID, (uint64_t)(uintptr_t)console_line, ~0UL, SENTINEL_X3);
}

static struct bh_vcpu_stats stats;

/* Whether expect_stats_refused() may plant sentinels in the buffer first. */
enum buffer_kind { OWN_WRITABLE, NOT_WRITABLE };

/*
 * VCPU_STATS with a buffer of `size` bytes at `buffer`, which must be
 * refused with `expected`: x1-x3 unchanged, and none of the `guarded`
 * bytes at `buffer` written. Sentinels go there first, fresh for each
 * call; a buffer the guest cannot write keeps what it held.
 */
static void expect_stats_refused(const char *name, uint64_t partition, uint64_t vcpu, uintptr_t buffer,
				 uint64_t size, size_t guarded, enum buffer_kind kind, int64_t expected)
{
	uint8_t before[sizeof(struct bh_vcpu_stats)];
	struct smccc_result r;
	size_t changed;

	if (kind == OWN_WRITABLE)
		sentinel_fill(buffer, guarded, SENTINEL_BYTE);
	sentinel_copy(before, buffer, guarded);
	r = hvc_call4(BH_HC_VCPU_STATS, partition, vcpu, buffer, size);
	changed = sentinel_changed(buffer, before, guarded);
	expect_nothing_done(name, r, expected, partition, vcpu, buffer, changed);
}

static void check_stats(void)
{
	uintptr_t own = (uintptr_t)&stats, at_end = HYPERCALLS_RAM_END - sizeof(stats);
	uint64_t partition = 0, vcpu = 0;
	struct smccc_result r;

	if (!bulkhead_present()) {
		skip("hypercall-stats", "no hypervisor");
		return;
	}
	bh_partition_id(&partition, &vcpu);
	r = hvc_call4(BH_HC_VCPU_STATS, partition, vcpu, own, sizeof(stats));
	/* This guest has made hypercalls already: its own exits cannot be 0. */
	check(r.x0 == BH_OK && stats.exits > 0 && stats.exits_by_reason[BH_EXIT_HYPERCALL] > 0,
	      "hypercall-stats-own", "status %lld, %llu exits, %llu by HVC", (long long)r.x0,
	      (unsigned long long)stats.exits, (unsigned long long)stats.exits_by_reason[BH_EXIT_HYPERCALL]);

	/* Every refusal below, done right, would have filled the sentinel bytes. */
	expect_stats_refused("hypercall-stats-short-buffer-refused", partition, vcpu, own, sizeof(stats) - 1,
			     sizeof(stats), OWN_WRITABLE, BH_ERR_BAD_ADDRESS);
	expect_stats_refused("hypercall-stats-other-partition-refused", HYPERCALLS_OTHER_PARTITION, 0, own,
			     sizeof(stats), sizeof(stats), OWN_WRITABLE, BH_ERR_DENIED);
	expect_stats_refused("hypercall-stats-unknown-partition-refused", 1000, 0, own, sizeof(stats),
			     sizeof(stats), OWN_WRITABLE, BH_ERR_INVALID);
	expect_stats_refused("hypercall-stats-unknown-vcpu-refused", partition, MAX_VCPUS, own, sizeof(stats),
			     sizeof(stats), OWN_WRITABLE, BH_ERR_INVALID);
	expect_stats_refused("hypercall-stats-huge-vcpu-refused", partition, (1UL << 32) + vcpu, own,
			     sizeof(stats), sizeof(stats), OWN_WRITABLE, BH_ERR_INVALID);
	/* Readable but not writable: what it holds must still be there. */
	expect_stats_refused("hypercall-stats-read-only-buffer-refused", partition, vcpu, HYPERCALLS_READ_ONLY,
			     sizeof(stats), sizeof(stats), NOT_WRITABLE, BH_ERR_BAD_ADDRESS);
	expect_stats_refused("hypercall-stats-foreign-buffer-refused", partition, vcpu, HYPERCALLS_FOREIGN_BUFFER,
			     sizeof(stats), 0, NOT_WRITABLE, BH_ERR_BAD_ADDRESS);
	/* Its last byte one past the RAM: the bytes inside stay untouched. */
	expect_stats_refused("hypercall-stats-buffer-past-ram-end-refused", partition, vcpu, at_end + 1,
			     sizeof(stats), sizeof(stats) - 1, OWN_WRITABLE, BH_ERR_BAD_ADDRESS);
	/* One byte lower it fits, and is written: the refusal above was the one byte outside. */
	sentinel_fill(at_end, sizeof(stats), SENTINEL_BYTE);
	r = hvc_call4(BH_HC_VCPU_STATS, partition, vcpu, at_end, sizeof(stats));
	check(r.x0 == BH_OK && ((volatile struct bh_vcpu_stats *)at_end)->exits > 0,
	      "hypercall-stats-buffer-at-ram-end", "status %lld", (long long)r.x0);
}

static void check_unknown_and_conduit(void)
{
	if (!bulkhead_present()) {
		/* What bulkhead_present() relies on: natively nobody implements the ids. */
		expect_status("native-firmware-refuses-hypercalls", hvc_call(BH_HC_VERSION, 0, 0, 0),
			      BH_ERR_NOT_SUPPORTED);
	}
	if (runs_here("hypercall-unknown-refused"))
		expect_refused("hypercall-unknown-refused",
			       hvc_call(UNKNOWN_BULKHEAD_ID, SENTINEL_X1, SENTINEL_X2, SENTINEL_X3),
			       BH_ERR_NOT_SUPPORTED, SENTINEL_X1, SENTINEL_X2, SENTINEL_X3);
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
