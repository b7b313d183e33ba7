/*
 * The hypervisor console: one physical UART shared by every CPU, and
 * owned by the root partition too. Each call puts its whole text into the
 * log ring at once, so lines from different CPUs never interleave; what
 * is for the UART too gets there from a queue as the UART has room, in
 * whole lines, and never makes a CPU wait once partitions run
 * (core/console.c).
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <byte_ring.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The hypervisor's log ring: what control's BH_CTL_CMD_HVLOG reads. */
#define CONSOLE_RING_SIZE	16384
/* What waits for the UART, at most. */
#define CONSOLE_UART_QUEUE_SIZE	16384

/* What a message is to a person watching the UART. */
enum console_class {
	/* Kept in the log ring; on the UART only while it is the hypervisor's
	 * alone (boot, stop, no partition driving it) or CONFIG_HV_LOG_UART_ALL. */
	CONSOLE_RECORD,
	/* Kept in the log ring and shown on the UART: the banner, refusals,
	 * faults and their containment, panics, power off. */
	CONSOLE_URGENT,
};

void console_init(void);
void console_write_class(enum console_class class, const char *text, size_t len);
void console_printf_class(enum console_class class, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Urgent: panics and register dumps. */
void console_write(const char *text, size_t len);
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_vprintf(const char *fmt, va_list args);
/*
 * A line of a partition's emulated console (`console: emulated`): queued
 * for the UART only (its caller holds the console's lock; the UART gets
 * it at the next drain), not into the log ring (the partition's own ring
 * has it), and only while the queue is less than half full.
 */
void console_partition_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Partitions are about to run: from now on output never waits for the UART. */
void console_never_wait(void);
/* Whether a partition drives the UART: then only urgent messages are written there. */
void console_share_uart(bool shared);
/* The machine stops (panic, power off): write out the ring, waiting boundedly. */
void console_flush_sync(void);

/* Writes what it can of the ring, a bounded amount, only while the UART has room. */
void console_drain(void);

/* Nonzero while the ring holds bytes the UART has not taken. */
extern uint32_t console_backlog;

/* For exits and idle loops: costs one load and a compare when there is nothing to write. */
static inline void console_drain_if_pending(void)
{
	if (__atomic_load_n(&console_backlog, __ATOMIC_RELAXED) != 0)
		console_drain();
}
/*
 * On a vCPU's way back into its partition: one line at most (and the rest
 * of a line the UART cut short). The backlog is mostly others' text (each
 * hypervisor writer drains its own message as it logs it), so a large
 * drain here would charge the vCPU's time, and its interrupt latency, for
 * another partition's output.
 */
void console_drain_few(void);
static inline void console_drain_on_exit(void)
{
	if (__atomic_load_n(&console_backlog, __ATOMIC_RELAXED) != 0)
		console_drain_few();
}

/* Copies the log from position `from` (or the oldest kept); as byte_ring_read. */
uint64_t console_log_read(uint64_t from, char *buffer, uint64_t size, uint64_t *next);
/* The position after the log's last byte. */
uint64_t console_log_end(void);
/* Bytes queued for the UART that it has not taken yet (0: caught up). */
uint64_t console_uart_pending(void);

#endif
