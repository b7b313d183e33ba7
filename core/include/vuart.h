/*
 * An emulated PL011 for a partition without a real UART: enough of the
 * register file for a bare-metal putc and Linux's amba-pl011 driver and
 * earlycon. Output is line-buffered and printed on the hypervisor console
 * as "[name] line", so lines of different partitions never interleave.
 */
#ifndef VUART_H
#define VUART_H

#include <mmio.h>

#include <stdint.h>

#define VUART_LINE_MAX		160
#define VUART_MMIO_SIZE		0x1000

struct vuart {
	const char *owner;
	char line[VUART_LINE_MAX];
	unsigned int used;
	uint32_t control;	/* UARTCR */
	uint32_t interrupt_mask;	/* UARTIMSC */
	uint32_t line_control;	/* UARTLCR_H */
	uint32_t baud_integer, baud_fraction;
};

void vuart_init(struct vuart *uart, const char *owner);
enum mmio_result vuart_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access);

/* Prints what is buffered, e.g. when the partition stops. */
void vuart_flush(struct vuart *uart);

#endif
