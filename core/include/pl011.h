/* Arm PL011 UART, transmit side. Firmware (or QEMU) has set the baud rate. */
#ifndef PL011_H
#define PL011_H

#include <stdint.h>

void pl011_putc(uintptr_t base, char c);

#endif
