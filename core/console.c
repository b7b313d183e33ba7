/*
 * The hypervisor console. A message is formatted on the caller's stack,
 * then copied whole into the log ring under a short lock; the UART gets
 * it from the ring, a bounded number of bytes per call and only while the
 * UART says it has room. The UART is the root partition's too, and the
 * root may disable it or hold it with flow control: nothing here ever
 * waits for it once partitions run. A message that does not fit is
 * dropped and counted; the count goes into the ring, in the message's
 * place, as soon as there is room again.
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

/* Longer messages are cut, and the cut is marked. */
#define CONSOLE_MESSAGE_MAX	512
/* What one call may write to the UART, at most. */
#define DRAIN_BUDGET		CONSOLE_MESSAGE_MAX
#define DRAIN_CHUNK		32
/* What the exit path may write, at most: a vCPU's own time pays for it. */
#define EXIT_DRAIN_BUDGET	DRAIN_CHUNK
/* Synchronous output: the whole ring, '\r's included. */
#define SYNC_BUDGET		(2 * CONSOLE_RING_SIZE)
/*
 * Partitions' lines may fill the ring only so far: one flooding its
 * console leaves the rest to the hypervisor's own messages (faults,
 * restarts), which are dropped only when the ring is full.
 */
#define PARTITION_LINES_MAX	(CONSOLE_RING_SIZE / 2)
/* A synchronous byte waits this many polls for room, then the UART is given up. */
#define SYNC_POLLS		1000000U

struct console_log {
	/* Writers: one bounded copy (a message, a drop note) each. */
	struct spinlock lock;
	struct byte_ring ring;
	uint64_t dropped_messages, dropped_bytes;	/* since the last note */
	/* The drainer's alone, whoever holds `draining`. */
	uint32_t draining;
	uint64_t printed;		/* ring position the UART has reached; read by writers */
	bool return_sent;		/* the '\r' of the '\n' at `printed` is out */
	bool synchronous;		/* boot and stop: wait (boundedly) for room */
	bool uart_given_up;		/* a synchronous write found no room for SYNC_POLLS */
	char bytes[CONSOLE_RING_SIZE];
};

static struct console_log hvlog = { .synchronous = true };
uint32_t console_backlog;

void console_init(void)
{
	if (!console_enabled)
		return;
	byte_ring_init(&hvlog.ring, hvlog.bytes, sizeof(hvlog.bytes));
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

/* Writes what it can of ring[printed, end), at most budget bytes; the drainer's. */
static uint64_t drain_locked(uint64_t budget)
{
	char chunk[DRAIN_CHUNK];
	uint64_t at = hvlog.printed, end = byte_ring_end(&hvlog.ring), next;

	while (budget > 0 && at < end) {
		uint64_t n = byte_ring_read(&hvlog.ring, at, chunk, end - at < sizeof(chunk) ? end - at : sizeof(chunk),
					    &next), done = 0;

		while (done < n && budget > 0 && uart_room()) {
			if (chunk[done] == '\n' && !hvlog.return_sent) {
				platform_console_write('\r');
				hvlog.return_sent = true;
			} else {
				platform_console_write(chunk[done++]);
				hvlog.return_sent = false;
			}
			budget--;
		}
		at += done;
		if (done < n || n == 0)
			break;
		if (at == end)
			end = byte_ring_end(&hvlog.ring);
	}
	__atomic_store_n(&hvlog.printed, at, __ATOMIC_RELEASE);
	return at;
}

/*
 * Room for len more bytes with at most `limit` not yet printed; bytes
 * below `printed` may be overwritten.
 */
static bool fits_locked(uint64_t len, uint64_t limit)
{
	uint64_t pending = hvlog.ring.written - __atomic_load_n(&hvlog.printed, __ATOMIC_ACQUIRE);

	return pending + len <= limit;
}

/* Under the writers' lock: puts text, after the note of what was dropped before it, or drops it. */
static void put_locked(const char *text, size_t len, uint64_t limit)
{
	char note[80];
	size_t note_len = 0;

	if (hvlog.dropped_messages > 0)
		note_len = format_buffer(note, sizeof(note), "bulkhead: %llu messages (%llu bytes) dropped\n",
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
		byte_ring_put(&hvlog.ring, note, note_len);
		hvlog.dropped_messages = hvlog.dropped_bytes = 0;
	}
	byte_ring_put(&hvlog.ring, text, len);
	if (note_len + len > 0)
		__atomic_store_n(&console_backlog, 1, __ATOMIC_RELAXED);
}

static void drain(uint64_t budget)
{
	uint64_t printed;

	if (__atomic_exchange_n(&hvlog.draining, 1, __ATOMIC_ACQUIRE))
		return;	/* another CPU is at it: it takes this text too, or the next call does */
	printed = drain_locked(budget);
	spin_lock(&hvlog.lock);
	/* Caught up: what was dropped is said now, not when the next message comes. */
	if (hvlog.ring.written == printed)
		put_locked("", 0, CONSOLE_RING_SIZE);
	/* Under the writers' lock: a writer that adds after this sets it again. */
	if (hvlog.ring.written == printed)
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

static void queue(const char *text, size_t len, uint64_t limit)
{
	if (len > CONSOLE_MESSAGE_MAX)
		len = CONSOLE_MESSAGE_MAX;
	spin_lock(&hvlog.lock);
	put_locked(text, len, limit);
	spin_unlock(&hvlog.lock);
}

void console_write(const char *text, size_t len)
{
	if (!console_enabled || len == 0)
		return;
	queue(text, len, CONSOLE_RING_SIZE);
	drain(__atomic_load_n(&hvlog.synchronous, __ATOMIC_RELAXED) ? SYNC_BUDGET : DRAIN_BUDGET);
}

uint64_t console_log_read(uint64_t from, char *buffer, uint64_t size, uint64_t *next)
{
	return byte_ring_read(&hvlog.ring, from, buffer, size, next);
}

uint64_t console_log_end(void)
{
	return byte_ring_end(&hvlog.ring);
}

uint64_t console_log_printed(void)
{
	return __atomic_load_n(&hvlog.printed, __ATOMIC_ACQUIRE);
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
	if (len > 0)
		queue(message, len, PARTITION_LINES_MAX);
}

void console_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	console_vprintf(fmt, args);
	va_end(args);
}
