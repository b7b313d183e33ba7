/*
 * An emulated PL011 for a partition without a real UART: enough of the
 * register file for a bare-metal putc and Linux's amba-pl011 driver and
 * earlycon. Output is line-buffered and printed on the hypervisor console
 * as "[name] line", so lines of different partitions never interleave.
 */
#ifndef VUART_H
#define VUART_H

#include <mmio.h>

#include <stdbool.h>
#include <stdint.h>

#define VUART_LINE_MAX		160
#define VUART_MMIO_SIZE		0x1000
#define VUART_RING_SIZE		4096	/* the last output kept for the control interface */

struct vuart {
	const char *owner;
	bool to_console;	/* lines go to the hypervisor's console, besides the ring */
	char line[VUART_LINE_MAX];
	unsigned int used;
	uint32_t control;	/* UARTCR */
	uint32_t interrupt_mask;	/* UARTIMSC */
	uint32_t line_control;	/* UARTLCR_H */
	uint32_t baud_integer, baud_fraction;
	/* Everything the partition printed, the last VUART_RING_SIZE bytes of it. */
	char ring[VUART_RING_SIZE];
	uint64_t ring_written;	/* bytes ever written; position of the next */
};

void vuart_init(struct vuart *uart, const char *owner, bool to_console);
enum mmio_result vuart_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access);

/* Prints what is buffered, e.g. when the partition stops. */
void vuart_flush(struct vuart *uart);

/*
 * Copies output from position `from` (or the oldest kept, if later) into
 * buffer; returns the bytes copied and sets *next to the position after them.
 */
uint64_t vuart_ring_read(const struct vuart *uart, uint64_t from, char *buffer, uint64_t size, uint64_t *next);

#endif
