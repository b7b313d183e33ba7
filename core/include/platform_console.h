/*
 * What a platform provides for the hypervisor console: one UART, polled,
 * that may be someone else's too. Neither call waits.
 */
#ifndef PLATFORM_CONSOLE_H
#define PLATFORM_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

void platform_console_init(void);
/* The UART's physical address, as the layout's device table has it. */
uint64_t platform_console_base(void);
/* The UART takes a byte now: enabled to transmit, FIFO not full, not held by flow control. */
bool platform_console_ready(void);
void platform_console_write(char c);

#endif
