/*
 * logwatch: a root that watches a partition reset itself hundreds of times
 * (tests/layouts/log-flood.yaml: "resetter" is partition 1), then restarts
 * the victim (partition 2) through the control interface and reads the
 * whole measurement log through it: the victim's restart must be in it,
 * whatever the resetter did before. It prints how many events each
 * partition's restarts left in the log.
 */
#include <guest.h>
#include <control_abi.h>
#include <event_log.h>
#include <format.h>
#include <layout.h>

#define RESETTER		1U
#define VICTIM			2U
#define RESETS_WANTED		400U
#define DESCRIPTION_PREFIX	" of partition "

static uint8_t data[BH_CTL_DATA_SIZE];
static uint8_t log_bytes[LAYOUT_EVENT_LOG_CAPACITY];

static struct smccc_result control(uint32_t command, uint64_t arg0)
{
	return hvc_call5(BH_HC_CONTROL, command, arg0, 0, (uintptr_t)data, sizeof(data));
}

static uint32_t restarts_of(unsigned int id)
{
	struct smccc_result r = control(BH_CTL_CMD_PARTITION, id);

	return r.x0 == BH_OK ? ((const struct bh_partition_info *)(const void *)data)->restarts : 0;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Whether text (of length size) holds needle. */
static bool holds(const char *text, size_t size, const char *needle)
{
	size_t length = 0;

	while (needle[length] != '\0')
		length++;
	for (size_t at = 0; at + length <= size; at++) {
		size_t i = 0;
		while (i < length && text[at + i] == needle[i])
			i++;
		if (i == length)
			return true;
	}
	return false;
}

/* The log as the control interface gives it, in BH_CTL_DATA_SIZE pieces; its size. */
static size_t read_log(void)
{
	size_t size = 0;

	for (;;) {
		struct smccc_result r = control(BH_CTL_CMD_LOG, size);
		if (r.x0 != BH_OK || r.x2 == 0 || size + r.x2 > sizeof(log_bytes))
			return size;
		for (uint64_t i = 0; i < r.x2; i++)
			log_bytes[size + i] = data[i];
		size += r.x2;
	}
}

void guest_main(uint64_t dtb)
{
	char victim_restart[48], of_resetter[24], of_victim[24];
	uint64_t tick = counter_frequency() / 100, deadline = counter_read() + 60 * counter_frequency();
	unsigned int resetter_events = 0, victim_events = 0;
	bool victim_measured = false;
	size_t size, at;

	(void)dtb;
	gic_init();
	timer_start_periodic(tick);
	irq_enable();
	while (restarts_of(RESETTER) < RESETS_WANTED && counter_read() < deadline)
		wait_for_interrupt();
	console_printf("resetter reset itself %u times\n", restarts_of(RESETTER));
	check(control(BH_CTL_CMD_RESTART, VICTIM).x0 == BH_OK, "victim-restarted", "the restart was refused");
	size = read_log();
	format_buffer(victim_restart, sizeof(victim_restart), ", restart %u", restarts_of(VICTIM));
	format_buffer(of_resetter, sizeof(of_resetter), DESCRIPTION_PREFIX "%u,", RESETTER);
	format_buffer(of_victim, sizeof(of_victim), DESCRIPTION_PREFIX "%u,", VICTIM);
	/* The Spec ID header event, then TCG_PCR_EVENT2s: PCR, type, count, algorithm, digest, size, data. */
	at = size >= 32 ? 32 + le32(log_bytes + 28) : size;
	while (at + 50 <= size && at + 50 + le32(log_bytes + at + 46) <= size) {
		const char *text = (const char *)log_bytes + at + 50;
		size_t length = le32(log_bytes + at + 46);
		bool restart = holds(text, length, ", restart ");

		if (restart && holds(text, length, of_resetter))
			resetter_events++;
		if (restart && holds(text, length, of_victim)) {
			victim_events++;
			victim_measured |= holds(text, length, victim_restart);
		}
		at += 50 + length;
	}
	console_printf("log: %zu bytes; restart events: resetter %u, victim %u\n", size, resetter_events,
		       victim_events);
	check(victim_measured, "victim-restart-measured", "no event for the victim's restart (%s) in %zu bytes",
	      victim_restart, size);
	done();
}
