/*
 * The hypervisor console: two rings and a UART that is not ours alone.
 *
 * Every message of the hypervisor's own goes into the log ring (HVLOG,
 * read through the control interface), which keeps the latest 16 KiB and
 * never waits for anyone. What a person must see at once (an urgent
 * message: the banner, refusals, faults and their containment, panics,
 * power off) is also queued for the UART, and so are partitions' lines of
 * `console: emulated`. Before partitions run and once the machine stops,
 * and whenever no partition drives the UART (console_share_uart), every
 * message is queued for the UART.
 *
 * The UART gets the queue a bounded amount per call and only while it
 * says it has room: the UART is the root partition's too, and the root may
 * disable it or hold it with flow control, so nothing here ever waits for
 * it once partitions run. A message that does not fit the queue is not
 * queued and is counted; the count is queued, in the message's place, as
 * soon as there is room again (the message itself is in the log ring).
 *
 * Whole lines: the budget of a call is looked at only between lines, so a
 * line started is finished by the same call unless the UART runs out of
 * room; only then does the rest wait for a later call. What the root
 * writes to the UART meanwhile, directly, can still land inside one of
 * our lines, and ours inside one of its own (the root's partial line has
 * no end we could wait for without waiting on the root).
 *
 * Before partitions run (boot) and once the machine stops (panic, power
 * off), output is synchronous: each byte waits for room, for at most
 * SYNC_POLLS polls of the UART, and a UART that never has room is given up.
 */
#include <console.h>
#include <format.h>
#include <platform_console.h>
#include <spinlock.h>

#include <stdarg.h>
#include <stdbool.h>

#ifdef CONFIG_HV_CONSOLE
static const bool console_enabled = true;
#else
static const bool console_enabled = false;
#endif
#ifdef CONFIG_HV_LOG_UART_ALL
static const bool uart_gets_everything = true;
#else
static const bool uart_gets_everything = false;
#endif

/* Longer messages are cut, and the cut is marked. */
#define CONSOLE_MESSAGE_MAX	512
/* What one call may write to the UART, looked at between lines. */
#define DRAIN_BUDGET		CONSOLE_MESSAGE_MAX
#define DRAIN_CHUNK		32
/* The exit path: one line at most (a vCPU's own time pays for it). */
#define EXIT_DRAIN_BUDGET	1
/* Synchronous output: the whole queue, '\r's included. */
#define SYNC_BUDGET		(2 * CONSOLE_UART_QUEUE_SIZE)
/*
 * Partitions' lines may fill the UART's queue only so far: one flooding
 * its console leaves the rest to the hypervisor's own messages, which are
 * dropped only when the queue is full.
 */
#define PARTITION_LINES_MAX	(CONSOLE_UART_QUEUE_SIZE / 2)
/* A synchronous byte waits this many polls for room, then the UART is given up. */
#define SYNC_POLLS		1000000U

struct console_log {
	/* Writers: one bounded copy (a message, a drop note) into each ring. */
	struct spinlock lock;
	struct byte_ring log;		/* the hypervisor's messages, the latest kept */
	struct byte_ring queue;		/* what the UART is still to take */
	uint64_t dropped_messages, dropped_bytes;	/* not queued, since the last note */
	/* The drainer's alone, whoever holds `draining`. */
	uint32_t draining;
	uint64_t printed;		/* queue position the UART has reached; read by writers */
	bool return_sent;		/* the '\r' of the '\n' at `printed` is out */
	bool in_line;			/* `printed` is inside a line: finished before the budget is looked at */
	bool synchronous;		/* boot and stop: wait (boundedly) for room */
	bool uart_given_up;		/* a synchronous write found no room for SYNC_POLLS */
	bool uart_shared;		/* a partition drives the UART: only urgent messages go there */
	char log_bytes[CONSOLE_RING_SIZE];
	char queue_bytes[CONSOLE_UART_QUEUE_SIZE];
};

static struct console_log hvlog = { .synchronous = true };
uint32_t console_backlog;

void console_init(void)
{
	if (!console_enabled)
		return;
	byte_ring_init(&hvlog.log, hvlog.log_bytes, sizeof(hvlog.log_bytes));
	byte_ring_init(&hvlog.queue, hvlog.queue_bytes, sizeof(hvlog.queue_bytes));
	platform_console_init();
}

static bool uart_room(void)
{
	if (!__atomic_load_n(&hvlog.synchronous, __ATOMIC_RELAXED) || hvlog.uart_given_up)
		return platform_console_ready();
	for (unsigned int i = 0; i < SYNC_POLLS; i++) {
		if (platform_console_ready())
			return true;
	}
	hvlog.uart_given_up = true;
	return false;
}

/*
 * Writes what it can of queue[printed, end); a line is started only while
 * budget is left. The drainer's.
 */
static uint64_t drain_locked(int64_t budget)
{
	char chunk[DRAIN_CHUNK];
	uint64_t at = hvlog.printed, end = byte_ring_end(&hvlog.queue), next;
	bool room = true;

	while (at < end && room && (hvlog.in_line || budget > 0)) {
		uint64_t n = byte_ring_read(&hvlog.queue, at, chunk, end - at < sizeof(chunk) ? end - at : sizeof(chunk),
					    &next), done = 0;

		if (n == 0)
			break;
		while (done < n && (hvlog.in_line || budget > 0) && (room = uart_room())) {
			if (chunk[done] == '\n' && !hvlog.return_sent) {
				platform_console_write('\r');
				hvlog.return_sent = true;
			} else {
				hvlog.in_line = chunk[done] != '\n';
				platform_console_write(chunk[done++]);
				hvlog.return_sent = false;
			}
			budget--;
		}
		at += done;
		if (at == end)
			end = byte_ring_end(&hvlog.queue);
	}
	__atomic_store_n(&hvlog.printed, at, __ATOMIC_RELEASE);
	return at;
}

/*
 * Room in the queue for len more bytes with at most `limit` not yet
 * printed; bytes below `printed` may be overwritten.
 */
static bool fits_locked(uint64_t len, uint64_t limit)
{
	uint64_t pending = hvlog.queue.written - __atomic_load_n(&hvlog.printed, __ATOMIC_ACQUIRE);

	return pending + len <= limit;
}

/* Under the writers' lock: queues text, after the note of what was not queued before it, or counts it. */
static void queue_locked(const char *text, size_t len, uint64_t limit)
{
	char note[96];
	size_t note_len = 0;

	if (hvlog.dropped_messages > 0)
		note_len = format_buffer(note, sizeof(note),
					 "bulkhead: %llu messages (%llu bytes) dropped here (bulkheadctl hvlog)\n",
					 (unsigned long long)hvlog.dropped_messages,
					 (unsigned long long)hvlog.dropped_bytes);
	if (!fits_locked(note_len + len, limit)) {
		if (len > 0) {
			hvlog.dropped_messages++;
			hvlog.dropped_bytes += len;
		}
		return;
	}
	if (note_len > 0) {
		byte_ring_put(&hvlog.queue, note, note_len);
		hvlog.dropped_messages = hvlog.dropped_bytes = 0;
	}
	byte_ring_put(&hvlog.queue, text, len);
	if (note_len + len > 0)
		__atomic_store_n(&console_backlog, 1, __ATOMIC_RELAXED);
}

static void drain(int64_t budget)
{
	uint64_t printed;

	if (__atomic_exchange_n(&hvlog.draining, 1, __ATOMIC_ACQUIRE))
		return;	/* another CPU is at it: it takes this text too, or the next call does */
	printed = drain_locked(budget);
	spin_lock(&hvlog.lock);
	/* Caught up: what was dropped is said now, not when the next message comes. */
	if (hvlog.queue.written == printed)
		queue_locked("", 0, CONSOLE_UART_QUEUE_SIZE);
	/* Under the writers' lock: a writer that adds after this sets it again. */
	if (hvlog.queue.written == printed)
		__atomic_store_n(&console_backlog, 0, __ATOMIC_RELAXED);
	spin_unlock(&hvlog.lock);
	__atomic_store_n(&hvlog.draining, 0, __ATOMIC_RELEASE);
}

void console_drain(void)
{
	if (console_enabled)
		drain(DRAIN_BUDGET);
}

void console_drain_few(void)
{
	if (console_enabled)
		drain(EXIT_DRAIN_BUDGET);
}

void console_never_wait(void)
{
	__atomic_store_n(&hvlog.synchronous, false, __ATOMIC_RELAXED);
}

void console_share_uart(bool shared)
{
	__atomic_store_n(&hvlog.uart_shared, shared, __ATOMIC_RELAXED);
}

void console_flush_sync(void)
{
	if (!console_enabled)
		return;
	__atomic_store_n(&hvlog.synchronous, true, __ATOMIC_RELAXED);
	/* A drainer that does not finish (this CPU faulted inside it) is overridden. */
	for (unsigned int i = 0; i < SYNC_POLLS && __atomic_load_n(&hvlog.draining, __ATOMIC_ACQUIRE); i++)
		;
	__atomic_store_n(&hvlog.draining, 0, __ATOMIC_RELEASE);
	drain(SYNC_BUDGET);
}

/* Whether a message of this class is for the UART too. */
static bool for_the_uart(enum console_class class)
{
	return class == CONSOLE_URGENT || uart_gets_everything ||
	       !__atomic_load_n(&hvlog.uart_shared, __ATOMIC_RELAXED) ||
	       __atomic_load_n(&hvlog.synchronous, __ATOMIC_RELAXED);
}

void console_write_class(enum console_class class, const char *text, size_t len)
{
	bool uart = for_the_uart(class);

	if (!console_enabled || len == 0)
		return;
	if (len > CONSOLE_MESSAGE_MAX)
		len = CONSOLE_MESSAGE_MAX;
	spin_lock(&hvlog.lock);
	byte_ring_put(&hvlog.log, text, len);
	if (uart)
		queue_locked(text, len, CONSOLE_UART_QUEUE_SIZE);
	spin_unlock(&hvlog.lock);
	if (uart)
		drain(__atomic_load_n(&hvlog.synchronous, __ATOMIC_RELAXED) ? SYNC_BUDGET : DRAIN_BUDGET);
}

void console_write(const char *text, size_t len)
{
	console_write_class(CONSOLE_URGENT, text, len);
}

uint64_t console_log_read(uint64_t from, char *buffer, uint64_t size, uint64_t *next)
{
	return byte_ring_read(&hvlog.log, from, buffer, size, next);
}

uint64_t console_log_end(void)
{
	return byte_ring_end(&hvlog.log);
}

uint64_t console_uart_pending(void)
{
	return byte_ring_end(&hvlog.queue) - __atomic_load_n(&hvlog.printed, __ATOMIC_ACQUIRE);
}

/* Formats into message (CONSOLE_MESSAGE_MAX bytes); a cut is marked. */
static size_t format_message(char *message, const char *fmt, va_list args)
{
	static const char cut_mark[] = "...\n";
	size_t len = format_vbuffer(message, CONSOLE_MESSAGE_MAX, fmt, args);

	if (len >= CONSOLE_MESSAGE_MAX) {
		len = CONSOLE_MESSAGE_MAX - 1;
		for (size_t i = 0; i < sizeof(cut_mark) - 1; i++)
			message[len - (sizeof(cut_mark) - 1) + i] = cut_mark[i];
	}
	return len;
}

void console_vprintf(const char *fmt, va_list args)
{
	char message[CONSOLE_MESSAGE_MAX];
	size_t len = format_message(message, fmt, args);

	console_write(message, len);
}

void console_printf_class(enum console_class class, const char *fmt, ...)
{
	char message[CONSOLE_MESSAGE_MAX];
	va_list args;
	size_t len;

	va_start(args, fmt);
	len = format_message(message, fmt, args);
	va_end(args);
	console_write_class(class, message, len);
}

void console_partition_printf(const char *fmt, ...)
{
	char message[CONSOLE_MESSAGE_MAX];
	va_list args;
	size_t len;

	if (!console_enabled)
		return;
	va_start(args, fmt);
	len = format_message(message, fmt, args);
	va_end(args);
	if (len == 0)
		return;
	spin_lock(&hvlog.lock);
	queue_locked(message, len, PARTITION_LINES_MAX);
	spin_unlock(&hvlog.lock);
}

void console_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	console_vprintf(fmt, args);
	va_end(args);
}
