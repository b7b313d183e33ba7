/*
 * controller: a non-root partition its layout grants `control`
 * (tests/layouts/control.yaml). It reads what the root reads, through
 * both doors (the hypercall and the control page), and is refused what
 * no partition may do: stopping the root or itself, reading outside its
 * memory. Then it resets itself once with PSCI SYSTEM_RESET: it must come
 * back from a fresh image, with the restart counted. Then it idles.
 */
#include <guest.h>
#include <control_abi.h>

#ifndef CONTROL_PAGE
#define CONTROL_PAGE	0x0b000000UL
#endif
#ifndef PARTITIONS
#define PARTITIONS	6U
#endif

static uint8_t data[BH_CTL_DATA_SIZE];
/* Initialised data: a restart that reloads the image brings the value back. */
static volatile uint32_t image_word = 0x600dda7a;

static struct smccc_result control(uint32_t command, uint64_t arg0, uint64_t arg1, void *buffer, uint64_t size)
{
	return hvc_call5(BH_HC_CONTROL, command, arg0, arg1, (uintptr_t)buffer, size);
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
	r = control(BH_CTL_CMD_STOP, 0, 0, NULL, 0);
	check(r.x0 == BH_ERR_DENIED, "control-stop-root-denied", "status %lld", (long long)r.x0);
	r = control(BH_CTL_CMD_RESTART, self, 0, NULL, 0);
	check(r.x0 == BH_ERR_DENIED, "control-restart-self-denied", "status %lld", (long long)r.x0);
	r = control(BH_CTL_CMD_PARTITION, 1000, 0, data, sizeof(data));
	check(r.x0 == BH_ERR_INVALID, "control-unknown-partition", "status %lld", (long long)r.x0);
	r = control(99, 0, 0, NULL, 0);
	check(r.x0 == BH_ERR_NOT_SUPPORTED, "control-unknown-command", "status %lld", (long long)r.x0);
	/* Not the caller's memory: the hypervisor must not write there for it. */
	r = control(BH_CTL_CMD_PARTITION, 0, 0, (void *)0x48000000UL, sizeof(data));
	check(r.x0 == BH_ERR_BAD_ADDRESS, "control-buffer-outside-memory", "status %lld", (long long)r.x0);
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
