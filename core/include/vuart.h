/*
 * An emulated PL011 for a partition without a real UART: enough of the
 * register file for a bare-metal putc and Linux's amba-pl011 driver and
 * earlycon. Output is line-buffered and printed on the hypervisor console
 * as "[name] line", so lines of different partitions never interleave.
 */
#ifndef VUART_H
#define VUART_H

#include <byte_ring.h>
#include <mmio.h>
#include <spinlock.h>

#include <stdbool.h>
#include <stdint.h>

#define VUART_LINE_MAX		160
#define VUART_MMIO_SIZE		0x1000
#define VUART_RING_SIZE		4096	/* the last output kept for the control interface */

/*
 * One per partition, written by all its vCPUs at once and flushed by
 * whoever stops or restarts it: everything below `lock` is under it. One
 * lock rather than a line per vCPU, because a partition's console is one
 * stream that its own kernel already orders (Linux's console lock): per-vCPU
 * lines would reorder what it serialised. The lock is held for one byte
 * (and at most one line queued, a bounded copy into the log ring: the UART
 * gets it on the way out of the exit), never across a guest buffer: the
 * hypercall copies its text in short chunks. Only the partition's own
 * vCPUs contend for it, and the CPU that stops it.
 */
struct vuart {
	const char *owner;
	bool to_console;	/* lines go to the hypervisor's console, besides the ring */
	struct spinlock lock;
	/* False from the moment the partition is told to stop until its next
	 * run starts: a vCPU of the old run still on its way out writes
	 * nothing, so no byte of it starts the next run's first line. */
	bool open;
	char line[VUART_LINE_MAX];
	unsigned int used;	/* < VUART_LINE_MAX between puts */
	uint32_t control;	/* UARTCR */
	uint32_t interrupt_mask;	/* UARTIMSC */
	uint32_t line_control;	/* UARTLCR_H */
	uint32_t baud_integer, baud_fraction;
	/* Everything the partition printed, the last VUART_RING_SIZE bytes of
	 * it: written under the lock, read by the control interface without. */
	struct byte_ring ring;
	char ring_bytes[VUART_RING_SIZE];
};

void vuart_init(struct vuart *uart, const char *owner, bool to_console);
enum mmio_result vuart_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access);

/* Prints what is buffered, e.g. when the machine stops. */
void vuart_flush(struct vuart *uart);

/*
 * The partition's run ends (it is stopping or restarting; its vCPUs may
 * not have left yet): what is buffered is queued as the run's last line,
 * and whatever its vCPUs still write is dropped until vuart_open(). Queues
 * only: the caller's exit (or an idle CPU) drains it.
 */
void vuart_close(struct vuart *uart);

/* Its next run starts, every vCPU of the last one gone: output is kept again. */
void vuart_open(struct vuart *uart);

/* BH_HC_CONSOLE_WRITE: text in the partition's own memory, as if written to DR. */
void vuart_write_guest_text(struct vuart *uart, const volatile char *text, uint64_t len);

/*
 * Copies output from position `from` (or the oldest kept, if later) into
 * buffer; returns the bytes copied and sets *next to the position after them.
 */
uint64_t vuart_ring_read(const struct vuart *uart, uint64_t from, char *buffer, uint64_t size, uint64_t *next);

#endif
