/* Arm PL011 UART, transmit side. Firmware (or QEMU) has set the baud rate. */
#ifndef PL011_H
#define PL011_H

#include <stdbool.h>
#include <stdint.h>

/* Boot, before any partition owns it: transmit on (QEMU's resets with UARTEN clear). */
void pl011_enable_tx(uintptr_t base);

/*
 * True iff a byte written now goes out: the UART and its transmitter are
 * enabled (UARTCR.UARTEN, TXE), the FIFO is not full, and CTS is asserted
 * if CTS flow control is on. Another owner may change UARTCR at any time.
 */
bool pl011_tx_ready(uintptr_t base);
void pl011_write(uintptr_t base, char c);

#endif
