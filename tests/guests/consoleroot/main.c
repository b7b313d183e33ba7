/*
 * consoleroot: the root of tests/layouts/console.yaml, owning the board's
 * UART. First it waits for "racer" (two vCPUs racing their console) to
 * power itself off, and checks that "victim", the partition after it in
 * the hypervisor's table, is untouched and still beating. Then it stops
 * its UART for the hypervisor: UARTCR = 0, later CTS flow control with CTS
 * never asserted (QEMU reports it clear). Meanwhile it makes the
 * hypervisor log (a refused STOP is logged as refused) and
 * reads the hypervisor's log ring through the control interface: the
 * lines must be there, the victim must go on beating, and nothing may
 * hang. Its markers "UART off" and "UART on" frame the stretch in which
 * the serial output must show nothing of the hypervisor's
 * (tests/core/console.sh); the backlog follows "UART on", in order.
 */
#include <guest.h>
#include <control_abi.h>

#define RACER		1U
#define VICTIM		2U

#define PL011_CR		0x030
#define PL011_CR_UARTEN		(1U << 0)
#define PL011_CR_TXE		(1U << 8)
#define PL011_CR_RXE		(1U << 9)
#define PL011_CR_CTSEN		(1U << 15)

/*
 * Deadlines only: a check waits for events (the racer stopped, the victim
 * beat twice), never for a time, and a deadline is far beyond any host's
 * load.
 */
#define DEADLINE_S		120U
#define LOGGED_PER_PHASE	3U

static uint8_t data[BH_CTL_DATA_SIZE];
static char text[2 * BH_CTL_DATA_SIZE];

static struct smccc_result control(uint32_t command, uint64_t arg0, uint64_t arg1)
{
	return hvc_call5(BH_HC_CONTROL, command, arg0, arg1, (uintptr_t)data, sizeof(data));
}

static const struct bh_partition_info *partition_info(uint64_t id)
{
	struct smccc_result r = control(BH_CTL_CMD_PARTITION, id, 0);

	return r.x0 == BH_OK ? (const void *)data : NULL;
}

static bool same_name(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

static bool starts_with(const char *text_at, const char *prefix)
{
	while (*prefix != '\0' && *text_at == *prefix)
		text_at++, prefix++;
	return *prefix == '\0';
}

static uint64_t parse_number(const char *at)
{
	uint64_t n = 0;

	while (*at >= '0' && *at <= '9')
		n = n * 10 + (uint64_t)(*at++ - '0');
	return n;
}

/*
 * Reads a ring (BH_CTL_CMD_CONSOLE of a partition, or BH_CTL_CMD_HVLOG)
 * from position *from into text, NUL-terminated; moves *from on.
 */
static size_t read_ring(uint32_t command, uint64_t id, uint64_t *from)
{
	size_t used = 0;

	while (used < sizeof(text) - 1) {
		struct smccc_result r = command == BH_CTL_CMD_HVLOG ? control(command, *from, 0) :
								       control(command, id, *from);
		size_t n = r.x3;

		if (r.x0 != BH_OK || n == 0)
			break;
		if (n > sizeof(text) - 1 - used)
			n = sizeof(text) - 1 - used;
		for (size_t i = 0; i < n; i++)
			text[used + i] = (char)data[i];
		used += n;
		*from = r.x1;
	}
	text[used] = '\0';
	return used;
}

/* The last "HEARTBEAT n" in text after `prefix` at a line start, or 0. */
static uint64_t last_heartbeat(const char *prefix)
{
	uint64_t last = 0;

	for (const char *at = text; *at != '\0'; at++) {
		if ((at == text || at[-1] == '\n') && starts_with(at, prefix) &&
		    starts_with(at + __builtin_strlen(prefix), "HEARTBEAT "))
			last = parse_number(at + __builtin_strlen(prefix) + 10);
	}
	return last;
}

static unsigned int count_lines(const char *line)
{
	unsigned int count = 0;

	for (const char *at = text; *at != '\0'; at++) {
		if ((at == text || at[-1] == '\n') && starts_with(at, line))
			count++;
	}
	return count;
}

static uint64_t victim_beat(void)
{
	uint64_t from = 0;

	read_ring(BH_CTL_CMD_CONSOLE, VICTIM, &from);
	return last_heartbeat("");
}

static uint64_t deadline_from_now(void)
{
	return counter_read() + DEADLINE_S * counter_frequency();
}

/* Waits until the victim has beaten twice more than `beat`; the beat it reached. */
static uint64_t victim_beats_twice(uint64_t beat)
{
	uint64_t deadline = deadline_from_now(), now;

	while ((now = victim_beat()) < beat + 2 && counter_read() < deadline)
		delay_ticks(ticks_from_ns(10000000));
	return now;
}

/* Waits until the UART has taken all that was queued for it; false at the deadline. */
static bool uart_caught_up(void)
{
	uint64_t deadline = deadline_from_now();

	for (;;) {
		struct smccc_result r = control(BH_CTL_CMD_HVLOG_STATE, 0, 0);
		if (r.x0 == BH_OK && r.x2 == 0)
			return true;
		if (r.x0 != BH_OK || counter_read() >= deadline)
			return false;
		delay_ticks(ticks_from_ns(10000000));
	}
}

static bool racer_backlog_drained;

/*
 * Asking for the victim's entry during the race reads its name through
 * the pointer in the hypervisor's table: an overwritten one faults the
 * hypervisor at once.
 */
static void check_after_race(void)
{
	uint64_t deadline = deadline_from_now();
	const struct bh_partition_info *info;
	uint64_t beat;

	while ((info = partition_info(RACER)) != NULL && info->state != BH_PARTITION_STOPPED &&
	       counter_read() < deadline) {
		partition_info(VICTIM);
		delay_ticks(ticks_from_ns(10000000));
	}
	/*
	 * The hypervisor drains the racer's backlog onto the UART in bounded
	 * pieces, so a line of the root's written now could land inside one
	 * of the racer's lines, which tests/lib/untangle-console.awk never
	 * splits: the verdicts wait until the UART has taken the backlog.
	 */
	racer_backlog_drained = uart_caught_up();
	check(info != NULL && info->state == BH_PARTITION_STOPPED && same_name(info->name, "racer") &&
	      info->vcpu_count == 2, "console-race-over", "racer: %s",
	      info == NULL ? "no answer" : info->state != BH_PARTITION_STOPPED ? "still running" : info->name);
	info = partition_info(VICTIM);
	check(info != NULL && info->id == VICTIM && same_name(info->name, "victim") &&
	      info->state == BH_PARTITION_RUNNING && info->vcpu_count == 1 && info->restarts == 0 &&
	      info->faults == 0, "console-race-victim-entry-intact",
	      "id %u, state %u, %u vCPUs, %u restarts, %u faults", info ? info->id : 0, info ? info->state : 0,
	      info ? info->vcpu_count : 0, info ? info->restarts : 0, info ? info->faults : 0);
	beat = victim_beat();
	check(beat > 0 && victim_beats_twice(beat) >= beat + 2, "console-race-victim-beats-on",
	      "heartbeat %llu, then %llu", (unsigned long long)beat, (unsigned long long)victim_beat());
}

/* Where the hypervisor's log ends now: lines after this are new. */
static uint64_t hvlog_end(void)
{
	uint64_t from = 0;

	for (;;) {
		struct smccc_result r = control(BH_CTL_CMD_HVLOG, from, 0);
		if (r.x0 != BH_OK || r.x3 == 0)
			return from;
		from = r.x1;
	}
}

struct stopped_phase {
	int64_t stop_status;
	unsigned int logged;		/* of LOGGED_PER_PHASE, found in the log ring */
	uint64_t beat_before, beat_after;
};

/* One way of stopping the UART: the hypervisor logs, and its log is read back. */
static struct stopped_phase stopped_uart_phase(uint32_t control_value)
{
	struct stopped_phase phase = { .beat_before = victim_beat() };
	uint64_t from = hvlog_end();

	mmio_write32(PL011_BASE + PL011_CR, control_value);
	for (unsigned int i = 0; i < LOGGED_PER_PHASE; i++) {
		/* Logged, then refused: it is stopped already. */
		phase.stop_status = control(BH_CTL_CMD_STOP, RACER, 0).x0;
		if (phase.stop_status != BH_ERR_STATE)
			break;
	}
	phase.beat_after = victim_beats_twice(phase.beat_before);
	read_ring(BH_CTL_CMD_HVLOG, 0, &from);
	phase.logged = count_lines("bulkhead: control: consoleroot stops partition racer: refused, not in a state for that\n");
	return phase;
}

static void report(const struct stopped_phase *phase, const char *logged, const char *beats)
{
	check(phase->stop_status == BH_ERR_STATE && phase->logged == LOGGED_PER_PHASE, logged,
	      "STOP status %lld, %u of %u lines in the log ring", (long long)phase->stop_status, phase->logged,
	      LOGGED_PER_PHASE);
	check(phase->beat_after >= phase->beat_before + 2, beats, "heartbeat %llu, then %llu",
	      (unsigned long long)phase->beat_before, (unsigned long long)phase->beat_after);
}

void guest_main(uint64_t dtb)
{
	uint32_t control_before = mmio_read32(PL011_BASE + PL011_CR);
	struct stopped_phase disabled, flow_controlled;
	bool caught_up_before, caught_up_after;

	(void)dtb;
	/* Nothing printed before the race is over: the UART is the hypervisor's
	 * for the racer's lines, and a line of the root's could land inside one. */
	check_after_race();
	/*
	 * The markers are written to the UART while it is stopped for the
	 * hypervisor: a PL011 keeps them in its FIFO (QEMU's sends them at
	 * once), so they come out before anything the hypervisor writes once
	 * it sees the UART again. Before them the UART takes the racer's last
	 * lines; the verdicts wait until it has taken the backlog, so that
	 * nothing of the hypervisor's lands inside them.
	 */
	caught_up_before = racer_backlog_drained && uart_caught_up();
	console_printf("UART off\n");
	disabled = stopped_uart_phase(0);
	flow_controlled = stopped_uart_phase(PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE | PL011_CR_CTSEN);
	mmio_write32(PL011_BASE + PL011_CR, 0);
	console_printf("UART on\n");
	mmio_write32(PL011_BASE + PL011_CR, control_before);
	caught_up_after = uart_caught_up();
	check(caught_up_before && caught_up_after, "uart-takes-the-backlog", "%s",
	      caught_up_before ? "not after the UART came back" : "not before the UART was stopped");
	report(&disabled, "uart-disabled-log-kept", "uart-disabled-victim-beats-on");
	report(&flow_controlled, "uart-cts-log-kept", "uart-cts-victim-beats-on");
}
