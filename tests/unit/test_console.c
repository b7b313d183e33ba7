// tests: core/console.c core/lib/byte_ring.c core/lib/format.c
// defines: -DCONFIG_HV_CONSOLE=1
/*
 * The hypervisor console (core/console.c) against a UART stub that can
 * stay full, as a partition that owns the UART can hold it (disabled, or
 * CTS flow control): no call spins (a bounded number of looks at the UART
 * per call), every message stays in the log ring in order (the latest
 * kept), a full UART queue drops whole messages and counts them, the count
 * is printed once there is room again, and draining resumes in order, one
 * bounded amount per call and whole lines only, unless the UART itself
 * runs out of room. The empty queue costs the trap path no look at the
 * UART at all, and a partition's lines leave half the queue to the
 * hypervisor's own. While a partition drives the UART, only urgent
 * messages are written there; the others are in the log ring only.
 */
#include "unit.h"

#include <console.h>
#include <platform_console.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* The UART stub: `room` bytes accepted, then full; every look counted. */
static struct {
	long room;		/* < 0: unlimited */
	unsigned long ready_calls, write_calls;
	unsigned long full_looks;	/* in a row: a console that spins is stopped here */
	char out[1 << 20];
	size_t out_len;
} uart;

void platform_console_init(void)
{
}

bool platform_console_ready(void)
{
	uart.ready_calls++;
	if (uart.room != 0) {
		uart.full_looks = 0;
		return true;
	}
	/* console_flush_sync() may poll 1000000 times; more is a spin. */
	if (++uart.full_looks > 2000000) {
		fprintf(stderr, "the console spins on a full UART\n");
		abort();
	}
	return false;
}

void platform_console_write(char c)
{
	uart.write_calls++;
	if (uart.room == 0) {
		fprintf(stderr, "write to a full UART\n");
		abort();
	}
	if (uart.room > 0)
		uart.room--;
	if (uart.out_len < sizeof(uart.out))
		uart.out[uart.out_len++] = c;
}

static void uart_reset_counts(void)
{
	uart.ready_calls = uart.write_calls = uart.full_looks = 0;
}

/* Bytes of message n: 100 of them, "message NNN " then a pattern, '\n' last. */
#define MESSAGE_LEN 100
static void make_message(unsigned int n, char *out)
{
	int head = snprintf(out, MESSAGE_LEN, "message %03u ", n);

	for (int i = head; i < MESSAGE_LEN - 1; i++)
		out[i] = (char)('a' + (n + (unsigned int)i) % 26);
	out[MESSAGE_LEN - 1] = '\n';
}

/* What the UART shows for text: every '\n' as "\r\n". */
static size_t on_the_wire(const char *text, size_t len, char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			out[n++] = '\r';
		out[n++] = text[i];
	}
	return n;
}

static char expected[1 << 20];
static size_t expected_len;

static void expect(const char *text, size_t len)
{
	expected_len += on_the_wire(text, len, expected + expected_len);
}

static void check_boot_is_synchronous(void)
{
	uart.room = -1;
	console_init();
	/* Before partitions run, the UART is the hypervisor's alone: everything goes. */
	console_share_uart(true);
	console_printf_class(CONSOLE_RECORD, "boot line\n");
	CHECK(uart.out_len == 11 && memcmp(uart.out, "boot line\r\n", 11) == 0);
	expect("boot line\n", 10);
	console_never_wait();
}

/* The log ring's last count * MESSAGE_LEN bytes before `end` are messages first.. in order. */
static bool log_holds(uint64_t end, unsigned int first, unsigned int count)
{
	static char got[CONSOLE_RING_SIZE];
	char message[MESSAGE_LEN];
	uint64_t from = end - (uint64_t)count * MESSAGE_LEN, next, len = 0;

	while (len < (uint64_t)count * MESSAGE_LEN) {
		uint64_t n = console_log_read(from, got + len, (uint64_t)count * MESSAGE_LEN - len, &next);
		if (n == 0)
			break;
		len += n;
		from = next;
	}
	if (len != (uint64_t)count * MESSAGE_LEN)
		return false;
	for (unsigned int i = 0; i < count; i++) {
		make_message(first + i, message);
		if (memcmp(got + (size_t)i * MESSAGE_LEN, message, MESSAGE_LEN) != 0)
			return false;
	}
	return true;
}

static void check_full_uart_never_waits(void)
{
	char message[MESSAGE_LEN];
	unsigned int fits = CONSOLE_UART_QUEUE_SIZE / MESSAGE_LEN, sent = fits + 37, worst = 0;
	unsigned int kept = CONSOLE_RING_SIZE / MESSAGE_LEN;
	char note[96];
	int note_len;

	uart.room = 0;
	uart_reset_counts();
	/* Nothing pending: the trap path's drain does not even look at the UART. */
	console_drain_if_pending();
	CHECK(uart.ready_calls == 0);

	for (unsigned int n = 0; n < sent; n++) {
		unsigned long before = uart.ready_calls;
		make_message(n, message);
		console_write(message, MESSAGE_LEN);
		if (uart.ready_calls - before > worst)
			worst = (unsigned int)(uart.ready_calls - before);
	}
	/* One look at a full UART per call, no spinning and nothing written. */
	CHECK(worst == 1);
	CHECK(uart.write_calls == 0);
	CHECK(console_backlog != 0);
	/* The log keeps the latest, whole and in order; the UART's queue the first that fit. */
	CHECK(log_holds(console_log_end(), sent - kept, kept));
	CHECK(console_uart_pending() == (uint64_t)fits * MESSAGE_LEN);
	for (unsigned int n = 0; n < fits; n++) {
		make_message(n, message);
		expect(message, MESSAGE_LEN);
	}
	/* Draining while full: each call looks once and gives up. */
	uart_reset_counts();
	for (int i = 0; i < 100; i++)
		console_drain_if_pending();
	CHECK(uart.ready_calls == 100 && uart.write_calls == 0);

	/* Room for 300 bytes: exactly those go, in order, then it is full again. */
	uart.room = 300;
	console_drain();
	CHECK(uart.out_len == 11 + 300);
	CHECK(memcmp(uart.out, expected, uart.out_len) == 0);

	/* Unlimited room: the line the UART cut short is finished first, alone. */
	uart.room = -1;
	console_drain_on_exit();
	CHECK(uart.out_len == 11 + 3 * (MESSAGE_LEN + 1));
	/* The exit path: one whole line per call. */
	console_drain_on_exit();
	CHECK(uart.out_len == 11 + 4 * (MESSAGE_LEN + 1));
	/* Then each call writes a bounded amount, whole lines, the backlog in order. */
	for (int calls = 0; console_backlog != 0 && calls < 1000; calls++) {
		size_t before = uart.out_len;
		console_drain_if_pending();
		CHECK(uart.out_len - before <= 512 + MESSAGE_LEN + 1);
		CHECK(uart.out[uart.out_len - 1] == '\n');
	}
	CHECK(console_backlog == 0 && console_uart_pending() == 0);
	/* Caught up: the drop count is said once, right after what was kept. */
	note_len = snprintf(note, sizeof(note), "bulkhead: %u messages (%u bytes) dropped here (bulkheadctl hvlog)\n",
			    sent - fits, (sent - fits) * MESSAGE_LEN);
	expect(note, (size_t)note_len);
	CHECK(uart.out_len == expected_len);
	CHECK(memcmp(uart.out, expected, expected_len) == 0);

	/* A new message follows it, and the count is not repeated. */
	make_message(9999, message);
	console_write(message, MESSAGE_LEN);
	expect(message, MESSAGE_LEN);
	CHECK(uart.out_len == expected_len && memcmp(uart.out, expected, expected_len) == 0);
}

static void check_stalled_mid_line(void)
{
	char message[MESSAGE_LEN];

	/* Full exactly between a line's '\r' and its '\n': neither lost nor doubled. */
	make_message(500, message);
	uart.room = MESSAGE_LEN;	/* the text and the '\r', not the '\n' */
	console_write(message, MESSAGE_LEN);
	expect(message, MESSAGE_LEN);
	CHECK(uart.out_len == expected_len - 1);
	uart.room = -1;
	console_drain_if_pending();
	CHECK(uart.out_len == expected_len && memcmp(uart.out, expected, expected_len) == 0);
}

static void check_log_read_from_position(void)
{
	char got[64];
	uint64_t next, n;

	/* A position older than the ring keeps is moved to the oldest byte kept. */
	n = console_log_read(0, got, sizeof(got), &next);
	CHECK(n == sizeof(got) && next > sizeof(got));
	/* Past the end: nothing, and the position stays at the end. */
	n = console_log_read(UINT64_MAX / 2, got, sizeof(got), &next);
	CHECK(n == 0);
	CHECK(console_log_read(next, got, sizeof(got), &next) == 0);
}

static void check_partition_lines_leave_room(void)
{
	char message[MESSAGE_LEN], note[96];
	unsigned int fits = CONSOLE_RING_SIZE / 2 / MESSAGE_LEN;
	int note_len;

	/* A partition floods its console while the UART is held: half the ring, no more. */
	uart.room = 0;
	for (unsigned int n = 0; n < fits + 5; n++) {
		make_message(700 + n, message);
		console_partition_printf("%.*s", MESSAGE_LEN, message);
		if (n < fits)
			expect(message, MESSAGE_LEN);
	}
	/* The hypervisor's own message still gets in, after the count of what was dropped. */
	make_message(800, message);
	console_write(message, MESSAGE_LEN);
	note_len = snprintf(note, sizeof(note), "bulkhead: 5 messages (%u bytes) dropped here (bulkheadctl hvlog)\n",
			    5 * MESSAGE_LEN);
	expect(note, (size_t)note_len);
	expect(message, MESSAGE_LEN);
	uart.room = -1;
	for (int calls = 0; console_backlog != 0 && calls < 1000; calls++)
		console_drain_if_pending();
	CHECK(uart.out_len == expected_len && memcmp(uart.out, expected, expected_len) == 0);
}

static void check_record_kept_off_a_shared_uart(void)
{
	char message[MESSAGE_LEN];
	uint64_t end = console_log_end();

	/* A partition drives the UART: a record is in the log only, an urgent message on both. */
	uart.room = -1;
	make_message(900, message);
	console_write_class(CONSOLE_RECORD, message, MESSAGE_LEN);
	CHECK(uart.out_len == expected_len && console_uart_pending() == 0);
	CHECK(console_log_end() == end + MESSAGE_LEN && log_holds(console_log_end(), 900, 1));
	make_message(901, message);
	console_write_class(CONSOLE_URGENT, message, MESSAGE_LEN);
	expect(message, MESSAGE_LEN);
	CHECK(uart.out_len == expected_len && memcmp(uart.out, expected, expected_len) == 0);
	CHECK(log_holds(console_log_end(), 900, 2));
	/* The UART the hypervisor's alone again: records are shown too. */
	console_share_uart(false);
	make_message(902, message);
	console_write_class(CONSOLE_RECORD, message, MESSAGE_LEN);
	expect(message, MESSAGE_LEN);
	CHECK(uart.out_len == expected_len && memcmp(uart.out, expected, expected_len) == 0);
	console_share_uart(true);
}

static void check_partition_lines_stay_out_of_the_log(void)
{
	uint64_t end = console_log_end();

	uart.room = -1;
	console_partition_printf("[p] a line of its own\n");
	console_drain();
	expect("[p] a line of its own\n", 22);
	CHECK(uart.out_len == expected_len && memcmp(uart.out, expected, expected_len) == 0);
	/* The partition's own ring has it; the hypervisor's log is for its own messages. */
	CHECK(console_log_end() == end);
}

static void check_flush_on_stop_is_bounded(void)
{
	char message[MESSAGE_LEN];

	/* The machine stops with the UART held: bounded polls, then it is given up. */
	uart.room = 0;
	make_message(600, message);
	console_write(message, MESSAGE_LEN);
	uart_reset_counts();
	console_flush_sync();
	CHECK(uart.ready_calls > 0 && uart.ready_calls <= 1000000 && uart.write_calls == 0);
	/* Given up: later synchronous writes look once, and do not wait again. */
	uart_reset_counts();
	console_printf("last words\n");
	CHECK(uart.ready_calls == 1 && uart.write_calls == 0);
	/* The UART back: what was kept comes out. */
	uart.room = -1;
	console_flush_sync();
	expect(message, MESSAGE_LEN);
	expect("last words\n", 11);
	CHECK(uart.out_len == expected_len && memcmp(uart.out, expected, expected_len) == 0);
}

int main(void)
{
	check_boot_is_synchronous();
	check_full_uart_never_waits();
	check_stalled_mid_line();
	check_log_read_from_position();
	check_partition_lines_leave_room();
	check_record_kept_off_a_shared_uart();
	check_partition_lines_stay_out_of_the_log();
	check_flush_on_stop_is_bounded();
	return unit_finish("console");
}
