/*
 * controller: a non-root partition its layout grants `control`
 * (tests/layouts/control.yaml). It reads what the root reads, through
 * both doors (the hypercall and the control page), and is refused what
 * no partition may do: stopping, starting or restarting the root,
 * stopping or restarting itself, reading outside its memory. A refusal
 * does nothing: x1-x3, the buffer (full of sentinels) and the page's
 * RESULT and DATA stay as they were. Control is all or nothing: it stops
 * "target", a partition it has nothing to do with, and the root checks
 * that target stays stopped. Then it resets itself once with PSCI
 * SYSTEM_RESET: it must come back from a fresh image, with the restart
 * counted (and target still stopped). Then it idles.
 */
#include <guest.h>
#include <control_abi.h>

#ifndef CONTROL_PAGE
#define CONTROL_PAGE	0x0b000000UL
#endif
#ifndef PARTITIONS
#define PARTITIONS	7U
#endif
#ifndef TARGET
#define TARGET		6U	/* "target" in control.yaml */
#endif

static uint8_t data[BH_CTL_DATA_SIZE];
/* Initialised data: a restart that reloads the image brings the value back. */
static volatile uint32_t image_word = 0x600dda7a;

static struct smccc_result control(uint32_t command, uint64_t arg0, uint64_t arg1, void *buffer, uint64_t size)
{
	return hvc_call5(BH_HC_CONTROL, command, arg0, arg1, (uintptr_t)buffer, size);
}

/*
 * `command` on `arg0` must be refused with `expected` and do nothing:
 * x1-x3 as given (the command, arg0, a sentinel), not a byte of the
 * buffer written.
 */
static void expect_refused(const char *name, uint32_t command, uint64_t arg0, int64_t expected)
{
	struct smccc_result r;

	sentinel_fill((uintptr_t)data, sizeof(data), SENTINEL_BYTE);
	r = control(command, arg0, SENTINEL_X3, data, sizeof(data));
	expect_nothing_done(name, r, expected, command, arg0, SENTINEL_X3,
			    sentinel_not((uintptr_t)data, sizeof(data), SENTINEL_BYTE));
}

static bool same_name(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

static uint32_t page_read32(unsigned int offset)
{
	return *(volatile uint32_t *)(CONTROL_PAGE + offset);
}

static uint64_t page_read64(unsigned int offset)
{
	return *(volatile uint64_t *)(CONTROL_PAGE + offset);
}

static void check_hypercall(uint64_t self)
{
	struct smccc_result r = control(BH_CTL_CMD_SUMMARY, 0, 0, NULL, 0);
	const struct bh_partition_info *info = (const void *)data;

	check(r.x0 == BH_OK && r.x1 == PARTITIONS && r.x2 == self, "control-summary",
	      "status %lld, %llu partitions, caller %llu", (long long)r.x0, (unsigned long long)r.x1,
	      (unsigned long long)r.x2);
	r = control(BH_CTL_CMD_PARTITION, 0, 0, data, sizeof(data));
	check(r.x0 == BH_OK && r.x3 == sizeof(*info) && same_name(info->name, "linux") &&
	      (info->flags & BH_PARTITION_ROOT) && info->state == BH_PARTITION_RUNNING, "control-sees-root",
	      "status %lld, %llu bytes, name %s, flags %u", (long long)r.x0, (unsigned long long)r.x3, info->name,
	      info->flags);
	r = control(BH_CTL_CMD_PARTITION, self, 0, data, sizeof(data));
	check(r.x0 == BH_OK && same_name(info->name, guest_name) && (info->flags & BH_PARTITION_CONTROL) &&
	      !(info->flags & BH_PARTITION_ROOT), "control-sees-itself-with-control", "name %s, flags %u",
	      info->name, info->flags);
	expect_refused("control-stop-root-denied", BH_CTL_CMD_STOP, 0, BH_ERR_DENIED);
	expect_refused("control-start-root-denied", BH_CTL_CMD_START, 0, BH_ERR_DENIED);
	expect_refused("control-restart-root-denied", BH_CTL_CMD_RESTART, 0, BH_ERR_DENIED);
	expect_refused("control-stop-self-denied", BH_CTL_CMD_STOP, self, BH_ERR_DENIED);
	expect_refused("control-restart-self-denied", BH_CTL_CMD_RESTART, self, BH_ERR_DENIED);
	expect_refused("control-unknown-partition", BH_CTL_CMD_PARTITION, 1000, BH_ERR_INVALID);
	expect_refused("control-unknown-command", 99, 0, BH_ERR_NOT_SUPPORTED);
	expect_refused("control-log-offset-beyond-refused", BH_CTL_CMD_LOG, ~0UL, BH_ERR_INVALID);
	/* Not the caller's memory: the hypervisor must not write there for it. */
	r = control(BH_CTL_CMD_PARTITION, 0, SENTINEL_X3, (void *)0x48000000UL, sizeof(data));
	expect_nothing_done("control-buffer-outside-memory", r, BH_ERR_BAD_ADDRESS, BH_CTL_CMD_PARTITION, 0,
			    SENTINEL_X3, 0);
}

/* All or nothing: a partition with control stops any other non-root one. */
static void check_stops_other(uint32_t restarts)
{
	const struct bh_partition_info *info = (const void *)data;
	struct smccc_result r;

	if (restarts == 0) {
		r = control(BH_CTL_CMD_STOP, TARGET, 0, NULL, 0);
		check(r.x0 == BH_OK, "control-stops-other-partition", "status %lld", (long long)r.x0);
	}
	r = control(BH_CTL_CMD_PARTITION, TARGET, 0, data, sizeof(data));
	check(r.x0 == BH_OK && same_name(info->name, "target") && info->state == BH_PARTITION_STOPPED,
	      "control-other-partition-stopped", "status %lld, %s in state %u", (long long)r.x0, info->name,
	      info->state);
}

/* The log's start fills RESULT0/1 and DATA; a refused read beyond its end must leave all three. */
static void check_page_refusal(void)
{
	uint64_t size, copied;

	*(volatile uint64_t *)(CONTROL_PAGE + BH_CTL_ARG0) = 0;
	*(volatile uint32_t *)(CONTROL_PAGE + BH_CTL_COMMAND) = BH_CTL_CMD_LOG;
	size = page_read64(BH_CTL_RESULT0);
	copied = page_read64(BH_CTL_RESULT1);
	sentinel_copy(data, CONTROL_PAGE + BH_CTL_DATA, sizeof(data));
	*(volatile uint64_t *)(CONTROL_PAGE + BH_CTL_ARG0) = ~0UL;
	*(volatile uint32_t *)(CONTROL_PAGE + BH_CTL_COMMAND) = BH_CTL_CMD_LOG;
	check((int32_t)page_read32(BH_CTL_STATUS) == BH_ERR_INVALID && copied > 0 &&
	      page_read64(BH_CTL_RESULT0) == size && page_read64(BH_CTL_RESULT1) == copied &&
	      sentinel_changed(CONTROL_PAGE + BH_CTL_DATA, data, sizeof(data)) == 0,
	      "control-page-refusal-changes-nothing",
	      "status %d, results %llu %llu (were %llu %llu), %zu data bytes changed",
	      (int)page_read32(BH_CTL_STATUS), (unsigned long long)page_read64(BH_CTL_RESULT0),
	      (unsigned long long)page_read64(BH_CTL_RESULT1), (unsigned long long)size, (unsigned long long)copied,
	      sentinel_changed(CONTROL_PAGE + BH_CTL_DATA, data, sizeof(data)));
}

static void check_page(uint64_t self)
{
	check(page_read32(BH_CTL_MAGIC) == BH_CTL_MAGIC_VALUE, "control-page-magic", "magic %#x",
	      page_read32(BH_CTL_MAGIC));
	*(volatile uint32_t *)(CONTROL_PAGE + BH_CTL_COMMAND) = BH_CTL_CMD_SUMMARY;
	check(page_read32(BH_CTL_STATUS) == BH_OK && page_read64(BH_CTL_RESULT0) == PARTITIONS &&
	      page_read64(BH_CTL_RESULT1) == self, "control-page-summary", "status %d, results %llu %llu",
	      (int)page_read32(BH_CTL_STATUS), (unsigned long long)page_read64(BH_CTL_RESULT0),
	      (unsigned long long)page_read64(BH_CTL_RESULT1));
	check_page_refusal();
	*(volatile uint64_t *)(CONTROL_PAGE + BH_CTL_ARG0) = 0;
	*(volatile uint32_t *)(CONTROL_PAGE + BH_CTL_COMMAND) = BH_CTL_CMD_STOP;
	check((int32_t)page_read32(BH_CTL_STATUS) == BH_ERR_DENIED, "control-page-stop-root-denied", "status %d",
	      (int)page_read32(BH_CTL_STATUS));
	check(probe_write(CONTROL_PAGE + BH_CTL_RESULT0, 1).aborted, "control-page-result-not-writable",
	      "a write to RESULT0 went through");
}

static uint32_t own_restarts(uint64_t self)
{
	const struct bh_partition_info *info = (const void *)data;

	control(BH_CTL_CMD_PARTITION, self, 0, data, sizeof(data));
	return info->restarts;
}

void guest_main(uint64_t dtb)
{
	uint64_t self, vcpu;
	uint32_t restarts;

	(void)dtb;
	bh_partition_id(&self, &vcpu);
	check_hypercall(self);
	check_page(self);
	restarts = own_restarts(self);
	check_stops_other(restarts);
	if (restarts == 0) {
		console_printf("controller: resetting itself\n");
		image_word = 0;
		psci_system_reset();
	}
	check(restarts == 1 && image_word == 0x600dda7a, "restarted-by-system-reset",
	      "%u restarts, image word %#x", restarts, image_word);
	console_printf("controller: verdicts done, idling\n");
	for (;;)
		__asm__ volatile("wfi");
}
